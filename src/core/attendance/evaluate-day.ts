// Day evaluation: one employee-day from its inputs into a DayResult with a reason for every figure.

import type { DayType } from '../calendar/types.js';
import { formatClock, parseClock } from '../time/clock.js';
import { addDays } from '../time/date.js';
import { toIso } from '../time/instant.js';
import { fromLocal, minutesFromLocalDate } from '../time/zone.js';
import { type Interval, intersect, normalize, subtract, totalMinutes } from './intervals.js';
import { BUILTIN_LEAVE_TYPES, type LeaveType, leaveAmountForDay } from './leave.js';
import { computeOvertime } from './overtime.js';
import { type DayPunch, dropDuplicates, type Punch, punchesInRegion } from './punches.js';
import type { Reason } from './reasons.js';
import type { DayRequest, OvertimeRequest, RangeRequest } from './requests.js';
import { isApproved, requestIntervalOnDay } from './requests.js';
import type {
  Absence,
  DayResult,
  DayStatus,
  IgnoredPunch,
  LeaveFigure,
  PunchPair,
  PunchUse,
} from './result.js';
import { type AbsenceThresholds, type AttendanceRules, type RuleOverrides, rulesFor } from './rules.js';
import { type FixedPlan, type FlexiblePlan, planShift, type Shift, type ShiftPlan } from './shift.js';

export type ShiftSource = 'weekly' | 'rotating' | 'override' | 'makeUpWorkday' | 'given';

export interface DayInput {
  employeeId: string;
  /** The attendance date 'YYYY-MM-DD' (the day a shift starts on). */
  date: string;
  /** The site's IANA time zone. */
  zone: string;
  dayType: DayType;
  holidayName?: string;
  /** Why the day has its type (shown in the reason): 'calendar', 'weekend', 'roster', … */
  dayTypeSource?: string;
  shift: Shift | null;
  shiftSource?: ShiftSource;
  /** Group rules; the shift's own rules override them. */
  rules?: RuleOverrides;
  /** Punches of the employee around the date; only those in the day's region are used. */
  punches: readonly Punch[];
  /** Requests of the employee; only approved ones that touch the day are used. */
  requests?: readonly DayRequest[];
  leaveTypes?: readonly LeaveType[];
  /**
   * The span of time this day owns, so a punch belongs to exactly one day. `evaluateRange` sets it from
   * the neighbouring days; without it, the day's own windows (or local midnight to midnight) are used.
   */
  region?: Interval;
  /** The shift already placed on the date (evaluateRange passes it to save work). */
  plan?: ShiftPlan | null;
}

interface Ctx {
  input: DayInput;
  rules: AttendanceRules;
  reasons: Reason[];
  clock: (ms: number) => string;
  use: (p: DayPunch) => PunchUse;
}

const MIN = 60_000;
const EXCUSING = new Set(['leave', 'businessTrip', 'fieldWork']);
const ABSENCE_RANK: Record<Absence, number> = { none: 0, half: 1, full: 2 };

/** The time a day owns when it has no neighbours to share with. */
export function defaultRegion(
  plan: ShiftPlan | null,
  rules: AttendanceRules,
  date: string,
  zone: string,
): Interval {
  const dayStartMinute = parseClock(rules.dayStartsAt);
  const dayStart = fromLocal(date, dayStartMinute, zone);
  const nextStart = fromLocal(addDays(date, 1), dayStartMinute, zone);
  const w = shiftWindow(plan, rules);
  if (!w) return { start: dayStart, end: nextStart };
  return { start: Math.min(w.start, dayStart), end: Math.max(w.end, nextStart) };
}

/** From check-in opening to check-out closing of a planned shift; null for a free schedule. */
export function shiftWindow(plan: ShiftPlan | null, rules: AttendanceRules): Interval | null {
  if (!plan || plan.kind === 'free') return null;
  return {
    start: plan.span.start - rules.checkInOpensMinutes * MIN,
    end: plan.span.end + rules.checkOutClosesMinutes * MIN,
  };
}

