// Where each employee stands today, for the dashboard: present, late, absent, on leave, away on duty (business
// trip or field work), not yet in, or not working today. Pure: the day result and the current instant come in.
import type { DayResult } from '../attendance/result.js';
import { toLocal } from '../time/zone.js';

export const TODAY_STATES = ['present', 'late', 'absent', 'onLeave', 'away', 'notYetIn', 'off'] as const;
export type TodayState = (typeof TODAY_STATES)[number];

type DayFacts = Pick<DayResult, 'statuses' | 'lateMinutes' | 'scheduled' | 'pairs' | 'scheduledMinutes'>;

/**
 * A punch today makes the employee present (late when the engine counted late minutes). Without one: on leave
 * (请假) or away on duty (出差 / 外勤) when a request covers the day, off on a rest day or holiday, absent once
 * the scheduled day has ended, and otherwise not yet in (未到).
 */
export function todayState(day: DayFacts, nowMs: number): TodayState {
  const punched = day.pairs.some((p) => p.in !== null || p.out !== null);
  if (punched) return day.lateMinutes > 0 ? 'late' : 'present';
  const s = new Set<string>(day.statuses);
  if (s.has('leave')) return 'onLeave';
  if (s.has('businessTrip') || s.has('fieldWork')) return 'away';
  if (s.has('rest') || s.has('holiday') || s.has('outOfScope')) return 'off';
  if (day.scheduled === null && day.scheduledMinutes === 0) return 'off';
  if (day.scheduled !== null && nowMs >= Date.parse(day.scheduled.end)) return 'absent';
  return 'notYetIn';
}

export type StateCounts = Record<TodayState, number>;

export const emptyCounts = (): StateCounts =>
  Object.fromEntries(TODAY_STATES.map((s) => [s, 0])) as StateCounts;

/** Counts per department (null: no department) and in total. */
export function tallyByDepartment(rows: readonly { departmentId: number | null; state: TodayState }[]): {
  total: StateCounts;
  byDepartment: Map<number | null, StateCounts>;
} {
  const total = emptyCounts();
  const byDepartment = new Map<number | null, StateCounts>();
  for (const row of rows) {
    total[row.state] += 1;
    let counts = byDepartment.get(row.departmentId);
    if (!counts) {
      counts = emptyCounts();
      byDepartment.set(row.departmentId, counts);
    }
    counts[row.state] += 1;
  }
  return { total, byDepartment };
}

export interface ArrivalBucket {
  /** Local clock time the bucket starts at, 'HH:MM'. */
  time: string;
  count: number;
}

/**
 * Arrivals (each employee's first punch of the day) per `bucketMinutes` of local time, from the first bucket
 * with an arrival to the last, empty buckets between them included so the chart's axis is even.
 */
export function arrivalBuckets(
  firstPunchesMs: readonly number[],
  zone: string,
  bucketMinutes = 10,
): ArrivalBucket[] {
  if (firstPunchesMs.length === 0) return [];
  const counts = new Map<number, number>();
  for (const ms of firstPunchesMs) {
    const bucket = Math.floor(toLocal(ms, zone).minutes / bucketMinutes);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const first = Math.min(...counts.keys());
  const last = Math.max(...counts.keys());
  const out: ArrivalBucket[] = [];
  for (let b = first; b <= last; b++) {
    const minutes = b * bucketMinutes;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    out.push({ time, count: counts.get(b) ?? 0 });
  }
  return out;
}
