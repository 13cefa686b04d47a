// Kiosk settings kept in the settings table: the repeat-punch window, clock tolerance, when to ask for an active
// liveness challenge, the failure-streak alert, the QR code period, working hours for offline alerts, and how
// long evidence crops are kept.
import type { Kysely } from 'kysely';
import { invalid } from '../../core/errors.js';
import type { ChallengeMode } from '../../core/kiosk/liveness.js';
import { isValidClock } from '../../core/time/clock.js';
import { prepare } from '../../db/prepared.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';

export const KIOSK_SETTINGS_KEY = 'kiosk.settings';
/** Days an evidence crop is kept (证据照片保存期限); shared with the retention purge. */
export const EVIDENCE_RETENTION_KEY = 'retention.evidenceDays';

export interface KioskSettings {
  /** A second punch by the same person within this many minutes is refused. */
  repeatWindowMinutes: number;
  /** Device clock offsets beyond this are flagged on the punch. */
  clockToleranceSeconds: number;
  /** Ask for an active challenge on every face punch, or only when the passive scores are uncertain. */
  challengeMode: ChallengeMode;
  /** Passive scores at or above these need no challenge in 'uncertain' mode. */
  sureAntispoof: number;
  sureLiveness: number;
  /** Refused attempts in a row at one device that raise an alert. */
  failureAlertThreshold: number;
  /** Seconds each self-service QR code is shown before the next. */
  qrPeriodSeconds: number;
  /** Working hours in each site's time zone, for offline alerts. */
  workStart: string;
  workEnd: string;
  /** Weekdays 0 (Sunday) … 6 (Saturday). */
  workWeekdays: number[];
  /** A device silent this long is offline. */
  offlineAfterMinutes: number;
  /** Days an evidence crop is kept. */
  evidenceRetentionDays: number;
}

export const defaultKioskSettings: KioskSettings = {
  repeatWindowMinutes: 5,
  clockToleranceSeconds: 120,
  challengeMode: 'uncertain',
  sureAntispoof: 0.8,
  sureLiveness: 0.8,
  failureAlertThreshold: 5,
  qrPeriodSeconds: 30,
  workStart: '08:00',
  workEnd: '20:00',
  workWeekdays: [1, 2, 3, 4, 5],
  offlineAfterMinutes: 5,
  evidenceRetentionDays: 30,
};

// Read on every punch: built once.
const selectKioskSettings = prepare((db) =>
  db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', [KIOSK_SETTINGS_KEY, EVIDENCE_RETENTION_KEY]),
);

export async function readKioskSettings(db: Kysely<Database>): Promise<KioskSettings> {
  const rows = await selectKioskSettings(db, {});
  const stored = rows.find((r) => r.key === KIOSK_SETTINGS_KEY);
  const retention = rows.find((r) => r.key === EVIDENCE_RETENTION_KEY);
  return {
    ...defaultKioskSettings,
    ...(stored ? (JSON.parse(stored.value) as Partial<KioskSettings>) : {}),
    ...(retention ? { evidenceRetentionDays: Number(JSON.parse(retention.value)) } : {}),
  };
}

function check(s: KioskSettings) {
  const range = (name: keyof KioskSettings, value: number, min: number, max: number) => {
    if (!Number.isFinite(value) || value < min || value > max) throw invalid(`${name} must be ${min}–${max}`);
  };
  range('repeatWindowMinutes', s.repeatWindowMinutes, 0, 240);
  range('clockToleranceSeconds', s.clockToleranceSeconds, 1, 86_400);
  range('sureAntispoof', s.sureAntispoof, 0, 1);
  range('sureLiveness', s.sureLiveness, 0, 1);
  range('failureAlertThreshold', s.failureAlertThreshold, 0, 100);
  range('qrPeriodSeconds', s.qrPeriodSeconds, 10, 600);
  range('offlineAfterMinutes', s.offlineAfterMinutes, 2, 1440);
  range('evidenceRetentionDays', s.evidenceRetentionDays, 0, 3650);
  if (!isValidClock(s.workStart) || !isValidClock(s.workEnd)) throw invalid('working hours must be HH:MM');
  if (s.workWeekdays.some((d) => !Number.isInteger(d) || d < 0 || d > 6))
    throw invalid('weekdays must be 0 (Sunday) to 6 (Saturday)');
}

export async function getKioskSettings(ctx: ServiceContext, actor: Actor | null): Promise<KioskSettings> {
  authorize(actor, 'devices.read');
  return readKioskSettings(ctx.db.kysely);
}

export async function updateKioskSettings(
  ctx: ServiceContext,
  actor: Actor | null,
  patch: Partial<KioskSettings>,
): Promise<KioskSettings> {
  authorize(actor, 'devices.manage');
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const before = await readKioskSettings(trx);
    const after = { ...before, ...patch };
    check(after);
    const { evidenceRetentionDays, ...rest } = after;
    for (const [key, value] of [
      [KIOSK_SETTINGS_KEY, JSON.stringify(rest)],
      [EVIDENCE_RETENTION_KEY, JSON.stringify(evidenceRetentionDays)],
    ] as const) {
      await trx
        .insertInto('settings')
        .values({ key, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    }
    return {
      result: after,
      audit: { action: 'kiosk.settings.update', targetType: 'settings', details: { before, after } },
    };
  });
}
