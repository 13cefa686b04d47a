// Retention settings in the settings table. Two of them are shared with other areas under their existing keys:
// the evidence days with the kiosk settings, keeping enrollment photos with the face settings.
import type { Kysely } from 'kysely';
import { checkRetention, defaultRetention, type RetentionSettings } from '../../core/privacy/retention.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { KEEP_PHOTOS_KEY } from '../face/settings.js';
import { EVIDENCE_RETENTION_KEY } from '../kiosk/settings.js';

const KEYS: Record<keyof RetentionSettings, string> = {
  evidenceDays: EVIDENCE_RETENTION_KEY,
  keepEnrollmentPhotos: KEEP_PHOTOS_KEY,
  templateDaysAfterTermination: 'retention.templateDaysAfterTermination',
  recordYears: 'retention.recordYears',
};

export async function readRetention(db: Kysely<Database>): Promise<RetentionSettings> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(KEYS))
    .execute();
  const stored = (name: keyof RetentionSettings) => {
    const row = rows.find((r) => r.key === KEYS[name]);
    return row ? JSON.parse(row.value) : undefined;
  };
  return {
    evidenceDays: Number(stored('evidenceDays') ?? defaultRetention.evidenceDays),
    keepEnrollmentPhotos: stored('keepEnrollmentPhotos') === true,
    templateDaysAfterTermination: Number(
      stored('templateDaysAfterTermination') ?? defaultRetention.templateDaysAfterTermination,
    ),
    recordYears: Number(stored('recordYears') ?? defaultRetention.recordYears),
  };
}

export async function getRetention(ctx: ServiceContext, actor: Actor | null): Promise<RetentionSettings> {
  authorize(actor, 'privacy.read');
  return readRetention(ctx.db.kysely);
}

export async function updateRetention(
  ctx: ServiceContext,
  actor: Actor | null,
  patch: Partial<RetentionSettings>,
): Promise<RetentionSettings> {
  authorize(actor, 'privacy.manage');
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const before = await readRetention(trx);
    const after: RetentionSettings = { ...before };
    for (const name of Object.keys(KEYS) as (keyof RetentionSettings)[]) {
      if (patch[name] !== undefined) (after as unknown as Record<string, unknown>)[name] = patch[name];
    }
    checkRetention(after);
    for (const name of Object.keys(KEYS) as (keyof RetentionSettings)[]) {
      if (after[name] === before[name]) continue;
      const value = JSON.stringify(after[name]);
      await trx
        .insertInto('settings')
        .values({ key: KEYS[name], value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    }
    return {
      result: after,
      audit: { action: 'privacy.retention.update', targetType: 'settings', details: { before, after } },
    };
  });
}
