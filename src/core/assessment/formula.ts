// The assessment score (考核得分): a base, plus points per unit of each measured item, each item capped,
// the total kept between a floor and a ceiling. Every item that moved the score is a line that says how.
import type { MonthSummary } from '../attendance/month-summary.js';

export const METRICS = [
  'lateCount',
  'lateMinutes',
  'earlyLeaveCount',
  'earlyLeaveMinutes',
  'absentDays',
  'missingPunches',
  'leaveDays',
  'attendanceRatePercent',
  'fullAttendance',
] as const;
export type Metric = (typeof METRICS)[number];

export interface ScoreItem {
  metric: Metric;
  /** Points per unit, negative for a deduction: -2 per late. */
  pointsPerUnit: number;
  /** The most this item may move the score, in points (absolute); null: no cap. */
  cap: number | null;
}

export interface ScoreFormula {
  base: number;
  items: ScoreItem[];
  min: number;
  max: number;
}

export interface ScoreLine {
  metric: Metric;
  value: number;
  pointsPerUnit: number;
  /** Points before the cap. */
  raw: number;
  points: number;
  capped: boolean;
}

export interface Score {
  base: number;
  score: number;
  lines: ScoreLine[];
  /** Set when the floor or ceiling changed the total. */
  clampedTo: 'min' | 'max' | null;
}

export type Metrics = Record<Metric, number>;

/** The measured items of a month, from the attendance month summary (never recomputed here). */
export function metricsOf(summary: MonthSummary): Metrics {
  const leaveDays = Object.values(summary.leave).reduce((n, l) => n + l.days, 0);
  return {
    lateCount: summary.lateCount,
    lateMinutes: summary.lateMinutes,
    earlyLeaveCount: summary.earlyLeaveCount,
    earlyLeaveMinutes: summary.earlyLeaveMinutes,
    absentDays: summary.absentDays,
    missingPunches: summary.missingPunches,
    leaveDays: round(leaveDays, 4),
    attendanceRatePercent: summary.attendanceRate === null ? 100 : round(summary.attendanceRate * 100, 2),
    // 1 for a month with work scheduled and no late, early leave, absence or missing punch (绩效加分 for it).
    fullAttendance:
      summary.daysScheduled > 0 &&
      summary.lateCount + summary.earlyLeaveCount + summary.missingPunches === 0 &&
      summary.absentDays === 0
        ? 1
        : 0,
  };
}

export function scoreOf(formula: ScoreFormula, metrics: Metrics): Score {
  const lines: ScoreLine[] = [];
  let total = formula.base;
  for (const item of formula.items) {
    const value = metrics[item.metric];
    const raw = round(value * item.pointsPerUnit, 2);
    if (raw === 0) continue;
    const capped = item.cap !== null && Math.abs(raw) > item.cap;
    const points = capped ? Math.sign(raw) * (item.cap as number) : raw;
    lines.push({ metric: item.metric, value, pointsPerUnit: item.pointsPerUnit, raw, points, capped });
    total += points;
  }
  total = round(total, 2);
  let clampedTo: Score['clampedTo'] = null;
  if (total < formula.min) {
    total = formula.min;
    clampedTo = 'min';
  } else if (total > formula.max) {
    total = formula.max;
    clampedTo = 'max';
  }
  return { base: formula.base, score: total, lines, clampedTo };
}

/** Problems with a formula, in words (empty when it is usable). */
export function formulaProblems(formula: ScoreFormula): string[] {
  const out: string[] = [];
  if (!Number.isFinite(formula.base)) out.push('base must be a number');
  if (!(formula.min <= formula.max)) out.push('min must not be above max');
  const seen = new Set<string>();
  for (const item of formula.items) {
    if (!METRICS.includes(item.metric)) out.push(`unknown metric ${String(item.metric)}`);
    if (seen.has(item.metric)) out.push(`metric ${item.metric} is listed twice`);
    seen.add(item.metric);
    if (!Number.isFinite(item.pointsPerUnit)) out.push(`${item.metric}: pointsPerUnit must be a number`);
    if (item.cap !== null && !(item.cap >= 0)) out.push(`${item.metric}: cap must be 0 or more`);
  }
  return out;
}

export function round(n: number, places: number): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}