export function evaluateDay(input: DayInput): DayResult {
  const rules = rulesFor(input.rules, input.shift?.rules);
  const plan =
    input.plan !== undefined
      ? input.plan
      : input.shift
        ? planShift(input.shift, input.date, input.zone)
        : null;
  const region = input.region ?? defaultRegion(plan, rules, input.date, input.zone);
  const clock = (ms: number) => formatClock(minutesFromLocalDate(ms, input.date, input.zone));
  const ctx: Ctx = {
    input,
    rules,
    reasons: [],
    clock,
    use: (p) => {
      const u: PunchUse = { at: toIso(p.ms), time: clock(p.ms), source: p.source };
      if (p.id !== undefined) u.id = p.id;
      if (p.correctionRequestId) u.correctionRequestId = p.correctionRequestId;
      return u;
    },
  };
  const requests = (input.requests ?? []).filter(isApproved);

  dayTypeReason(ctx);

  const segments: Interval[] =
    plan && plan.kind !== 'free' ? plan.segments.map((s) => ({ start: s.start, end: s.end })) : [];
  const halfSplit = plan && plan.kind !== 'free' ? plan.halfSplit : fromLocal(input.date, 720, input.zone);
  // A free schedule has no timed segments; on a workday its expected minutes are what is scheduled.
  const scheduledMinutes =
    plan?.kind === 'free'
      ? input.dayType === 'workday'
        ? (plan.requiredMinutes ?? 0)
        : 0
      : totalMinutes(segments);
  if (plan && plan.kind !== 'free') {
    ctx.reasons.push({
      code: 'scheduled',
      figure: 'scheduled',
      params: {
        shift: input.shift!.id,
        start: clock(plan.span.start),
        end: clock(plan.span.end),
        minutes: scheduledMinutes,
        breakMinutes: totalMinutes(subtract([plan.span], segments)),
      },
    });
  }

  // Requests: leave, business trip and field work excuse scheduled time.
  const excuse = excusedTime(ctx, requests, region, halfSplit, segments);
  const required = subtract(segments, excuse.all);

  // Punches.
  const owned = punchesInRegion(input.punches, requests, region);
  const { kept, duplicates } = dropDuplicates(owned, rules.duplicateWithinMinutes);
  const ignored: IgnoredPunch[] = [];
  for (const d of duplicates) {
    ignored.push({ ...ctx.use(d.punch), why: 'duplicate' });
    ctx.reasons.push({
      code: 'duplicatePunch',
      figure: 'punches',
      params: { punch: clock(d.punch.ms), kept: clock(d.kept.ms), within: rules.duplicateWithinMinutes },
    });
  }
  for (const p of kept) {
    if (p.correctionRequestId) {
      ctx.reasons.push({
        code: 'punchCorrected',
        figure: 'punches',
        params: { punch: clock(p.ms), request: p.correctionRequestId },
      });
    }
  }

  const outcome: Outcome = {
    pairs: [],
    presence: [],
    late: 0,
    lateCount: 0,
    early: 0,
    earlyCount: 0,
    missingIn: 0,
    missingOut: 0,
    absentHalves: 0,
    afterFrom: null,
    beforeUntil: null,
    used: new Set(),
  };
  if (plan?.kind === 'fixed') evaluateFixed(ctx, plan, kept, region, required, outcome);
  else if (plan?.kind === 'flexible')
    evaluateFlexible(ctx, plan, kept, region, required, excuse.all, outcome);
  else evaluateUnscheduled(ctx, kept, outcome, plan?.kind === 'free' && input.dayType === 'workday');

  for (const p of kept) {
    if (!outcome.used.has(p))
      ignored.push({ ...ctx.use(p), why: outcome.outside?.has(p) ? 'outsideWindow' : 'notUsed' });
  }
  ignored.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  // Absence: capped by the halves of the day that still required presence.
  const requiredHalves = halvesTouched(required, halfSplit);
  let absentHalves = outcome.absentHalves;
  if (absentHalves > requiredHalves) {
    ctx.reasons.push({
      code: 'absenceCapped',
      figure: 'absent',
      params: { halves: absentHalves, requiredHalves, requiredMinutes: totalMinutes(required) },
    });
    absentHalves = requiredHalves;
  }
  let absent: Absence = absentHalves >= 2 ? 'full' : absentHalves === 1 ? 'half' : 'none';
  if (absent !== 'none' && excuse.all.length > 0) {
    // An approved leave, trip or field work only removes obligations. Moving the required span can make a
    // punch read as an out instead of an in; the day is then never judged more absent than without it.
    const without = evaluateDay({ ...input, requests: requests.filter((r) => !EXCUSING.has(r.kind)) }).absent;
    if (ABSENCE_RANK[without] < ABSENCE_RANK[absent]) {
      ctx.reasons.push({
        code: 'absenceLimitedByRequests',
        figure: 'absent',
        params: { absence: without, computed: absent },
      });
      absent = without;
    }
  }

  const workedMinutes = totalMinutes(outcome.presence);
  if (outcome.presence.length) {
    const span = outcome.presence;
    ctx.reasons.push({
      code: 'worked',
      figure: 'worked',
      params: {
        minutes: workedMinutes,
        from: clock(span[0].start),
        to: clock(span[span.length - 1].end),
        breakMinutes: Math.max(
          0,
          totalMinutes([{ start: span[0].start, end: span[span.length - 1].end }]) - workedMinutes,
        ),
      },
    });
  }

  const ot = computeOvertime({
    dayType: input.dayType,
    rules,
    region,
    presence: outcome.presence,
    segments,
    afterFrom: outcome.afterFrom,
    beforeUntil: outcome.beforeUntil,
    freeRequiredMinutes: plan?.kind === 'free' && input.dayType === 'workday' ? plan.requiredMinutes : null,
    requests: requests.filter((r): r is OvertimeRequest => r.kind === 'overtime'),
    clock,
  });
  ctx.reasons.push(...ot.reasons);

  const statuses = statusList(
    input,
    plan,
    required,
    outcome,
    absent,
    excuse,
    ot.figure !== null,
    scheduledMinutes,
  );

  return {
    employeeId: input.employeeId,
    date: input.date,
    zone: input.zone,
    dayType: input.dayType,
    holidayName: input.holidayName ?? null,
    shiftId: input.shift?.id ?? null,
    shiftKind: input.shift?.kind ?? null,
    scheduled:
      plan && plan.kind !== 'free'
        ? {
            start: toIso(plan.span.start),
            end: toIso(plan.span.end),
            startTime: clock(plan.span.start),
            endTime: clock(plan.span.end),
          }
        : null,
    pairs: outcome.pairs,
    ignoredPunches: ignored,
    scheduledMinutes,
    workedMinutes,
    lateMinutes: outcome.late,
    lateCount: outcome.lateCount,
    earlyLeaveMinutes: outcome.early,
    earlyLeaveCount: outcome.earlyCount,
    missingIn: outcome.missingIn,
    missingOut: outcome.missingOut,
    absent,
    leave: excuse.leave,
    businessTripMinutes: excuse.tripMinutes,
    fieldWorkMinutes: excuse.fieldMinutes,
    overtime: ot.figure ? [ot.figure] : [],
    statuses,
    reasons: ctx.reasons,
  };
}

