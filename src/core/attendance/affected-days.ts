// Which employee-days a change touches, so a recompute re-evaluates exactly those.

import { addDays, datesInRange, fromEpochDay } from '../time/date.js';
import { type InstantInput, parseInstant, truncateToMinute } from '../time/instant.js';
import type { Interval } from './intervals.js';
import { regionsFor } from './range.js';
import type { DayRequest } from './requests.js';
import { isDateRange } from './requests.js';
import type { ScheduleContext } from './roster.js';

export interface EmployeeDay {
  employeeId: string;
  date: string;
}

export type Change =
  /** A punch added, removed or moved (give each instant involved as its own change). */
  | { kind: 'punch'; employeeId: string; at: InstantInput }
  /** A request approved, changed or cancelled. */
  | { kind: 'request'; employeeId: string; request: DayRequest }
  /** Anything about schedules in a date range: roster, overrides, shifts, group rules, membership. */
  | { kind: 'schedule'; from: string; to: string; employeeIds?: readonly string[] }
  /** Calendar dates changed (type or name), or company days off added or removed. */
  | { kind: 'calendar'; dates: readonly string[]; employeeIds?: readonly string[] };

/**
 * The employee-days whose result can differ after the change. For punches and requests one context is
 * enough; for schedule and calendar changes pass the context before and after, and only days whose plan
 * or owned time actually differs (including a neighbour's, as an overnight shift moves a boundary) are
 * returned.
 */
export function affectedDays(
  change: Change,
  before: ScheduleContext,
  after: ScheduleContext = before,
): EmployeeDay[] {
  if (change.kind === 'punch') {
    const t = truncateToMinute(parseInstant(change.at));
    return daysOwning(before, change.employeeId, { start: t, end: t + 1 });
  }
  if (change.kind === 'request') {
    const r = change.request;
    const employeeId = r.employeeId ?? change.employeeId;
    if (r.kind === 'punchCorrection') {
      const t = truncateToMinute(parseInstant(r.at));
      return daysOwning(before, employeeId, { start: t, end: t + 1 });
    }
    if (r.kind !== 'overtime' && isDateRange(r)) {
      return datesInRange(r.startDate, r.endDate)
        .filter((date) => regionsFor(before, employeeId, date, date)[0].region !== null)
        .map((date) => ({ employeeId, date }));
    }
    const span = r as { start: InstantInput; end: InstantInput };
    return daysOwning(before, employeeId, { start: parseInstant(span.start), end: parseInstant(span.end) });
  }
  const [from, to] =
    change.kind === 'schedule'
      ? [change.from, change.to]
      : [[...change.dates].sort()[0], [...change.dates].sort().reverse()[0]];
  const employees = change.employeeIds ?? [
    ...new Set([...before.assignments.keys(), ...after.assignments.keys()]),
  ];
  const out: EmployeeDay[] = [];
  for (const employeeId of employees) {
    // A changed day can move its neighbours' boundaries, so look one day either side.
    const a = regionsFor(before, employeeId, addDays(from, -1), addDays(to, 1));
    const b = regionsFor(after, employeeId, addDays(from, -1), addDays(to, 1));
    for (let i = 0; i < a.length; i++) {
      if (signature(a[i]) !== signature(b[i])) out.push({ employeeId, date: a[i].date });
    }
  }
  return out;
}

function signature(r: ReturnType<typeof regionsFor>[number]): string {
  if (!r.day || !r.region) return 'out';
  const { info } = r.day;
  return JSON.stringify([
    info.groupId,
    info.zone,
    info.dayType,
    info.holidayName ?? null,
    info.dayTypeSource,
    info.shift,
    info.shiftSource ?? null,
    info.rules ?? null,
    r.region.start,
    r.region.end,
  ]);
}

function daysOwning(ctx: ScheduleContext, employeeId: string, span: Interval): EmployeeDay[] {
  // Candidate dates: every UTC date the span touches, widened by two days for zones and overnight shifts.
  const first = Math.floor(span.start / 86_400_000) - 2;
  const last = Math.floor((span.end - 1) / 86_400_000) + 2;
  const regions = regionsFor(ctx, employeeId, fromEpochDay(first), fromEpochDay(last));
  return regions
    .filter((r) => r.region !== null && r.region.start < span.end && span.start < r.region.end)
    .map((r) => ({ employeeId, date: r.date }));
}
