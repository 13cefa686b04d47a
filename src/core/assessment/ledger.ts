// Rewards and penalties (奖惩): rules with effective dates turn a month of day results into a ledger, one
// explained line per item. Money is in integer fen (分): a penalty is negative, a bonus positive.
import type { MonthSummary } from '../attendance/month-summary.js';
import type { DayResult } from '../attendance/result.js';

interface RuleBase {
  id: string;
  name: string;
  /** First date the rule applies to (YYYY-MM-DD). */
  effectiveFrom: string;
  /** Last date it applies to; null: open-ended. */
  effectiveTo: string | null;
}

/** "The first 3 lates of up to 10 minutes in a month are free, each further late costs 20." */
export interface CountRule extends RuleBase {
  kind: 'late' | 'earlyLeave';
  freeCount: number;
  /** Only items of at most this many minutes can be free; longer ones always cost. */
  freeMaxMinutes: number;
  amountFen: number;
}

/** "Absence costs a day's pay equivalent set per grade"; a half-day absence costs half. */
export interface AbsenceRule extends RuleBase {
  kind: 'absence';
  dayPayFenByGrade: Record<string, number>;
  defaultDayPayFen: number;
}

export interface MissingPunchRule extends RuleBase {
  kind: 'missingPunch';
  freeCount: number;
  amountFen: number;
}

/** 全勤奖: no late, early leave, absence or missing punch, and leave of at most maxLeaveDays. */
export interface FullAttendanceRule extends RuleBase {
  kind: 'fullAttendance';
  amountFen: number;
  maxLeaveDays: number;
}

export type RewardRule = CountRule | AbsenceRule | MissingPunchRule | FullAttendanceRule;
export type RuleKind = RewardRule['kind'];
export const RULE_KINDS: readonly RuleKind[] = [
  'late',
  'earlyLeave',
  'absence',
  'missingPunch',
  'fullAttendance',
];

/** A manual line, e.g. the adjustment an overturned appeal granted. */
export interface Adjustment {
  amountFen: number;
  note: string;
  appealId: number;
}

export type LineCode =
  | 'late.free'
  | 'late.charged'
  | 'late.overMax'
  | 'earlyLeave.free'
  | 'earlyLeave.charged'
  | 'earlyLeave.overMax'
  | 'absence.full'
  | 'absence.half'
  | 'missingPunch.free'
  | 'missingPunch.charged'
  | 'fullAttendance.granted'
  | 'fullAttendance.withheld'
  | 'adjustment';

export interface LedgerLine {
  ruleId: string | null;
  ruleName: string;
  kind: RuleKind | 'adjustment';
  date: string | null;
  amountFen: number;
  code: LineCode;
  params: Record<string, string | number>;
}

export interface LedgerInput {
  month: string; // YYYY-MM
  days: readonly DayResult[];
  summary: MonthSummary;
  grade: string | null;
  rules: readonly RewardRule[];
  adjustments?: readonly Adjustment[];
}

export interface Ledger {
  lines: LedgerLine[];
  totalFen: number;
  penaltiesFen: number;
  rewardsFen: number;
}

export const inForce = (rule: RuleBase, date: string) =>
  rule.effectiveFrom <= date && (rule.effectiveTo === null || date <= rule.effectiveTo);