interface Outcome {
  pairs: PunchPair[];
  presence: Interval[];
  late: number;
  lateCount: number;
  early: number;
  earlyCount: number;
  missingIn: number;
  missingOut: number;
  absentHalves: number;
  afterFrom: number | null;
  beforeUntil: number | null;
  used: Set<DayPunch>;
  outside?: Set<DayPunch>;
}

function dayTypeReason(ctx: Ctx): void {
  const { input } = ctx;
  ctx.reasons.push({
    code: 'dayType',
    figure: 'day',
    params: { dayType: input.dayType, name: input.holidayName ?? '', source: input.dayTypeSource ?? 'given' },
  });
  if (input.shift) {
    ctx.reasons.push({
      code: 'shiftAssigned',
      figure: 'schedule',
      params: { shift: input.shift.id, kind: input.shift.kind, source: input.shiftSource ?? 'given' },
    });
  } else {
    ctx.reasons.push({ code: 'noShift', figure: 'schedule', params: { dayType: input.dayType } });
  }
}

interface Excuse {
  all: Interval[];
  leave: LeaveFigure[];
  tripMinutes: number;
  fieldMinutes: number;
}

function excusedTime(
  ctx: Ctx,
  requests: readonly DayRequest[],
  region: Interval,
  halfSplit: number,
  segments: readonly Interval[],
): Excuse {
  const { input, clock } = ctx;
  const all: Interval[] = [];
  const leave: LeaveFigure[] = [];
  let tripMinutes = 0;
  let fieldMinutes = 0;
  for (const r of requests) {
    if (r.kind !== 'leave' && r.kind !== 'businessTrip' && r.kind !== 'fieldWork') continue;
    const interval = requestIntervalOnDay(r as RangeRequest, input.date, region, halfSplit);
    if (!interval) continue;
    all.push(interval);
    const covered = intersect([interval], segments);
    const minutes = totalMinutes(covered);
    const from = clock(covered.length ? covered[0].start : interval.start);
    const to = clock(covered.length ? covered[covered.length - 1].end : interval.end);
    if (r.kind === 'leave') {
      const type = leaveTypeMap(input.leaveTypes).get(r.leaveType) ?? {
        id: r.leaveType,
        unit: 'day' as const,
        paid: false,
      };
      const amount = leaveAmountForDay(type.unit, minutes, halvesTouched(covered, halfSplit));
      leave.push({ leaveType: type.id, requestId: r.id, minutes, paid: type.paid, unit: type.unit, amount });
      ctx.reasons.push({
        code: minutes > 0 ? 'leave' : 'leaveOnDayOff',
        figure: 'leave',
        params: {
          type: type.id,
          request: r.id,
          from,
          to,
          minutes,
          paid: type.paid ? 'yes' : 'no',
          amount,
          unit: type.unit,
        },
      });
    } else {
      if (r.kind === 'businessTrip') tripMinutes += minutes;
      else fieldMinutes += minutes;
      ctx.reasons.push({
        code: r.kind,
        figure: r.kind,
        params: { request: r.id, from, to, minutes },
      });
    }
  }
  return { all: normalize(all), leave, tripMinutes, fieldMinutes };
}

