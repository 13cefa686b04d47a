// Attendance settings (one JSON value in the settings table): approval chains, the punch-correction quota
// and deadline, attachment size, when a recompute goes to the background, and the annual-leave method.
import type { Kysely } from 'kysely';
import { invalid } from '../../core/errors.js';
import type { FaceRolloutEntry } from '../../core/org/face-rollout.js';
import { isValidTimeZone } from '../../core/time/zone.js';
import type { Database } from '../../db/schema.js';

export type RequestKind = 'leave' | 'businessTrip' | 'fieldWork' | 'punchCorrection' | 'overtime';
export const REQUEST_KINDS: readonly RequestKind[] = [
  'leave',
  'businessTrip',
  'fieldWork',
  'punchCorrection',
  'overtime',
];
export type ApprovalStep = 'manager' | 'hr';

export interface AttendanceSettings {
  /** Who approves each kind of request, in order; an empty chain approves on submission. */
  approvalChains: Record<RequestKind, ApprovalStep[]>;
  correctionQuotaPerMonth: number; // 补卡 per employee per month
  /** A correction must be requested within this many days after its date. */
  correctionDeadlineDays: number;
  attachmentMaxMb: number;
  /** Recomputes of more employee-days than this run as a background task. */
  syncRecomputeLimit: number;
  annualLeaveMethod: 'proRata' | 'yearStart';
  /**
   * The company's zone: what "today" is (days after it are not evaluated), when scheduled reports, exception
   * notices and the managers' digest go out, and the zone of punches by employees without a site.
   */
  companyZone: string;
  /** Which departments punch by face from which date; empty: everyone (刷脸考勤实施范围). */
  faceRollout: FaceRolloutEntry[];
}

export const DEFAULT_SETTINGS: AttendanceSettings = {
  approvalChains: {
    leave: ['manager', 'hr'],
    businessTrip: ['manager', 'hr'],
    fieldWork: ['manager'],
    punchCorrection: ['manager'],
    overtime: ['manager', 'hr'],
  },
  correctionQuotaPerMonth: 3,
  correctionDeadlineDays: 7,
  attachmentMaxMb: 5,
  syncRecomputeLimit: 2000,
  annualLeaveMethod: 'proRata',
  companyZone: 'Asia/Shanghai',
  faceRollout: [],
};

const KEY = 'attendance.settings';
const VERSION_KEY = 'attendance.config_version';

export async function readSettings(db: Kysely<Database>): Promise<AttendanceSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return structuredClone(DEFAULT_SETTINGS);
  const stored = JSON.parse(row.value) as Partial<AttendanceSettings>;
  return {
    ...structuredClone(DEFAULT_SETTINGS),
    ...stored,
    approvalChains: { ...DEFAULT_SETTINGS.approvalChains, ...(stored.approvalChains ?? {}) },
  };
}

export function checkSettings(s: AttendanceSettings): void {
  for (const kind of REQUEST_KINDS) {
    const chain = s.approvalChains[kind];
    if (!Array.isArray(chain) || chain.some((step) => step !== 'manager' && step !== 'hr')) {
      throw invalid(`approvalChains.${kind} must list the steps "manager" and/or "hr"`);
    }
    if (new Set(chain).size !== chain.length) throw invalid(`approvalChains.${kind} repeats a step`);
  }
  if (!isValidTimeZone(s.companyZone)) throw invalid(`unknown time zone ${s.companyZone}`);
  for (const entry of s.faceRollout) {
    if (!Number.isInteger(entry.departmentId) || !/^\d{4}-\d{2}-\d{2}$/.test(entry.from)) {
      throw invalid('faceRollout entries need a departmentId and a from date YYYY-MM-DD');
    }
  }
}

export async function writeSettings(trx: Kysely<Database>, s: AttendanceSettings, at: string) {
  await upsertSetting(trx, KEY, JSON.stringify(s), at);
}

async function upsertSetting(trx: Kysely<Database>, key: string, value: string, at: string) {
  await trx
    .insertInto('settings')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}

/** Every change to shifts, groups, members, overrides or calendars bumps this, so cached models reload. */
export async function bumpConfigVersion(trx: Kysely<Database>, at: string): Promise<void> {
  const row = await trx
    .selectFrom('settings')
    .select('value')
    .where('key', '=', VERSION_KEY)
    .executeTakeFirst();
  await upsertSetting(trx, VERSION_KEY, String(Number(row?.value ?? 0) + 1), at);
}

export async function configVersion(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', VERSION_KEY)
    .executeTakeFirst();
  return row?.value ?? '0';
}
