// Whether an employee punches by face on a date, by the roll-out scope in the attendance settings.
import type { Kysely } from 'kysely';
import { departmentChain, faceRolloutCovers } from '../../core/org/face-rollout.js';
import { localDateOf } from '../../core/time/zone.js';
import type { Database } from '../../db/schema.js';
import { readSettings } from './settings.js';

export async function faceRolledOutFor(
  db: Kysely<Database>,
  employee: { department_id: number | null },
  atMs: number,
): Promise<boolean> {
  const settings = await readSettings(db);
  if (settings.faceRollout.length === 0) return true;
  const nodes = (await db.selectFrom('departments').select(['id', 'parent_id']).execute()).map((d) => ({
    id: d.id,
    parentId: d.parent_id,
  }));
  const date = localDateOf(atMs, settings.companyZone);
  return faceRolloutCovers(settings.faceRollout, departmentChain(nodes, employee.department_id), date);
}