const leaveTypeMaps = new WeakMap<readonly LeaveType[], Map<string, LeaveType>>();
const NO_TYPES: readonly LeaveType[] = [];

/** Built-in leave types overlaid with the given ones, memoised per list. */
function leaveTypeMap(list: readonly LeaveType[] = NO_TYPES): Map<string, LeaveType> {
  let map = leaveTypeMaps.get(list);
  if (!map) {
    map = new Map<string, LeaveType>();
    for (const t of BUILTIN_LEAVE_TYPES) map.set(t.id, t);
    for (const t of list) map.set(t.id, t);
    leaveTypeMaps.set(list, map);
  }
  return map;
}

/** How many halves of the day (before / after the split) an interval set touches: 0, 1 or 2. */
function halvesTouched(intervals: readonly Interval[], split: number): number {
  let am = false;
  let pm = false;
  for (const i of intervals) {
    if (i.start < split) am = true;
    if (i.end > split) pm = true;
  }
  return (am ? 1 : 0) + (pm ? 1 : 0);
}

interface Unit {
  work: Interval[];
  span: Interval;
  low: number;
  high: number;
  label?: string;
}

function evaluateFixed(
  ctx: Ctx,
  plan: FixedPlan,
  punches: readonly DayPunch[],
  region: Interval,
  required: readonly Interval[],
  out: Outcome,
): void {
  const segs = plan.segments;
  const units: Unit[] =
    ctx.rules.punchMode === 'everyPair' && segs.length > 1
      ? segs.map((s, i) => ({
          work: [{ start: s.start, end: s.end }],
          span: { start: s.start, end: s.end },
          low: i === 0 ? region.start : (segs[i - 1].end + s.start) / 2,
          high: i === segs.length - 1 ? region.end : (s.end + segs[i + 1].start) / 2,
          label: `${formatClock(s.startMinute)}–${formatClock(s.endMinute)}`,
        }))
      : [
          {
            work: segs.map((s) => ({ start: s.start, end: s.end })),
            span: { start: plan.span.start, end: plan.span.end },
            low: region.start,
            high: region.end,
          },
        ];
  out.afterFrom = plan.span.end;
  out.beforeUntil = plan.span.start;
  out.outside = new Set();
  for (const unit of units) evaluateUnit(ctx, unit, punches, required, plan.halfSplit, out);
}

