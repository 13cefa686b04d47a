// Positions (职位).
import type { Kysely } from 'kysely';
import { AppError, conflict, invalid, notFound } from '../core/errors.js';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import { writeWithAudit } from './audit.service.js';
import { authorize } from './authorize.js';
import { nowIso, type ServiceContext } from './context.js';

export interface PositionDto {
  id: number;
  name: string;
}

export async function listPositions(ctx: ServiceContext, actor: Actor | null): Promise<PositionDto[]> {
  authorize(actor, 'org.read');
  return ctx.db.kysely.selectFrom('positions').select(['id', 'name']).orderBy('name').execute();
}

/** Finds a position by name, creating it when missing (used by imports). */
export async function positionIdByName(trx: Kysely<Database>, name: string, now: string): Promise<number> {
  const found = await trx.selectFrom('positions').select('id').where('name', '=', name).executeTakeFirst();
  if (found) return found.id;
  const row = await trx
    .insertInto('positions')
    .values({ name, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createPosition(
  ctx: ServiceContext,
  actor: Actor | null,
  name: string,
): Promise<PositionDto> {
  authorize(actor, 'org.write');
  const clean = name.trim();
  if (!clean) throw invalid('name is required');
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const dup = await trx.selectFrom('positions').select('id').where('name', '=', clean).executeTakeFirst();
    if (dup) throw conflict(`a position named ${clean} exists`);
    const row = await trx
      .insertInto('positions')
      .values({ name: clean, created_at: now, updated_at: now })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    return {
      result: row,
      audit: {
        action: 'position.create',
        targetType: 'position',
        targetId: row.id,
        details: { name: clean },
      },
    };
  });
}

export async function renamePosition(ctx: ServiceContext, actor: Actor | null, id: number, name: string) {
  authorize(actor, 'org.write');
  const clean = name.trim();
  if (!clean) throw invalid('name is required');
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx
      .updateTable('positions')
      .set({ name: clean, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .returning(['id', 'name'])
      .executeTakeFirst();
    if (!row) throw notFound('position', id);
    return {
      result: row,
      audit: { action: 'position.update', targetType: 'position', targetId: id, details: { name: clean } },
    };
  });
}

export async function deletePosition(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'org.write');
  await writeWithAudit(ctx, actor, async (trx) => {
    const used = await trx
      .selectFrom('employees')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('position_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(used.n) > 0)
      throw new AppError('has_dependents', 409, { what: 'position', count: Number(used.n) });
    const r = await trx.deleteFrom('positions').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('position', id);
    return { result: undefined, audit: { action: 'position.delete', targetType: 'position', targetId: id } };
  });
}
