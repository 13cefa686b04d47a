// Figures for the charts: late arrivals by weekday and hour, overtime by month, attendance rate by month.
import type { DayResult, OvertimeKind } from '../attendance/result.js';
import { round } from './table.js';

/** 0 = Monday … 6 = Sunday, for a YYYY-MM-DD date. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (d + 6) % 7;
}

export interface LateHeatmap {
  /** counts[weekday][hour]: late arrivals whose first punch-in fell in that local hour. */
  counts: number[][];
  byWeekday: number[];
  byHour: number[];
  total: number;
}

/** Late arrivals of these days by weekday and by the local hour of the late punch-in. */
export function lateByWeekdayHour(
  days: Iterable<Pick<DayResult, 'date' | 'lateCount' | 'pairs'>>,
): LateHeatmap {
  const counts = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let total = 0;
  for (const d of days) {
    if (d.lateCount <= 0) continue;
    const time = d.pairs.find((p) => p.in)?.in?.time;
    const hour = time ? Number(time.slice(0, 2)) : Number.NaN;
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) continue;
    counts[weekdayOf(d.date)][hour] += d.lateCount;
    total += d.lateCount;
  }
  return {
    counts,
    byWeekday: counts.map((row) => row.reduce((a, b) => a + b, 0)),
    byHour: Array.from({ length: 24 }, (_, h) => counts.reduce((a, row) => a + row[h], 0)),
    total,
  };
}

export interface MonthOvertime {
  month: string;
  /** Hours, two decimals. */
  workday: number;
  restDay: number;
  holiday: number;
}

/** Overtime hours per month and kind, for the given months in order (months with none give zeros). */
export function overtimeByMonth(
  months: readonly string[],
  entries: Iterable<{ date: string; kind: OvertimeKind; minutes: number }>,
): MonthOvertime[] {
  const minutes = new Map(months.map((m) => [m, { workday: 0, restDay: 0, holiday: 0 }]));
  for (const e of entries) {
    const m = minutes.get(e.date.slice(0, 7));
    if (m) m[e.kind] += e.minutes;
  }
  return months.map((month) => {
    const m = minutes.get(month)!;
    return {
      month,
      workday: round(m.workday / 60, 2),
      restDay: round(m.restDay / 60, 2),
      holiday: round(m.holiday / 60, 2),
    };
  });
}

/** The `count` months ending with `month` (YYYY-MM), oldest first. */
export function monthsEnding(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}
