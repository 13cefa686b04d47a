// Shifts (班次): fixed with work segments and breaks, flexible (弹性), or a free schedule (自由工时).
// Times are local wall-clock times of the day the shift starts; a shift that crosses midnight belongs
// to the day it starts on.

import { formatClock, parseClock } from '../time/clock.js';
import { fromLocal } from '../time/zone.js';
import type { Interval } from './intervals.js';
import type { RuleOverrides } from './rules.js';

export interface ClockRange {
  start: string;
  end: string;
}

export interface FixedShift {
  kind: 'fixed';
  id: string;
  name?: string;
  /** Work segments in order; the gaps between them are breaks. A time earlier than the one before it
   *  is on the next day, so ['22:00','02:00'] and ['03:00','06:00'] is one night shift. */
  segments: ClockRange[];
  /** Where the morning half ends for half-day leave and absence (default: the break nearest the middle). */
  halfDaySplit?: string;
  rules?: RuleOverrides;
}

export interface FlexibleShift {
  kind: 'flexible';
  id: string;
  name?: string;
  /** Work counts from this time at the earliest. */
  earliestStart: string;
  /** Arriving after this is late (最晚上班时间). */
  latestStart?: string;
  /** Minutes of work required, breaks excluded. */
  requiredMinutes: number;
  /** Core hours (核心时段): presence required; arriving after the first start is late, leaving before the last end is early. */
  coreHours?: ClockRange[];
  breaks?: ClockRange[];
  halfDaySplit?: string;
  rules?: RuleOverrides;
}

export interface FreeShift {
  kind: 'free';
  id: string;
  name?: string;
  /** Minutes a workday is expected to last; work beyond them on a workday is overtime. */
  requiredMinutes?: number;
  rules?: RuleOverrides;
}

export type Shift = FixedShift | FlexibleShift | FreeShift;

/** An interval with its wall-clock minutes after the attendance date's local midnight. */
export interface TimedInterval extends Interval {
  startMinute: number;
  endMinute: number;
}

export interface FixedPlan {
  kind: 'fixed';
  segments: TimedInterval[];
  span: TimedInterval;
  halfSplit: number;
}

export interface FlexiblePlan {
  kind: 'flexible';
  earliest: number;
  earliestMinute: number;
  latest: number | null;
  latestMinute: number | null;
  requiredMinutes: number;
  core: TimedInterval[];
  breaks: TimedInterval[];
  /** Nominal work segments: from the latest start (or earliest) for the required minutes, around breaks. */
  segments: TimedInterval[];
  span: TimedInterval;
  halfSplit: number;
}

export interface FreePlan {
  kind: 'free';
  requiredMinutes: number | null;
}

export type ShiftPlan = FixedPlan | FlexiblePlan | FreePlan;

/** Minutes after midnight for a list of clock times that move forward in time (rolling past midnight). */
export function sequentialMinutes(clocks: readonly string[]): number[] {
  const out: number[] = [];
  let previous = -1;
  for (const clock of clocks) {
    let m = parseClock(clock);
    while (m < previous) m += 1440;
    out.push(m);
    previous = m;
  }
  return out;
}

/** Problems with a shift's definition, as readable sentences (empty when valid). */
export function shiftProblems(shift: Shift): string[] {
  const problems: string[] = [];
  try {
    if (shift.kind === 'fixed') {
      if (shift.segments.length === 0) problems.push(`shift ${shift.id}: needs at least one segment`);
      const mins = sequentialMinutes(shift.segments.flatMap((s) => [s.start, s.end]));
      for (let i = 0; i < mins.length; i += 2) {
        if (mins[i + 1] === mins[i]) problems.push(`shift ${shift.id}: segment ${i / 2 + 1} has no length`);
      }
      if (mins.length && mins[mins.length - 1] - mins[0] > 1440) {
        problems.push(`shift ${shift.id}: lasts more than 24 hours`);
      }
      if (shift.halfDaySplit) parseClock(shift.halfDaySplit);
    } else if (shift.kind === 'flexible') {
      const start = parseClock(shift.earliestStart);
      if (
        shift.latestStart &&
        sequentialMinutes([shift.earliestStart, shift.latestStart])[1] - start > 1440
      ) {
        problems.push(`shift ${shift.id}: latestStart too far after earliestStart`);
      }
      if (!(shift.requiredMinutes > 0 && shift.requiredMinutes <= 1440)) {
        problems.push(`shift ${shift.id}: requiredMinutes must be between 1 and 1440`);
      }
      for (const r of [...(shift.coreHours ?? []), ...(shift.breaks ?? [])]) {
        parseClock(r.start);
        parseClock(r.end);
      }
    } else if (shift.kind === 'free') {
      if (shift.requiredMinutes !== undefined && !(shift.requiredMinutes >= 0)) {
        problems.push(`shift ${shift.id}: requiredMinutes must not be negative`);
      }
    } else {
      problems.push(`shift ${(shift as { id?: string }).id}: unknown kind`);
    }
  } catch (error) {
    problems.push(`shift ${shift.id}: ${(error as Error).message}`);
  }
  return problems;
}

