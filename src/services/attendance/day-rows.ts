// A DayResult as a stored row: the JSON, a hash to tell whether a recompute changed it, and the summary
// columns the monthly grid reads without parsing JSON.
import { createHash } from 'node:crypto';
import type { DayResult } from '../../core/attendance/result.js';

export interface DayRowValues {
  employee_id: number;
  date: string;
  group_id: number | null;
  day_type: string;
  shift_code: string | null;
  statuses: string;
  scheduled_minutes: number;
  worked_minutes: number;
  late_minutes: number;
  early_leave_minutes: number;
  missing_punches: number;
  absent: 'none' | 'half' | 'full';
  leave_minutes: number;
  overtime_minutes: number;
  lieu_minutes: number;
  result: string;
  result_hash: string;
}

export function dayRowValues(employeeId: number, groupId: number | null, r: DayResult): DayRowValues {
  const result = JSON.stringify(r);
  let leave = 0;
  for (const l of r.leave) leave += l.minutes;
  let overtime = 0;
  let lieu = 0;
  for (const o of r.overtime) {
    overtime += o.minutes;
    if (o.compensation === 'timeOffInLieu') lieu += o.minutes;
  }
  return {
    employee_id: employeeId,
    date: r.date,
    group_id: groupId,
    day_type: r.dayType,
    shift_code: r.shiftId,
    statuses: r.statuses.join(','),
    scheduled_minutes: r.scheduledMinutes,
    worked_minutes: r.workedMinutes,
    late_minutes: r.lateMinutes,
    early_leave_minutes: r.earlyLeaveMinutes,
    missing_punches: r.missingIn + r.missingOut,
    absent: r.absent,
    leave_minutes: leave,
    overtime_minutes: overtime,
    lieu_minutes: lieu,
    result,
    result_hash: createHash('sha1').update(result).digest('base64'),
  };
}

/** The row's columns in insert order (after the values above come version, cause, computed_at). */
export const DAY_ROW_COLUMNS = [
  'employee_id',
  'date',
  'group_id',
  'day_type',
  'shift_code',
  'statuses',
  'scheduled_minutes',
  'worked_minutes',
  'late_minutes',
  'early_leave_minutes',
  'missing_punches',
  'absent',
  'leave_minutes',
  'overtime_minutes',
  'lieu_minutes',
  'result',
  'result_hash',
  'version',
  'cause',
  'computed_at',
] as const;