function evaluateUnit(
  ctx: Ctx,
  unit: Unit,
  punches: readonly DayPunch[],
  required: readonly Interval[],
  halfSplit: number,
  out: Outcome,
): void {
  const { rules, clock } = ctx;
  const req = intersect(required, unit.work);
  const ref = req.length ? { start: req[0].start, end: req[req.length - 1].end } : unit.span;
  const half = (ref.end - ref.start) / 2;
  // Windows open and close around the shift itself; leave only moves where in and out meet.
  const inWin = {
    start: Math.max(unit.low, unit.span.start - rules.checkInOpensMinutes * MIN),
    end:
      rules.checkInClosesMinutes === null ? ref.start + half : ref.start + rules.checkInClosesMinutes * MIN,
  };
  const outWin = {
    start: rules.checkOutOpensMinutes === null ? ref.end - half : ref.end - rules.checkOutOpensMinutes * MIN,
    end: Math.min(unit.high, unit.span.end + rules.checkOutClosesMinutes * MIN),
  };
  const mine = punches.filter((p) => p.ms >= unit.low && p.ms < unit.high);
  const inPunch = mine.find((p) => p.ms >= inWin.start && p.ms <= inWin.end) ?? null;
  let outPunch: DayPunch | null = null;
  for (let i = mine.length - 1; i >= 0; i--) {
    const p = mine[i];
    if (p.ms >= outWin.start && p.ms <= outWin.end && p !== inPunch && (!inPunch || p.ms > inPunch.ms)) {
      outPunch = p;
      break;
    }
  }
  for (const p of mine) {
    if (p === inPunch || p === outPunch) continue;
    const inside = (p.ms >= inWin.start && p.ms <= inWin.end) || (p.ms >= outWin.start && p.ms <= outWin.end);
    const between = inPunch && outPunch && p.ms > inPunch.ms && p.ms < outPunch.ms;
    if (!inside && !between) {
      out.outside!.add(p);
      ctx.reasons.push({
        code: 'punchOutsideWindow',
        figure: 'punches',
        params: {
          punch: clock(p.ms),
          inFrom: clock(inWin.start),
          inTo: clock(inWin.end),
          outFrom: clock(outWin.start),
          outTo: clock(outWin.end),
        },
      });
    }
  }
  if (inPunch) out.used.add(inPunch);
  if (outPunch) out.used.add(outPunch);
  const pair: PunchPair = { in: inPunch ? ctx.use(inPunch) : null, out: outPunch ? ctx.use(outPunch) : null };
  if (unit.label) pair.segment = unit.label;
  out.pairs.push(pair);
  if (inPunch) {
    ctx.reasons.push({
      code: 'punchIn',
      figure: 'punches',
      params: { punch: clock(inPunch.ms), from: clock(inWin.start), to: clock(inWin.end) },
    });
  }
  if (outPunch) {
    ctx.reasons.push({
      code: 'punchOut',
      figure: 'punches',
      params: { punch: clock(outPunch.ms), from: clock(outWin.start), to: clock(outWin.end) },
    });
  }

  if (inPunch && outPunch) {
    const breaks = subtract([unit.span], unit.work);
    out.presence = normalize([
      ...out.presence,
      ...subtract([{ start: inPunch.ms, end: outPunch.ms }], breaks),
    ]);
  }

  if (!req.length) return;
  const reqStart = req[0].start;
  const reqEnd = req[req.length - 1].end;
  if (!inPunch && !outPunch) {
    const halves = halvesTouched(req, halfSplit);
    out.absentHalves += halves;
    ctx.reasons.push({
      code: 'absentNoPunches',
      figure: 'absent',
      params: { from: clock(reqStart), to: clock(reqEnd), absence: halves >= 2 ? 'full' : 'half' },
    });
    return;
  }
  if (inPunch) {
    judgeLate(
      ctx,
      Math.round((inPunch.ms - reqStart) / MIN),
      clock(inPunch.ms),
      clock(reqStart),
      'late',
      out,
    );
  } else {
    missingPunch(ctx, 'missingIn', rules.missingIn, clock(reqStart), out);
  }
  if (outPunch) {
    judgeEarly(
      ctx,
      Math.round((reqEnd - outPunch.ms) / MIN),
      clock(outPunch.ms),
      { shiftEnd: clock(reqEnd) },
      'earlyLeave',
      out,
    );
  } else {
    missingPunch(ctx, 'missingOut', rules.missingOut, clock(reqEnd), out);
  }
}

function thresholdAbsence(
  minutes: number,
  t: AbsenceThresholds,
): { halves: number; threshold: number } | null {
  if (t.fullDayAfterMinutes !== undefined && minutes > t.fullDayAfterMinutes) {
    return { halves: 2, threshold: t.fullDayAfterMinutes };
  }
  if (t.halfDayAfterMinutes !== undefined && minutes > t.halfDayAfterMinutes) {
    return { halves: 1, threshold: t.halfDayAfterMinutes };
  }
  return null;
}

