// Overtime (加班): from punches beyond the schedule, from approved requests, or both (requested time
// that was also worked), with the daily minimum, rounding and the art. 44 pay multiples.

import type { DayType } from '../calendar/types.js';
import { parseInstant } from '../time/instant.js';
import { type Interval, intersect, normalize, subtract, totalMinutes } from './intervals.js';
import type { Reason } from './reasons.js';
import type { OvertimeRequest } from './requests.js';
import type { OvertimeFigure, OvertimeKind } from './result.js';
import { type AttendanceRules, type Compensation, OVERTIME_PAY_PERCENT, roundOvertime } from './rules.js';

export function overtimeKindOf(dayType: DayType): OvertimeKind {
  return dayType === 'workday' ? 'workday' : dayType === 'restDay' ? 'restDay' : 'holiday';
}

export interface OvertimeInput {
  dayType: DayType;
  rules: AttendanceRules;
  region: Interval;
  /** Time actually present (between used punches, breaks removed). */
  presence: readonly Interval[];
  /** Scheduled work time; empty on a day without a shift. */
  segments: readonly Interval[];
  /** On a workday: overtime from punches counts after this instant (shift end or expected end). */
  afterFrom: number | null;
  /** On a workday with overtimeBeforeShift: time before this instant counts. */
  beforeUntil: number | null;
  /** A free schedule on a workday: minutes beyond these are overtime (no intervals). */
  freeRequiredMinutes: number | null;
  requests: readonly OvertimeRequest[];
  clock: (ms: number) => string;
}

export interface OvertimeOutcome {
  figure: OvertimeFigure | null;
  reasons: Reason[];
}

export function computeOvertime(input: OvertimeInput): OvertimeOutcome {
  const { rules, dayType, clock } = input;
  const reasons: Reason[] = [];
  const kind = overtimeKindOf(dayType);
  const requested = normalize(
    input.requests.map((r) => ({ start: parseInstant(r.start), end: parseInstant(r.end) })),
  ).flatMap((i) => intersect([i], [input.region]));

  // Candidate time from punches.
  let fromPunches: Interval[] = [];
  let freeExtra = 0;
  if (kind === 'workday') {
    if (input.freeRequiredMinutes !== null) {
      freeExtra = Math.max(0, totalMinutes(input.presence) - input.freeRequiredMinutes);
    } else {
      if (input.afterFrom !== null) {
        const from = input.afterFrom + rules.overtimeStartsAfterMinutes * 60_000;
        fromPunches.push(...intersect(input.presence, [{ start: from, end: Number.POSITIVE_INFINITY }]));
      }
      if (rules.overtimeBeforeShift && input.beforeUntil !== null) {
        fromPunches.push(
          ...intersect(input.presence, [{ start: Number.NEGATIVE_INFINITY, end: input.beforeUntil }]),
        );
      }
      fromPunches = normalize(fromPunches);
    }
  } else {
    fromPunches = normalize([...input.presence]);
  }

  let counted: Interval[];
  let minutes: number;
  if (rules.overtimeSource === 'punches') {
    counted = fromPunches;
    minutes = totalMinutes(counted) + freeExtra;
    for (const i of counted) reasons.push(blockReason(kind, i, input, clock));
    if (freeExtra > 0) {
      reasons.push({
        code: 'overtimeFreeSchedule',
        figure: 'overtime',
        params: {
          worked: totalMinutes(input.presence),
          required: input.freeRequiredMinutes ?? 0,
          minutes: freeExtra,
        },
      });
    }
  } else {
    const outsideSchedule = kind === 'workday' ? subtract(requested, input.segments) : requested;
    counted =
      rules.overtimeSource === 'requests' ? outsideSchedule : intersect(outsideSchedule, input.presence);
    minutes = totalMinutes(counted);
    for (const r of input.requests) {
      const part = intersect(counted, [{ start: parseInstant(r.start), end: parseInstant(r.end) }]);
      const m = totalMinutes(part);
      if (m > 0) {
        reasons.push({
          code: rules.overtimeSource === 'requests' ? 'overtimeRequested' : 'overtimeRequestedAndWorked',
          figure: 'overtime',
          params: {
            request: r.id,
            from: clock(part[0].start),
            to: clock(part[part.length - 1].end),
            minutes: m,
          },
        });
      }
    }
    const unrequested = totalMinutes(subtract(fromPunches, requested)) + (requested.length ? 0 : freeExtra);
    if (unrequested > 0) {
      reasons.push({
        code: 'overtimeWithoutRequest',
        figure: 'overtime',
        params: { minutes: unrequested, source: rules.overtimeSource },
      });
    }
  }

  if (minutes <= 0) return { figure: null, reasons };
  if (minutes < rules.overtimeMinimumMinutes) {
    reasons.push({
      code: 'overtimeBelowMinimum',
      figure: 'overtime',
      params: { minutes, minimum: rules.overtimeMinimumMinutes },
    });
    return { figure: null, reasons };
  }
  const rounded = roundOvertime(minutes, rules.overtimeRoundingMinutes, rules.overtimeRounding);
  if (rounded !== minutes) {
    reasons.push({
      code: 'overtimeRounded',
      figure: 'overtime',
      params: {
        before: minutes,
        after: rounded,
        step: rules.overtimeRoundingMinutes,
        mode: rules.overtimeRounding,
      },
    });
  }
  if (rounded <= 0) return { figure: null, reasons };
  const compensation = compensationFor(kind, rules, input.requests);
  const payPercent = compensation === 'pay' ? OVERTIME_PAY_PERCENT[kind] : null;
  reasons.push({
    code: compensation === 'pay' ? 'overtimePaid' : 'overtimeToTimeOff',
    figure: 'overtime',
    params: {
      kind,
      minutes: rounded,
      percent: payPercent ?? 0,
      setting: compensationSetting(kind, input.requests),
    },
  });
  return { figure: { kind, minutes: rounded, compensation, payPercent }, reasons };
}

function compensationFor(
  kind: OvertimeKind,
  rules: AttendanceRules,
  requests: readonly OvertimeRequest[],
): Compensation {
  // Art. 44: workday extensions and statutory-holiday work are paid; only rest-day work may become time off.
  if (kind !== 'restDay') return 'pay';
  const asked = requests.find((r) => r.compensation)?.compensation;
  return asked ?? rules.restDayOvertime;
}

function compensationSetting(kind: OvertimeKind, requests: readonly OvertimeRequest[]): string {
  if (kind === 'workday') return 'art44Workday';
  if (kind === 'holiday') return 'art44Holiday';
  return requests.some((r) => r.compensation) ? 'request' : 'restDayOvertime';
}

function blockReason(
  kind: OvertimeKind,
  i: Interval,
  input: OvertimeInput,
  clock: (ms: number) => string,
): Reason {
  const minutes = totalMinutes([i]);
  if (kind === 'workday') {
    const before = input.beforeUntil !== null && i.end <= input.beforeUntil;
    return before
      ? {
          code: 'overtimeBeforeShift',
          figure: 'overtime',
          params: { from: clock(i.start), to: clock(i.end), minutes },
        }
      : {
          code: 'overtimeAfterShift',
          figure: 'overtime',
          params: {
            from: clock(i.start),
            to: clock(i.end),
            minutes,
            shiftEnd: input.afterFrom === null ? '' : clock(input.afterFrom),
            startsAfter: input.rules.overtimeStartsAfterMinutes,
          },
        };
  }
  return {
    code: kind === 'restDay' ? 'overtimeRestDay' : 'overtimeHoliday',
    figure: 'overtime',
    params: { from: clock(i.start), to: clock(i.end), minutes },
  };
}
