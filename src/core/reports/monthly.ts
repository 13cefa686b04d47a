// The monthly summary report: one row per employee from their month's day results (月度考勤汇总).
import type { MonthSummary } from '../attendance/month-summary.js';
import { type Cell, col, type Label, type ReportColumn, type ReportRow, round, sumColumns } from './table.js';

export interface LeaveTypeInfo {
  code: string;
  name: string;
}

export interface MonthlyEntry {
  employeeNo: string;
  name: string;
  department: string | null;
  summary: MonthSummary;
}

const BASE: ReportColumn[] = [
  col('employeeNo', 'Employee No.', '工号'),
  col('name', 'Name', '姓名'),
  col('department', 'Department', '部门'),
  col('daysScheduled', 'Days scheduled', '应出勤天数', 'count'),
  col('daysWorked', 'Days worked', '实际出勤天数', 'count'),
  col('daysAttended', 'Days attended', '出勤折算天数', 'days'),
  col('lateCount', 'Late count', '迟到次数', 'count'),
  col('lateMinutes', 'Late', '迟到时长', 'minutes'),
  col('earlyLeaveCount', 'Early-leave count', '早退次数', 'count'),
  col('earlyLeaveMinutes', 'Early leave', '早退时长', 'minutes'),
  col('absentDays', 'Absent days', '旷工天数', 'days'),
  col('missingPunches', 'Missing punches', '缺卡次数', 'count'),
];

const OVERTIME: ReportColumn[] = [
  col('overtimeWorkday', 'Overtime on workdays', '工作日加班', 'minutes'),
  col('overtimeRestDay', 'Overtime on rest days', '休息日加班', 'minutes'),
  col('overtimeHoliday', 'Overtime on holidays', '法定节假日加班', 'minutes'),
];

const RATE = col('attendanceRate', 'Attendance rate', '出勤率', 'rate');

/** Columns of the report: leave gets one column per leave type that appears (in days). */
export function monthlyColumns(
  leaveTypes: readonly LeaveTypeInfo[],
  used: ReadonlySet<string>,
): ReportColumn[] {
  const leave = leaveTypes
    .filter((t) => used.has(t.code))
    .map((t) => col(`leave:${t.code}`, `Leave: ${t.name}`, `请假：${t.name}`, 'days'));
  // A leave type that is no longer configured still shows, under its code.
  for (const code of [...used].sort())
    if (!leaveTypes.some((t) => t.code === code))
      leave.push(col(`leave:${code}`, `Leave: ${code}`, `请假：${code}`, 'days'));
  return [...BASE, ...leave, ...OVERTIME, RATE];
}

export function monthlyRow(entry: MonthlyEntry): ReportRow {
  const s = entry.summary;
  const row: Record<string, Cell> = {
    employeeNo: entry.employeeNo,
    name: entry.name,
    department: entry.department,
    daysScheduled: s.daysScheduled,
    daysWorked: s.daysWorked,
    daysAttended: s.daysAttended,
    lateCount: s.lateCount,
    lateMinutes: s.lateMinutes,
    earlyLeaveCount: s.earlyLeaveCount,
    earlyLeaveMinutes: s.earlyLeaveMinutes,
    absentDays: s.absentDays,
    missingPunches: s.missingPunches,
    overtimeWorkday: s.overtime.workday.minutes,
    overtimeRestDay: s.overtime.restDay.minutes,
    overtimeHoliday: s.overtime.holiday.minutes,
    attendanceRate: s.attendanceRate,
  };
  for (const [code, l] of Object.entries(s.leave)) row[`leave:${code}`] = l.days;
  return row;
}

/** Totals of the numeric columns, with the overall attendance rate (attended ÷ scheduled days). */
export function monthlyTotals(columns: readonly ReportColumn[], rows: readonly ReportRow[]): ReportRow {
  const totals = sumColumns(columns, rows);
  const scheduled = Number(totals.daysScheduled ?? 0);
  totals.attendanceRate = scheduled ? round(Number(totals.daysAttended ?? 0) / scheduled, 4) : null;
  totals.employeeNo = null;
  totals.name = null;
  return totals;
}

export const monthlyTitle: Label = { en: 'Monthly attendance summary', 'zh-CN': '月度考勤汇总' };