function timed(date: string, zone: string, startMinute: number, endMinute: number): TimedInterval {
  return {
    start: fromLocal(date, startMinute, zone),
    end: fromLocal(date, endMinute, zone),
    startMinute,
    endMinute,
  };
}

/** Clock ranges placed at or after `anchorMinute`, rolling past midnight where needed. */
function rangesFrom(ranges: readonly ClockRange[], anchorMinute: number): [number, number][] {
  const out: [number, number][] = [];
  for (const r of ranges) {
    let s = parseClock(r.start);
    while (s < anchorMinute) s += 1440;
    let e = parseClock(r.end);
    while (e <= s) e += 1440;
    out.push([s, e]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Place a shift on a date in a zone: the instants of its segments, breaks and half-day split. */
export function planShift(shift: Shift, date: string, zone: string): ShiftPlan {
  if (shift.kind === 'free') return { kind: 'free', requiredMinutes: shift.requiredMinutes ?? null };
  if (shift.kind === 'fixed') {
    const mins = sequentialMinutes(shift.segments.flatMap((s) => [s.start, s.end]));
    const segments: TimedInterval[] = [];
    for (let i = 0; i < mins.length; i += 2) segments.push(timed(date, zone, mins[i], mins[i + 1]));
    const span = timed(date, zone, mins[0], mins[mins.length - 1]);
    return {
      kind: 'fixed',
      segments,
      span,
      halfSplit: halfSplitOf(shift.halfDaySplit, segments, span, date, zone),
    };
  }
  const earliestMinute = parseClock(shift.earliestStart);
  const latestMinute = shift.latestStart
    ? sequentialMinutes([shift.earliestStart, shift.latestStart])[1]
    : null;
  const breaks = rangesFrom(shift.breaks ?? [], earliestMinute).map(([s, e]) => timed(date, zone, s, e));
  const core = rangesFrom(shift.coreHours ?? [], earliestMinute).map(([s, e]) => timed(date, zone, s, e));
  // Nominal day: from the latest start (or the earliest), the required minutes, skipping breaks.
  const nominalStart = latestMinute ?? earliestMinute;
  const segMinutes: [number, number][] = [];
  let cursor = nominalStart;
  let left = shift.requiredMinutes;
  for (const b of breaks.filter((b) => b.endMinute > nominalStart)) {
    if (left <= 0) break;
    const bs = Math.max(b.startMinute, cursor);
    if (bs - cursor >= left) break;
    if (bs > cursor) {
      segMinutes.push([cursor, bs]);
      left -= bs - cursor;
    }
    cursor = Math.max(cursor, b.endMinute);
  }
  if (left > 0) segMinutes.push([cursor, cursor + left]);
  const segments = segMinutes.map(([s, e]) => timed(date, zone, s, e));
  const span = timed(date, zone, earliestMinute, segMinutes[segMinutes.length - 1][1]);
  return {
    kind: 'flexible',
    earliest: span.start,
    earliestMinute,
    latest: latestMinute === null ? null : fromLocal(date, latestMinute, zone),
    latestMinute,
    requiredMinutes: shift.requiredMinutes,
    core,
    breaks,
    segments,
    span,
    halfSplit: halfSplitOf(shift.halfDaySplit, segments, span, date, zone),
  };
}

function halfSplitOf(
  configured: string | undefined,
  segments: readonly TimedInterval[],
  span: TimedInterval,
  date: string,
  zone: string,
): number {
  if (configured) {
    let m = parseClock(configured);
    while (m < span.startMinute) m += 1440;
    return fromLocal(date, m, zone);
  }
  const total = segments.reduce((sum, s) => sum + (s.end - s.start), 0);
  const middle = (() => {
    let left = total / 2;
    for (const s of segments) {
      if (s.end - s.start >= left) return s.start + left;
      left -= s.end - s.start;
    }
    return span.end;
  })();
  if (segments.length < 2) return middle;
  // The break (its start) nearest the middle of the working time.
  let best = segments[0].end;
  for (const s of segments.slice(0, -1)) if (Math.abs(s.end - middle) < Math.abs(best - middle)) best = s.end;
  return best;
}

export function describeSpan(plan: FixedPlan | FlexiblePlan): string {
  return `${formatClock(plan.span.startMinute)}–${formatClock(plan.span.endMinute)}`;
}
