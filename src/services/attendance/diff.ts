// What differs between two results of the same employee-day, figure by figure (the console's "what changed").
import type { DayResult } from '../../core/attendance/result.js';

export interface FieldChange {
  field: string;
  before: string | number | null;
  after: string | number | null;
}

function figures(r: DayResult | null): Record<string, string | number | null> {
  if (!r) return {};
  const overtime = (kind: string) =>
    r.overtime.filter((o) => o.kind === kind).reduce((s, o) => s + o.minutes, 0);
  return {
    dayType: r.dayType,
    shift: r.shiftId,
    statuses: r.statuses.join(','),
    scheduledMinutes: r.scheduledMinutes,
    workedMinutes: r.workedMinutes,
    lateMinutes: r.lateMinutes,
    earlyLeaveMinutes: r.earlyLeaveMinutes,
    missingIn: r.missingIn,
    missingOut: r.missingOut,
    absent: r.absent,
    leaveMinutes: r.leave.reduce((s, l) => s + l.minutes, 0),
    businessTripMinutes: r.businessTripMinutes,
    fieldWorkMinutes: r.fieldWorkMinutes,
    workdayOvertimeMinutes: overtime('workday'),
    restDayOvertimeMinutes: overtime('restDay'),
    holidayOvertimeMinutes: overtime('holiday'),
    timeOffInLieuMinutes: r.overtime
      .filter((o) => o.compensation === 'timeOffInLieu')
      .reduce((s, o) => s + o.minutes, 0),
  };
}

export function diffDays(before: DayResult | null, after: DayResult | null): FieldChange[] {
  const a = figures(before);
  const b = figures(after);
  const out: FieldChange[] = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[field] ?? null;
    const y = b[field] ?? null;
    if (x !== y) out.push({ field, before: x, after: y });
  }
  return out;
}