function judgeLate(
  ctx: Ctx,
  minutes: number,
  punch: string,
  startsAt: string,
  code: 'late' | 'lateFlexible' | 'lateCore',
  out: Outcome,
): void {
  if (minutes <= 0) return;
  const grace = ctx.rules.lateGraceMinutes;
  const startKey = code === 'late' ? 'shiftStart' : code === 'lateFlexible' ? 'latestStart' : 'coreStart';
  if (minutes <= grace) {
    ctx.reasons.push({
      code: 'lateWithinGrace',
      figure: 'late',
      params: { punch, [startKey]: startsAt, grace, minutes },
    });
    return;
  }
  // The measured figure stays; beyond a threshold it also counts as absence.
  out.late += minutes;
  out.lateCount++;
  ctx.reasons.push({ code, figure: 'late', params: { punch, [startKey]: startsAt, grace, minutes } });
  const absence = thresholdAbsence(minutes, ctx.rules.lateAsAbsence);
  if (absence) {
    out.absentHalves += absence.halves;
    ctx.reasons.push({
      code: 'lateAsAbsence',
      figure: 'absent',
      params: {
        punch,
        start: startsAt,
        minutes,
        threshold: absence.threshold,
        absence: absence.halves === 2 ? 'full' : 'half',
      },
    });
  }
}

function judgeEarly(
  ctx: Ctx,
  minutes: number,
  punch: string,
  extra: Record<string, string | number>,
  code: 'earlyLeave' | 'earlyLeaveFlexible' | 'earlyLeaveCore',
  out: Outcome,
): void {
  if (minutes <= 0) return;
  const grace = ctx.rules.earlyLeaveGraceMinutes;
  const end = String(extra.shiftEnd ?? extra.expectedEnd ?? extra.coreEnd ?? '');
  if (minutes <= grace) {
    ctx.reasons.push({
      code: 'earlyLeaveWithinGrace',
      figure: 'earlyLeave',
      params: { punch, end, grace, minutes },
    });
    return;
  }
  // The measured figure stays; beyond a threshold it also counts as absence.
  out.early += minutes;
  out.earlyCount++;
  ctx.reasons.push({ code, figure: 'earlyLeave', params: { punch, ...extra, grace, minutes } });
  const absence = thresholdAbsence(minutes, ctx.rules.earlyLeaveAsAbsence);
  if (absence) {
    out.absentHalves += absence.halves;
    ctx.reasons.push({
      code: 'earlyLeaveAsAbsence',
      figure: 'absent',
      params: {
        punch,
        end,
        minutes,
        threshold: absence.threshold,
        absence: absence.halves === 2 ? 'full' : 'half',
      },
    });
  }
}

function missingPunch(
  ctx: Ctx,
  code: 'missingIn' | 'missingOut',
  meaning: AttendanceRules['missingIn'],
  expected: string,
  out: Outcome,
): void {
  if (code === 'missingIn') out.missingIn++;
  else out.missingOut++;
  ctx.reasons.push({ code, figure: 'missing', params: { expected, meaning } });
  if (meaning === 'halfDayAbsent' || meaning === 'fullDayAbsent') {
    out.absentHalves += meaning === 'fullDayAbsent' ? 2 : 1;
    ctx.reasons.push({
      code: 'missingPunchAsAbsence',
      figure: 'absent',
      params: { which: code, absence: meaning === 'fullDayAbsent' ? 'full' : 'half' },
    });
  } else if (meaning === 'late' && ctx.rules.missingPunchLateMinutes > 0) {
    const minutes = ctx.rules.missingPunchLateMinutes;
    if (code === 'missingIn') {
      out.late += minutes;
      out.lateCount++;
    } else {
      out.early += minutes;
      out.earlyCount++;
    }
    ctx.reasons.push({
      code: 'missingPunchAsLate',
      figure: code === 'missingIn' ? 'late' : 'earlyLeave',
      params: { which: code, minutes },
    });
  }
}

