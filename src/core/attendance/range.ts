// Evaluating a range of dates for one employee: resolves each day from the roster and calendar, shares
// time between neighbouring days (so an overnight shift's punch after midnight stays with the day the
// shift started), then evaluates every day.

import { parseClock } from '../time/clock.js';
import { addDays, datesInRange } from '../time/date.js';
import { parseInstant, truncateToMinute } from '../time/instant.js';
import { fromLocal } from '../time/zone.js';
import { type DayInput, evaluateDay, shiftWindow } from './evaluate-day.js';
import type { Interval } from './intervals.js';
import type { LeaveType } from './leave.js';
import type { Punch } from './punches.js';
import type { DayRequest } from './requests.js';
import { isDateRange } from './requests.js';
import type { DayResult } from './result.js';
import { assignmentOn, type DayPlanInfo, resolveDay, type ScheduleContext } from './roster.js';
import { rulesFor } from './rules.js';
import { planShift, type ShiftPlan } from './shift.js';

export interface PlannedDay {
  info: DayPlanInfo;
  plan: ShiftPlan | null;
  dayStart: number;
  nextDayStart: number;
  /** Check-in opening to check-out closing; null without a timed shift. */
  window: Interval | null;
  span: Interval | null;
}

// Plans shared by every member of a group on a date (no personal override), per context.
const sharedPlans = new WeakMap<ScheduleContext, Map<string, PlannedDay>>();

/**
 * An employee's date resolved and placed in time. Plans are memoised per context, group and date, so a
 * context must be treated as immutable: build a new one when schedules, shifts or calendars change.
 */
export function planDay(ctx: ScheduleContext, employeeId: string, date: string): PlannedDay | null {
  const assignment = assignmentOn(ctx, employeeId, date);
  if (!assignment) return null;
  const group = ctx.groups.get(assignment.groupId);
  const personal = group?.overrides?.some((o) => o.date === date && o.employeeId === employeeId) ?? false;
  if (personal) return computePlan(ctx, employeeId, date);
  let cache = sharedPlans.get(ctx);
  if (!cache) {
    cache = new Map();
    sharedPlans.set(ctx, cache);
  }
  const key = `${assignment.groupId}\u0000${date}`;
  let shared = cache.get(key);
  if (!shared) {
    shared = computePlan(ctx, employeeId, date)!;
    cache.set(key, shared);
  }
  return shared.info.employeeId === employeeId ? shared : { ...shared, info: { ...shared.info, employeeId } };
}

function computePlan(ctx: ScheduleContext, employeeId: string, date: string): PlannedDay | null {
  const info = resolveDay(ctx, employeeId, date);
  if (!info) return null;
  const rules = rulesFor(info.rules, info.shift?.rules);
  const plan = info.shift ? planShift(info.shift, date, info.zone) : null;
  const startMinute = parseClock(rules.dayStartsAt);
  return {
    info,
    plan,
    dayStart: fromLocal(date, startMinute, info.zone),
    nextDayStart: fromLocal(addDays(date, 1), startMinute, info.zone),
    window: shiftWindow(plan, rules),
    span: plan && plan.kind !== 'free' ? { start: plan.span.start, end: plan.span.end } : null,
  };
}

/** Where the time of day `a` ends and that of the next day `b` begins. */
export function boundaryBetween(a: PlannedDay | null, b: PlannedDay | null): number | null {
  if (!a && !b) return null;
  if (!a) return b!.window ? Math.min(b!.window.start, b!.dayStart) : b!.dayStart;
  if (!b) return a.window ? Math.max(a.window.end, a.nextDayStart) : a.nextDayStart;
  if (a.span && b.span) return a.span.end + (b.span.start - a.span.end) / 2;
  if (a.window) return Math.max(a.window.end, b.dayStart);
  if (b.window) return Math.min(b.window.start, b.dayStart);
  return b.dayStart;
}

