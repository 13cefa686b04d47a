// Per-shift attendance rules (考勤规则). A group sets defaults; a shift may override any of them.

/** What a missing punch (缺卡) counts as. */
export type MissingPunchMeaning =
  | 'missing' // only flagged as a missing punch
  | 'halfDayAbsent' // counts as half a day absent (旷工半天)
  | 'fullDayAbsent' // counts as a full day absent (旷工一天)
  | 'late'; // counts as late / early leave by `missingPunchLateMinutes`

export type PunchMode = 'firstInLastOut' | 'everyPair';

/** Where overtime minutes come from: punches beyond the schedule, approved requests, or both together. */
export type OvertimeSource = 'punches' | 'requests' | 'both';

export type RoundingMode = 'down' | 'nearest' | 'up';

export type Compensation = 'pay' | 'timeOffInLieu';

export interface AbsenceThresholds {
  /** More than this many minutes counts as half a day absent instead. */
  halfDayAfterMinutes?: number;
  /** More than this many minutes counts as a full day absent instead. */
  fullDayAfterMinutes?: number;
}

export interface AttendanceRules {
  /** Check-in opens this many minutes before the shift starts. */
  checkInOpensMinutes: number;
  /** Check-in closes this many minutes after the shift starts (null: at the middle of the shift). */
  checkInClosesMinutes: number | null;
  /** Check-out opens this many minutes before the shift ends (null: at the middle of the shift). */
  checkOutOpensMinutes: number | null;
  /** Check-out closes this many minutes after the shift ends. */
  checkOutClosesMinutes: number;
  lateGraceMinutes: number; // 迟到宽限
  earlyLeaveGraceMinutes: number; // 早退宽限
  /** Late beyond N minutes counts as absence (迟到超过N分钟算旷工) instead of late. */
  lateAsAbsence: AbsenceThresholds;
  earlyLeaveAsAbsence: AbsenceThresholds;
  missingIn: MissingPunchMeaning;
  missingOut: MissingPunchMeaning;
  /** Late or early minutes charged for a missing punch when its meaning is 'late'. */
  missingPunchLateMinutes: number;
  punchMode: PunchMode;
  /** A punch within this many minutes of the previous kept punch is a duplicate and ignored. */
  duplicateWithinMinutes: number;
  overtimeSource: OvertimeSource;
  /** Daily overtime below this is not counted (加班起算时长). */
  overtimeMinimumMinutes: number;
  /** Overtime is rounded to a multiple of this (0: no rounding). */
  overtimeRoundingMinutes: number;
  overtimeRounding: RoundingMode;
  /** Workday overtime starts this many minutes after the shift ends (下班后N分钟起算). */
  overtimeStartsAfterMinutes: number;
  /** Count time before the shift start as workday overtime. */
  overtimeBeforeShift: boolean;
  /** Rest-day overtime is paid at 200% or turned into time off in lieu (调休). */
  restDayOvertime: Compensation;
  /** On a day without a shift, the attendance day begins at this local time ('HH:MM'). */
  dayStartsAt: string;
}

export const DEFAULT_RULES: Readonly<AttendanceRules> = Object.freeze({
  checkInOpensMinutes: 240,
  checkInClosesMinutes: null,
  checkOutOpensMinutes: null,
  checkOutClosesMinutes: 480,
  lateGraceMinutes: 0,
  earlyLeaveGraceMinutes: 0,
  lateAsAbsence: {},
  earlyLeaveAsAbsence: {},
  missingIn: 'missing',
  missingOut: 'missing',
  missingPunchLateMinutes: 0,
  punchMode: 'firstInLastOut',
  duplicateWithinMinutes: 1,
  overtimeSource: 'punches',
  overtimeMinimumMinutes: 30,
  overtimeRoundingMinutes: 30,
  overtimeRounding: 'down',
  overtimeStartsAfterMinutes: 0,
  overtimeBeforeShift: false,
  restDayOvertime: 'pay',
  dayStartsAt: '00:00',
} satisfies AttendanceRules);

export type RuleOverrides = Partial<AttendanceRules>;

const EMPTY: RuleOverrides = {};
const mergedCache = new WeakMap<RuleOverrides, WeakMap<RuleOverrides, AttendanceRules>>();

/** Group rules under shift rules, memoised per pair of rule objects (treat rule objects as immutable). */
export function rulesFor(
  group: RuleOverrides | undefined,
  shift: RuleOverrides | undefined,
): AttendanceRules {
  const g = group ?? EMPTY;
  const s = shift ?? EMPTY;
  let inner = mergedCache.get(g);
  if (!inner) {
    inner = new WeakMap();
    mergedCache.set(g, inner);
  }
  let merged = inner.get(s);
  if (!merged) {
    merged = mergeRules(g, s);
    inner.set(s, merged);
  }
  return merged;
}

/** Later layers win: defaults ← group rules ← shift rules. */
export function mergeRules(...layers: (RuleOverrides | undefined)[]): AttendanceRules {
  const out: AttendanceRules = { ...DEFAULT_RULES };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

/** Art. 44 of the PRC Labour Law: overtime pay in percent of the normal wage. */
export const OVERTIME_PAY_PERCENT = Object.freeze({ workday: 150, restDay: 200, holiday: 300 });

export function roundOvertime(minutes: number, step: number, mode: RoundingMode): number {
  if (step <= 0) return minutes;
  const units = minutes / step;
  const rounded = mode === 'down' ? Math.floor(units) : mode === 'up' ? Math.ceil(units) : Math.round(units);
  return rounded * step;
}
