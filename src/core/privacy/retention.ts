// Retention rules (保存期限): how long each kind of personal data is kept, and what is due for removal at a given
// instant. Pure: the caller passes the settings, the instant and the employees under a legal hold (诉讼保留).
import { invalid } from '../errors.js';

export interface RetentionSettings {
  /** Days an evidence crop of a punch or refused attempt is kept (证据照片). */
  evidenceDays: number;
  /** Keep enrollment photos beside templates; when off, any photo still stored is removed by the purge. */
  keepEnrollmentPhotos: boolean;
  /** Days after the termination date (离职日期) before the face templates of a leaver are deleted. */
  templateDaysAfterTermination: number;
  /** Years punches, refused attempts and day results are kept (考勤记录). */
  recordYears: number;
}

export const defaultRetention: RetentionSettings = {
  evidenceDays: 30,
  keepEnrollmentPhotos: false,
  templateDaysAfterTermination: 30,
  recordYears: 3,
};

export function checkRetention(s: RetentionSettings): void {
  const whole = (name: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max)
      throw invalid(`${name} must be a whole number ${min}–${max}`);
  };
  whole('evidenceDays', s.evidenceDays, 0, 3650);
  whole('templateDaysAfterTermination', s.templateDaysAfterTermination, 0, 3650);
  // Attendance and wage records must be kept at least two years (工资支付暂行规定 art. 6).
  whole('recordYears', s.recordYears, 2, 30);
  if (typeof s.keepEnrollmentPhotos !== 'boolean')
    throw invalid('keepEnrollmentPhotos must be true or false');
}

const DAY_MS = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function minusYears(now: Date, years: number): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

export interface RetentionCutoffs {
  /** Evidence whose expiry has passed, or taken before this instant, is due. */
  evidenceTakenBefore: string;
  now: string;
  /** Punches and attempts at an instant before this are due. */
  recordsBefore: string;
  /** Day results of a date before this (YYYY-MM-DD, UTC) are due. */
  recordDatesBefore: string;
  /** Leavers whose termination date is on or before this (YYYY-MM-DD) lose their templates. */
  terminatedOnOrBefore: string;
}

export function retentionCutoffs(s: RetentionSettings, now: Date): RetentionCutoffs {
  const records = minusYears(now, s.recordYears);
  const today = now.toISOString().slice(0, 10);
  return {
    evidenceTakenBefore: new Date(now.getTime() - s.evidenceDays * DAY_MS).toISOString(),
    now: now.toISOString(),
    recordsBefore: records.toISOString(),
    recordDatesBefore: records.toISOString().slice(0, 10),
    terminatedOnOrBefore: addDays(today, -s.templateDaysAfterTermination),
  };
}

export interface EvidenceItem {
  at: string;
  evidenceExpiresAt: string | null;
  employeeId: number | null;
}

/** An evidence crop is due when its own expiry passed or it is older than the current setting allows. */
export function evidenceDue(
  item: EvidenceItem,
  cutoffs: RetentionCutoffs,
  held: ReadonlySet<number>,
): boolean {
  if (item.employeeId !== null && held.has(item.employeeId)) return false;
  if (item.evidenceExpiresAt !== null && item.evidenceExpiresAt <= cutoffs.now) return true;
  return item.at < cutoffs.evidenceTakenBefore;
}

export interface Leaver {
  id: number;
  status: 'active' | 'suspended' | 'terminated';
  terminationDate: string | null;
}

/** A leaver's templates are due N days after the termination date, unless a legal hold names them. */
export function templatesDue(e: Leaver, cutoffs: RetentionCutoffs, held: ReadonlySet<number>): boolean {
  if (held.has(e.id)) return false;
  if (e.terminationDate === null) return false;
  // A future termination date on a still-active record is a planned departure: the date alone decides.
  return e.terminationDate <= cutoffs.terminatedOnOrBefore;
}

/** A punch, attempt or day result is due once it is older than the record retention. */
export function recordDue(
  at: string,
  employeeId: number | null,
  cutoffs: RetentionCutoffs,
  held: ReadonlySet<number>,
): boolean {
  if (employeeId !== null && held.has(employeeId)) return false;
  return at.length === 10 ? at < cutoffs.recordDatesBefore : at < cutoffs.recordsBefore;
}

export const PURGE_KINDS = [
  'evidenceCrops',
  'enrollmentPhotos',
  'templates',
  'punches',
  'punchAttempts',
  'dayResults',
] as const;
export type PurgeKind = (typeof PURGE_KINDS)[number];
export type PurgeCounts = Record<PurgeKind, number>;

export const emptyCounts = (): PurgeCounts =>
  Object.fromEntries(PURGE_KINDS.map((k) => [k, 0])) as PurgeCounts;
