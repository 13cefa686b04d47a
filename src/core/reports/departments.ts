// Department statistics: the month's figures of each department's employees added up, and the attendance
// rate (attended ÷ scheduled days) that the chart compares across departments.
import type { MonthSummary } from '../attendance/month-summary.js';
import { col, type Label, type ReportColumn, type ReportRow, round } from './table.js';

export interface DepartmentMember {
  departmentId: number | null;
  summary: MonthSummary;
}

export interface DepartmentStats {
  departmentId: number | null;
  headcount: number;
  daysScheduled: number;
  daysAttended: number;
  lateCount: number;
  lateMinutes: number;
  earlyLeaveCount: number;
  absentDays: number;
  missingPunches: number;
  overtimeMinutes: number;
  leaveDays: number;
  attendanceRate: number | null;
}

const empty = (departmentId: number | null): DepartmentStats => ({
  departmentId,
  headcount: 0,
  daysScheduled: 0,
  daysAttended: 0,
  lateCount: 0,
  lateMinutes: 0,
  earlyLeaveCount: 0,
  absentDays: 0,
  missingPunches: 0,
  overtimeMinutes: 0,
  leaveDays: 0,
  attendanceRate: null,
});

/** Figures per department, in the order departments first appear. */
export function departmentStats(members: readonly DepartmentMember[]): DepartmentStats[] {
  const byDept = new Map<number | null, DepartmentStats>();
  for (const m of members) {
    let d = byDept.get(m.departmentId);
    if (!d) {
      d = empty(m.departmentId);
      byDept.set(m.departmentId, d);
    }
    const s = m.summary;
    d.headcount++;
    d.daysScheduled += s.daysScheduled;
    d.daysAttended += s.daysAttended;
    d.lateCount += s.lateCount;
    d.lateMinutes += s.lateMinutes;
    d.earlyLeaveCount += s.earlyLeaveCount;
    d.absentDays += s.absentDays;
    d.missingPunches += s.missingPunches;
    d.overtimeMinutes += s.overtime.workday.minutes + s.overtime.restDay.minutes + s.overtime.holiday.minutes;
    for (const l of Object.values(s.leave)) d.leaveDays += l.days;
  }
  for (const d of byDept.values()) {
    d.daysAttended = round(d.daysAttended, 4);
    d.absentDays = round(d.absentDays, 4);
    d.leaveDays = round(d.leaveDays, 4);
    d.attendanceRate = d.daysScheduled ? round(d.daysAttended / d.daysScheduled, 4) : null;
  }
  return [...byDept.values()];
}

export const departmentColumns: ReportColumn[] = [
  col('department', 'Department', '部门'),
  col('headcount', 'Headcount', '人数', 'count'),
  col('daysScheduled', 'Days scheduled', '应出勤人天', 'count'),
  col('daysAttended', 'Days attended', '实际出勤人天', 'days'),
  col('attendanceRate', 'Attendance rate', '出勤率', 'rate'),
  col('lateCount', 'Late count', '迟到次数', 'count'),
  col('lateMinutes', 'Late', '迟到时长', 'minutes'),
  col('earlyLeaveCount', 'Early-leave count', '早退次数', 'count'),
  col('absentDays', 'Absent days', '旷工天数', 'days'),
  col('missingPunches', 'Missing punches', '缺卡次数', 'count'),
  col('leaveDays', 'Leave days', '请假天数', 'days'),
  col('overtimeMinutes', 'Overtime', '加班时长', 'minutes'),
];

export const departmentTitle: Label = { en: 'Department statistics', 'zh-CN': '部门考勤统计' };

export function departmentRow(stats: DepartmentStats, name: string | null): ReportRow {
  const { departmentId: _, ...figures } = stats;
  return { department: name, ...figures };
}