/** The last date of a month 'YYYY-MM'. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

export function ledgerOf(input: LedgerInput): Ledger {
  const days = [...input.days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const lines: LedgerLine[] = [];
  for (const rule of input.rules) {
    switch (rule.kind) {
      case 'late':
      case 'earlyLeave':
        lines.push(...countLines(rule, days));
        break;
      case 'absence':
        lines.push(...absenceLines(rule, days, input.grade));
        break;
      case 'missingPunch':
        lines.push(...missingLines(rule, days));
        break;
      case 'fullAttendance': {
        const line = fullAttendanceLine(rule, input.month, input.summary);
        if (line) lines.push(line);
        break;
      }
    }
  }
  for (const a of input.adjustments ?? []) {
    lines.push({
      ruleId: null,
      ruleName: '',
      kind: 'adjustment',
      date: null,
      amountFen: a.amountFen,
      code: 'adjustment',
      params: { appealId: a.appealId, note: a.note, amount: money(a.amountFen) },
    });
  }
  let penaltiesFen = 0;
  let rewardsFen = 0;
  for (const l of lines) {
    if (l.amountFen < 0) penaltiesFen += l.amountFen;
    else rewardsFen += l.amountFen;
  }
  return { lines, totalFen: penaltiesFen + rewardsFen, penaltiesFen, rewardsFen };
}

function countLines(rule: CountRule, days: readonly DayResult[]): LedgerLine[] {
  const out: LedgerLine[] = [];
  let free = 0;
  for (const d of days) {
    if (!inForce(rule, d.date)) continue;
    const count = rule.kind === 'late' ? d.lateCount : d.earlyLeaveCount;
    const total = rule.kind === 'late' ? d.lateMinutes : d.earlyLeaveMinutes;
    // A day with several lates (one per segment) splits its minutes evenly between them.
    for (let i = 0; i < count; i++) {
      const minutes = Math.ceil(total / count);
      const base = { ruleId: rule.id, ruleName: rule.name, kind: rule.kind, date: d.date };
      if (minutes > rule.freeMaxMinutes) {
        out.push({
          ...base,
          amountFen: -rule.amountFen,
          code: `${rule.kind}.overMax`,
          params: { minutes, max: rule.freeMaxMinutes, amount: money(rule.amountFen) },
        });
      } else if (free < rule.freeCount) {
        free++;
        out.push({
          ...base,
          amountFen: 0,
          code: `${rule.kind}.free`,
          params: { minutes, n: free, free: rule.freeCount, max: rule.freeMaxMinutes },
        });
      } else {
        out.push({
          ...base,
          amountFen: -rule.amountFen,
          code: `${rule.kind}.charged`,
          params: { minutes, free: rule.freeCount, amount: money(rule.amountFen) },
        });
      }
    }
  }
  return out;
}

function absenceLines(rule: AbsenceRule, days: readonly DayResult[], grade: string | null): LedgerLine[] {
  const dayPay =
    grade !== null && rule.dayPayFenByGrade[grade] !== undefined
      ? rule.dayPayFenByGrade[grade]
      : rule.defaultDayPayFen;
  const out: LedgerLine[] = [];
  for (const d of days) {
    if (!inForce(rule, d.date) || d.absent === 'none') continue;
    const amount = d.absent === 'full' ? dayPay : Math.round(dayPay / 2);
    out.push({
      ruleId: rule.id,
      ruleName: rule.name,
      kind: 'absence',
      date: d.date,
      amountFen: -amount,
      code: d.absent === 'full' ? 'absence.full' : 'absence.half',
      params: { grade: grade ?? '-', dayPay: money(dayPay), amount: money(amount) },
    });
  }
  return out;
}

function missingLines(rule: MissingPunchRule, days: readonly DayResult[]): LedgerLine[] {
  const out: LedgerLine[] = [];
  let free = 0;
  for (const d of days) {
    if (!inForce(rule, d.date)) continue;
    for (let i = 0; i < d.missingIn + d.missingOut; i++) {
      const base = { ruleId: rule.id, ruleName: rule.name, kind: 'missingPunch' as const, date: d.date };
      if (free < rule.freeCount) {
        free++;
        out.push({
          ...base,
          amountFen: 0,
          code: 'missingPunch.free',
          params: { n: free, free: rule.freeCount },
        });
      } else {
        out.push({
          ...base,
          amountFen: -rule.amountFen,
          code: 'missingPunch.charged',
          params: { free: rule.freeCount, amount: money(rule.amountFen) },
        });
      }
    }
  }
  return out;
}

/** The bonus follows the rule in force on the month's last day. */
function fullAttendanceLine(rule: FullAttendanceRule, month: string, s: MonthSummary): LedgerLine | null {
  if (!inForce(rule, monthEnd(month)) || s.daysScheduled === 0) return null;
  const leaveDays = Math.round(Object.values(s.leave).reduce((n, l) => n + l.days, 0) * 100) / 100;
  const misses: string[] = [];
  if (s.lateCount > 0) misses.push(`late×${s.lateCount}`);
  if (s.earlyLeaveCount > 0) misses.push(`earlyLeave×${s.earlyLeaveCount}`);
  if (s.absentDays > 0) misses.push(`absent×${s.absentDays}`);
  if (s.missingPunches > 0) misses.push(`missingPunch×${s.missingPunches}`);
  if (leaveDays > rule.maxLeaveDays) misses.push(`leave×${leaveDays}`);
  const base = { ruleId: rule.id, ruleName: rule.name, kind: 'fullAttendance' as const, date: null };
  if (misses.length === 0) {
    return {
      ...base,
      amountFen: rule.amountFen,
      code: 'fullAttendance.granted',
      params: { amount: money(rule.amountFen), maxLeave: rule.maxLeaveDays },
    };
  }
  return {
    ...base,
    amountFen: 0,
    code: 'fullAttendance.withheld',
    params: { amount: money(rule.amountFen), why: misses.join(', '), maxLeave: rule.maxLeaveDays },
  };
}

/** Fen as yuan with two decimals: 2000 → '20.00'. */
export function money(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Problems with a rule, in words (empty when usable). */
export function ruleProblems(rule: RewardRule): string[] {
  const out: string[] = [];
  const at = `rule ${rule.id}`;
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!RULE_KINDS.includes(rule.kind)) return [`${at}: unknown kind ${String(rule.kind)}`];
  if (!date.test(rule.effectiveFrom)) out.push(`${at}: effectiveFrom must be YYYY-MM-DD`);
  if (rule.effectiveTo !== null && (!date.test(rule.effectiveTo) || rule.effectiveTo < rule.effectiveFrom))
    out.push(`${at}: effectiveTo must be a date on or after effectiveFrom`);
  const fen = (n: unknown, what: string) => {
    if (!Number.isSafeInteger(n) || (n as number) < 0)
      out.push(`${at}: ${what} must be a whole number of fen ≥ 0`);
  };
  const count = (n: unknown, what: string) => {
    if (!Number.isSafeInteger(n) || (n as number) < 0) out.push(`${at}: ${what} must be a whole number ≥ 0`);
  };
  switch (rule.kind) {
    case 'late':
    case 'earlyLeave':
      count(rule.freeCount, 'freeCount');
      count(rule.freeMaxMinutes, 'freeMaxMinutes');
      fen(rule.amountFen, 'amountFen');
      break;
    case 'missingPunch':
      count(rule.freeCount, 'freeCount');
      fen(rule.amountFen, 'amountFen');
      break;
    case 'absence':
      fen(rule.defaultDayPayFen, 'defaultDayPayFen');
      for (const [g, v] of Object.entries(rule.dayPayFenByGrade ?? {})) fen(v, `dayPayFenByGrade.${g}`);
      break;
    case 'fullAttendance':
      fen(rule.amountFen, 'amountFen');
      if (!(rule.maxLeaveDays >= 0)) out.push(`${at}: maxLeaveDays must be 0 or more`);
      break;
  }
  return out;
}
