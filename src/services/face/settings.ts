// Face settings kept in the settings table. Enrollment photos are not kept unless an administrator says so.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';

export const KEEP_PHOTOS_KEY = 'faces.keepEnrollmentPhotos';

export interface FaceSettings {
  /** Keep each enrollment photo, sealed, beside its template (for re-enrollment after a model change). */
  keepEnrollmentPhotos: boolean;
}

export async function readFaceSettings(db: Kysely<Database>): Promise<FaceSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', KEEP_PHOTOS_KEY)
    .executeTakeFirst();
  return { keepEnrollmentPhotos: row ? JSON.parse(row.value) === true : false };
}

export async function getFaceSettings(ctx: ServiceContext, actor: Actor | null): Promise<FaceSettings> {
  authorize(actor, 'faces.read');
  return readFaceSettings(ctx.db.kysely);
}

export async function updateFaceSettings(
  ctx: ServiceContext,
  actor: Actor | null,
  input: Partial<FaceSettings>,
): Promise<FaceSettings> {
  authorize(actor, 'faces.configure');
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const before = await readFaceSettings(trx);
    if (input.keepEnrollmentPhotos !== undefined) {
      const value = JSON.stringify(input.keepEnrollmentPhotos);
      await trx
        .insertInto('settings')
        .values({ key: KEEP_PHOTOS_KEY, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    }
    const after = await readFaceSettings(trx);
    return {
      result: after,
      audit: { action: 'face.settings.update', targetType: 'settings', details: { before, after } },
    };
  });
}