function evaluateFlexible(
  ctx: Ctx,
  plan: FlexiblePlan,
  punches: readonly DayPunch[],
  region: Interval,
  required: readonly Interval[],
  excused: readonly Interval[],
  out: Outcome,
): void {
  const { rules, clock } = ctx;
  const window = {
    start: Math.max(region.start, plan.span.start - rules.checkInOpensMinutes * MIN),
    end: Math.min(region.end, plan.span.end + rules.checkOutClosesMinutes * MIN),
  };
  out.outside = new Set();
  const usable: DayPunch[] = [];
  for (const p of punches) {
    if (p.ms >= window.start && p.ms <= window.end) usable.push(p);
    else {
      out.outside.add(p);
      ctx.reasons.push({
        code: 'punchOutsideWindow',
        figure: 'punches',
        params: {
          punch: clock(p.ms),
          inFrom: clock(window.start),
          inTo: clock(window.end),
          outFrom: clock(window.start),
          outTo: clock(window.end),
        },
      });
    }
  }
  let inPunch: DayPunch | null = null;
  let outPunch: DayPunch | null = null;
  if (usable.length >= 2) {
    inPunch = usable[0];
    outPunch = usable[usable.length - 1];
  } else if (usable.length === 1) {
    const mid = (plan.span.start + plan.span.end) / 2;
    if (usable[0].ms <= mid) inPunch = usable[0];
    else outPunch = usable[0];
  }
  const breaks = plan.breaks.map((b) => ({ start: b.start, end: b.end }));
  if (rules.punchMode === 'everyPair' && usable.length >= 2) {
    for (let i = 0; i + 1 < usable.length; i += 2) {
      out.pairs.push({ in: ctx.use(usable[i]), out: ctx.use(usable[i + 1]) });
      out.used.add(usable[i]).add(usable[i + 1]);
      out.presence.push(
        ...subtract([{ start: Math.max(usable[i].ms, plan.earliest), end: usable[i + 1].ms }], breaks),
      );
    }
    if (usable.length % 2 === 1) {
      out.pairs.push({ in: ctx.use(usable[usable.length - 1]), out: null });
      out.used.add(usable[usable.length - 1]);
    }
    out.presence = normalize(out.presence);
  } else {
    out.pairs.push({ in: inPunch ? ctx.use(inPunch) : null, out: outPunch ? ctx.use(outPunch) : null });
    if (inPunch) out.used.add(inPunch);
    if (outPunch) out.used.add(outPunch);
    if (inPunch && outPunch) {
      out.presence = subtract([{ start: Math.max(inPunch.ms, plan.earliest), end: outPunch.ms }], breaks);
    }
  }
  if (inPunch)
    ctx.reasons.push({
      code: 'punchIn',
      figure: 'punches',
      params: { punch: clock(inPunch.ms), from: clock(window.start), to: clock(window.end) },
    });
  if (outPunch)
    ctx.reasons.push({
      code: 'punchOut',
      figure: 'punches',
      params: { punch: clock(outPunch.ms), from: clock(window.start), to: clock(window.end) },
    });

  const excusedMinutes = totalMinutes(intersect(excused, plan.segments));
  const requiredWork = plan.requiredMinutes - excusedMinutes;
  // The time arriving after which is late: the latest start, else the first core start, moved past leave.
  let threshold: number | null = plan.latest ?? plan.core[0]?.start ?? null;
  const fromCore = plan.latest === null && threshold !== null;
  if (threshold !== null) {
    for (const e of excused) if (threshold >= e.start && threshold < e.end) threshold = e.end;
  }
  const effStart = inPunch
    ? Math.min(Math.max(inPunch.ms, plan.earliest), threshold ?? Number.POSITIVE_INFINITY)
    : null;
  const expectedEnd =
    effStart !== null ? advance(effStart, requiredWork, normalize([...breaks, ...excused])) : plan.span.end;
  out.afterFrom = expectedEnd;
  out.beforeUntil = plan.earliest;

  if (requiredWork <= 0 || required.length === 0) return;
  if (!inPunch && !outPunch) {
    const halves = halvesTouched(required, plan.halfSplit);
    out.absentHalves += halves;
    ctx.reasons.push({
      code: 'absentNoPunches',
      figure: 'absent',
      params: {
        from: clock(required[0].start),
        to: clock(required[required.length - 1].end),
        absence: halves >= 2 ? 'full' : 'half',
      },
    });
    return;
  }
  if (inPunch) {
    if (threshold !== null) {
      judgeLate(
        ctx,
        Math.round((inPunch.ms - threshold) / MIN),
        clock(inPunch.ms),
        clock(threshold),
        fromCore ? 'lateCore' : 'lateFlexible',
        out,
      );
    }
  } else missingPunch(ctx, 'missingIn', rules.missingIn, clock(plan.latest ?? plan.earliest), out);
  if (outPunch) {
    const short = Math.round((expectedEnd - outPunch.ms) / MIN);
    const coreEnd = plan.core.length ? plan.core[plan.core.length - 1].end : null;
    const coreExcused = coreEnd !== null && excused.some((e) => coreEnd > e.start && coreEnd <= e.end);
    const coreShort = coreEnd !== null && !coreExcused ? Math.round((coreEnd - outPunch.ms) / MIN) : 0;
    if (coreShort > short && coreShort > 0) {
      judgeEarly(ctx, coreShort, clock(outPunch.ms), { coreEnd: clock(coreEnd!) }, 'earlyLeaveCore', out);
    } else if (inPunch) {
      judgeEarly(
        ctx,
        short,
        clock(outPunch.ms),
        { expectedEnd: clock(expectedEnd), required: requiredWork },
        'earlyLeaveFlexible',
        out,
      );
    }
  } else missingPunch(ctx, 'missingOut', rules.missingOut, clock(expectedEnd), out);
}

