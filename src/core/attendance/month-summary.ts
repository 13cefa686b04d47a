// A month (or any run of days) of one employee, aggregated from its day results.

import type { DayResult, OvertimeKind } from './result.js';
import type { Compensation } from './rules.js';

export interface OvertimeTotals {
  minutes: number;
  paidMinutes: number;
  timeOffMinutes: number;
}

export interface MonthSummary {
  employeeId: string;
  from: string | null;
  to: string | null;
  /** Days with scheduled work (应出勤天数). */
  daysScheduled: number;
  /** Days with any work or a business trip / field work (实际出勤天数, whole days touched). */
  daysWorked: number;
  /** Scheduled days less absence and leave, in days (half days count 0.5 and leave by its share). */
  daysAttended: number;
  scheduledMinutes: number;
  workedMinutes: number;
  lateCount: number;
  lateMinutes: number;
  earlyLeaveCount: number;
  earlyLeaveMinutes: number;
  /** Absence in days: a half-day absence counts 0.5. */
  absentDays: number;
  absentHalfDays: number;
  absentFullDays: number;
  missingIn: number;
  missingOut: number;
  missingPunches: number;
  leave: Record<string, { minutes: number; amount: number; unit: string; paid: boolean; days: number }>;
  overtime: Record<OvertimeKind, OvertimeTotals>;
  businessTripMinutes: number;
  fieldWorkMinutes: number;
  /** daysAttended ÷ daysScheduled (出勤率), 4 decimals; null when nothing was scheduled. */
  attendanceRate: number | null;
}

export function monthSummary(days: readonly DayResult[]): MonthSummary {
  const employeeId = days[0]?.employeeId ?? '';
  const dates = days.map((d) => d.date).sort();
  const s: MonthSummary = {
    employeeId,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
    daysScheduled: 0,
    daysWorked: 0,
    daysAttended: 0,
    scheduledMinutes: 0,
    workedMinutes: 0,
    lateCount: 0,
    lateMinutes: 0,
    earlyLeaveCount: 0,
    earlyLeaveMinutes: 0,
    absentDays: 0,
    absentHalfDays: 0,
    absentFullDays: 0,
    missingIn: 0,
    missingOut: 0,
    missingPunches: 0,
    leave: {},
    overtime: {
      workday: { minutes: 0, paidMinutes: 0, timeOffMinutes: 0 },
      restDay: { minutes: 0, paidMinutes: 0, timeOffMinutes: 0 },
      holiday: { minutes: 0, paidMinutes: 0, timeOffMinutes: 0 },
    },
    businessTripMinutes: 0,
    fieldWorkMinutes: 0,
    attendanceRate: null,
  };
  for (const d of days) {
    if (d.employeeId !== employeeId) {
      throw new RangeError(`monthSummary takes one employee's days; got ${employeeId} and ${d.employeeId}`);
    }
    const scheduled = d.scheduledMinutes > 0;
    if (scheduled) s.daysScheduled++;
    if (d.workedMinutes > 0 || d.businessTripMinutes > 0 || d.fieldWorkMinutes > 0) s.daysWorked++;
    s.scheduledMinutes += d.scheduledMinutes;
    s.workedMinutes += d.workedMinutes;
    s.lateCount += d.lateCount;
    s.lateMinutes += d.lateMinutes;
    s.earlyLeaveCount += d.earlyLeaveCount;
    s.earlyLeaveMinutes += d.earlyLeaveMinutes;
    const absence = d.absent === 'full' ? 1 : d.absent === 'half' ? 0.5 : 0;
    s.absentDays += absence;
    if (d.absent === 'half') s.absentHalfDays++;
    if (d.absent === 'full') s.absentFullDays++;
    s.missingIn += d.missingIn;
    s.missingOut += d.missingOut;
    s.businessTripMinutes += d.businessTripMinutes;
    s.fieldWorkMinutes += d.fieldWorkMinutes;
    let leaveShare = 0;
    for (const l of d.leave) {
      if (!s.leave[l.leaveType])
        s.leave[l.leaveType] = { minutes: 0, amount: 0, unit: l.unit, paid: l.paid, days: 0 };
      const entry = s.leave[l.leaveType];
      entry.minutes += l.minutes;
      entry.amount = round(entry.amount + l.amount, 2);
      const share = scheduled ? Math.min(1, l.minutes / d.scheduledMinutes) : 0;
      entry.days = round(entry.days + share, 4);
      leaveShare += share;
    }
    if (scheduled) s.daysAttended += Math.max(0, 1 - absence - Math.min(1, leaveShare));
    for (const o of d.overtime) add(s.overtime[o.kind], o.minutes, o.compensation);
  }
  s.missingPunches = s.missingIn + s.missingOut;
  s.daysAttended = round(s.daysAttended, 4);
  s.attendanceRate = s.daysScheduled ? round(s.daysAttended / s.daysScheduled, 4) : null;
  return s;
}

function add(t: OvertimeTotals, minutes: number, compensation: Compensation): void {
  t.minutes += minutes;
  if (compensation === 'pay') t.paidMinutes += minutes;
  else t.timeOffMinutes += minutes;
}

function round(n: number, places: number): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}
