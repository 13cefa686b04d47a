// What one evaluated employee-day looks like. Every figure has reasons in `reasons` naming the
// punch, rule or setting that produced it.

import type { DayType } from '../calendar/types.js';
import type { LeaveUnit } from './leave.js';
import type { Reason } from './reasons.js';
import type { Compensation } from './rules.js';

export type Absence = 'none' | 'half' | 'full';

export type OvertimeKind = 'workday' | 'restDay' | 'holiday';

export type DayStatus =
  | 'normal'
  | 'rest'
  | 'holiday'
  | 'late'
  | 'earlyLeave'
  | 'missingIn'
  | 'missingOut'
  | 'absentHalfDay'
  | 'absentFullDay'
  | 'leave'
  | 'businessTrip'
  | 'fieldWork'
  | 'overtime'
  | 'corrected'
  | 'outOfScope';

export interface PunchUse {
  /** The instant, minute precision, ISO-8601 UTC. */
  at: string;
  /** Local time relative to the attendance date: '09:12', or '06:02+1' on the next day. */
  time: string;
  source: string;
  id?: string;
  /** Set when the punch comes from an approved punch correction (补卡). */
  correctionRequestId?: string;
}

export interface PunchPair {
  in: PunchUse | null;
  out: PunchUse | null;
  /** The scheduled segment this pair answers for (every-pair mode), e.g. '13:00–18:00'. */
  segment?: string;
}

export interface IgnoredPunch extends PunchUse {
  why: 'duplicate' | 'outsideWindow' | 'notUsed' | 'beforeScope';
}

export interface LeaveFigure {
  leaveType: string;
  requestId: string;
  minutes: number;
  paid: boolean;
  unit: LeaveUnit;
  /** What this day takes from the balance, in `unit`. */
  amount: number;
}

export interface OvertimeFigure {
  kind: OvertimeKind;
  minutes: number;
  compensation: Compensation;
  /** Art. 44 multiple in percent when paid (150 / 200 / 300); null when turned into time off. */
  payPercent: number | null;
}

export interface DayResult {
  employeeId: string;
  date: string;
  zone: string;
  dayType: DayType;
  holidayName: string | null;
  shiftId: string | null;
  shiftKind: 'fixed' | 'flexible' | 'free' | null;
  scheduled: { start: string; end: string; startTime: string; endTime: string } | null;
  pairs: PunchPair[];
  ignoredPunches: IgnoredPunch[];
  scheduledMinutes: number;
  workedMinutes: number;
  lateMinutes: number;
  lateCount: number;
  earlyLeaveMinutes: number;
  earlyLeaveCount: number;
  missingIn: number;
  missingOut: number;
  absent: Absence;
  leave: LeaveFigure[];
  businessTripMinutes: number;
  fieldWorkMinutes: number;
  overtime: OvertimeFigure[];
  statuses: DayStatus[];
  reasons: Reason[];
}