/** The regions of `dates` (consecutive), using the days just before and after as neighbours. */
export function regionsFor(
  ctx: ScheduleContext,
  employeeId: string,
  from: string,
  to: string,
): { date: string; day: PlannedDay | null; region: Interval | null }[] {
  const dates = datesInRange(addDays(from, -1), addDays(to, 1));
  const days = dates.map((d) => planDay(ctx, employeeId, d));
  const out: { date: string; day: PlannedDay | null; region: Interval | null }[] = [];
  for (let i = 1; i < dates.length - 1; i++) {
    const day = days[i];
    if (!day) {
      out.push({ date: dates[i], day: null, region: null });
      continue;
    }
    const start = boundaryBetween(days[i - 1], day)!;
    const end = boundaryBetween(day, days[i + 1])!;
    out.push({ date: dates[i], day, region: { start, end: Math.max(start, end) } });
  }
  return out;
}

export interface RangeInput {
  context: ScheduleContext;
  employeeId: string;
  from: string;
  to: string;
  /** The employee's punches; include a day either side of the range. */
  punches: readonly Punch[];
  requests?: readonly DayRequest[];
  leaveTypes?: readonly LeaveType[];
}

export function evaluateRange(input: RangeInput): DayResult[] {
  const regions = regionsFor(input.context, input.employeeId, input.from, input.to);
  const punches = input.punches
    .map((p) => ({ ms: truncateToMinute(parseInstant(p.at)), p }))
    .sort((a, b) => a.ms - b.ms);
  const times = punches.map((x) => x.ms);
  const requests = (input.requests ?? []).map((r) => ({ r, span: requestSpan(r) }));
  const results: DayResult[] = [];
  let lastZone = 'UTC';
  for (const { date, day, region } of regions) {
    if (!day || !region) {
      results.push(outOfScope(input.employeeId, date, lastZone));
      continue;
    }
    lastZone = day.info.zone;
    const lo = lowerBound(times, region.start);
    const hi = lowerBound(times, region.end);
    const dayPunches: Punch[] = [];
    for (let k = lo; k < hi; k++) dayPunches.push({ ...punches[k].p, at: punches[k].ms });
    const dayRequests = requests
      .filter(({ span }) =>
        span.dates
          ? date >= span.dates[0] && date <= span.dates[1]
          : span.end > region.start && span.start < region.end,
      )
      .map(({ r }) => r);
    const dayInput: DayInput = {
      employeeId: input.employeeId,
      date,
      zone: day.info.zone,
      dayType: day.info.dayType,
      holidayName: day.info.holidayName,
      dayTypeSource: day.info.dayTypeSource,
      shift: day.info.shift,
      shiftSource: day.info.shiftSource,
      rules: day.info.rules,
      punches: dayPunches,
      requests: dayRequests,
      leaveTypes: input.leaveTypes,
      region,
      plan: day.plan,
    };
    results.push(evaluateDay(dayInput));
  }
  return results;
}

function requestSpan(r: DayRequest): { dates?: [string, string]; start: number; end: number } {
  if (r.kind === 'punchCorrection') {
    const t = parseInstant(r.at);
    return { start: t, end: t + 1 };
  }
  if (r.kind !== 'overtime' && isDateRange(r)) return { dates: [r.startDate, r.endDate], start: 0, end: 0 };
  const range = r as { start: string | number; end: string | number };
  return { start: parseInstant(range.start), end: parseInstant(range.end) };
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function outOfScope(employeeId: string, date: string, zone: string): DayResult {
  return {
    employeeId,
    date,
    zone,
    dayType: 'restDay',
    holidayName: null,
    shiftId: null,
    shiftKind: null,
    scheduled: null,
    pairs: [],
    ignoredPunches: [],
    scheduledMinutes: 0,
    workedMinutes: 0,
    lateMinutes: 0,
    lateCount: 0,
    earlyLeaveMinutes: 0,
    earlyLeaveCount: 0,
    missingIn: 0,
    missingOut: 0,
    absent: 'none',
    leave: [],
    businessTripMinutes: 0,
    fieldWorkMinutes: 0,
    overtime: [],
    statuses: ['outOfScope'],
    reasons: [{ code: 'outOfScope', figure: 'day', params: { date } }],
  };
}