/** The instant `minutes` of work after `start`, not counting time inside `skip`. */
function advance(start: number, minutes: number, skip: readonly Interval[]): number {
  let t = start;
  let left = Math.max(0, minutes) * MIN;
  for (const s of skip) {
    if (s.end <= t) continue;
    if (s.start - t >= left) break;
    if (s.start > t) left -= s.start - t;
    t = Math.max(t, s.end);
  }
  return t + left;
}

/** A day without a scheduled time: a rest day, a holiday or a free schedule. Punches pair up in order. */
function evaluateUnscheduled(
  ctx: Ctx,
  punches: readonly DayPunch[],
  out: Outcome,
  countMissing: boolean,
): void {
  const { clock, rules } = ctx;
  const pairs: [DayPunch, DayPunch | null][] = [];
  if (punches.length === 0) return;
  if (rules.punchMode === 'everyPair') {
    for (let i = 0; i < punches.length; i += 2) pairs.push([punches[i], punches[i + 1] ?? null]);
  } else {
    pairs.push([punches[0], punches.length > 1 ? punches[punches.length - 1] : null]);
  }
  for (const [a, b] of pairs) {
    out.pairs.push({ in: ctx.use(a), out: b ? ctx.use(b) : null });
    out.used.add(a);
    if (b) {
      out.used.add(b);
      out.presence.push({ start: a.ms, end: b.ms });
    } else {
      ctx.reasons.push({ code: 'unpairedPunch', figure: 'missing', params: { punch: clock(a.ms) } });
      if (countMissing) out.missingOut++;
    }
  }
  out.presence = normalize(out.presence);
}

function statusList(
  input: DayInput,
  plan: ShiftPlan | null,
  required: readonly Interval[],
  out: Outcome,
  absent: Absence,
  excuse: Excuse,
  overtime: boolean,
  scheduledMinutes: number,
): DayStatus[] {
  const s: DayStatus[] = [];
  if (out.late > 0 || out.lateCount > 0) s.push('late');
  if (out.early > 0 || out.earlyCount > 0) s.push('earlyLeave');
  if (out.missingIn > 0) s.push('missingIn');
  if (out.missingOut > 0) s.push('missingOut');
  if (absent === 'half') s.push('absentHalfDay');
  if (absent === 'full') s.push('absentFullDay');
  const anomaly = s.length > 0;
  if (excuse.leave.some((l) => l.minutes > 0)) s.push('leave');
  if (excuse.tripMinutes > 0) s.push('businessTrip');
  if (excuse.fieldMinutes > 0) s.push('fieldWork');
  if (overtime) s.push('overtime');
  if (out.pairs.some((p) => p.in?.correctionRequestId || p.out?.correctionRequestId)) s.push('corrected');
  const scheduled =
    plan !== null && (plan.kind === 'free' ? input.dayType === 'workday' : scheduledMinutes > 0);
  if (!anomaly) {
    if (!scheduled) s.unshift(input.dayType === 'statutoryHoliday' ? 'holiday' : 'rest');
    else if ((required.length > 0 || plan?.kind === 'free') && out.pairs.length > 0) s.unshift('normal');
  }
  return s;
}
