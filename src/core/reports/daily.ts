// The daily report: each employee's day at a glance — punches, hours, late, early leave, absence, leave.
import type { DayResult } from '../attendance/result.js';
import { col, type Label, type ReportColumn, type ReportRow } from './table.js';

export const dailyColumns: ReportColumn[] = [
  col('employeeNo', 'Employee No.', '工号'),
  col('name', 'Name', '姓名'),
  col('department', 'Department', '部门'),
  col('shift', 'Shift', '班次'),
  col('status', 'Status', '状态'),
  col('firstIn', 'First in', '上班打卡'),
  col('lastOut', 'Last out', '下班打卡'),
  col('workedMinutes', 'Worked', '工作时长', 'minutes'),
  col('lateMinutes', 'Late', '迟到时长', 'minutes'),
  col('earlyLeaveMinutes', 'Early leave', '早退时长', 'minutes'),
  col('missingPunches', 'Missing punches', '缺卡次数', 'count'),
  col('absentDays', 'Absent days', '旷工天数', 'days'),
  col('leaveMinutes', 'Leave', '请假时长', 'minutes'),
  col('overtimeMinutes', 'Overtime', '加班时长', 'minutes'),
];

export const dailyTitle: Label = { en: 'Daily attendance report', 'zh-CN': '考勤日报' };

/** Day statuses in words, for the status column (the console translates the codes itself). */
const STATUS: Record<string, Label> = {
  normal: { en: 'Normal', 'zh-CN': '正常' },
  rest: { en: 'Rest', 'zh-CN': '休息' },
  holiday: { en: 'Holiday', 'zh-CN': '节假日' },
  late: { en: 'Late', 'zh-CN': '迟到' },
  earlyLeave: { en: 'Early leave', 'zh-CN': '早退' },
  missingIn: { en: 'Missing in', 'zh-CN': '上班缺卡' },
  missingOut: { en: 'Missing out', 'zh-CN': '下班缺卡' },
  absentHalfDay: { en: 'Absent half day', 'zh-CN': '旷工半天' },
  absentFullDay: { en: 'Absent', 'zh-CN': '旷工' },
  leave: { en: 'Leave', 'zh-CN': '请假' },
  businessTrip: { en: 'Business trip', 'zh-CN': '出差' },
  fieldWork: { en: 'Field work', 'zh-CN': '外勤' },
  overtime: { en: 'Overtime', 'zh-CN': '加班' },
  corrected: { en: 'Corrected', 'zh-CN': '已补卡' },
  outOfScope: { en: 'Not in scope', 'zh-CN': '不在考勤范围' },
};

export function statusText(codes: readonly string[], language: keyof Label): string {
  return codes.map((c) => STATUS[c]?.[language] ?? c).join(language === 'zh-CN' ? '、' : ', ');
}

export interface DailyEntry {
  employeeNo: string;
  name: string;
  department: string | null;
  result: DayResult | null;
}

/** One employee's row; `status` holds the status codes joined by commas (translated on export). */
export function dailyRow(entry: DailyEntry): ReportRow {
  const r = entry.result;
  const row: ReportRow = {
    employeeNo: entry.employeeNo,
    name: entry.name,
    department: entry.department,
    shift: r?.shiftId ?? null,
    status: r ? r.statuses.join(',') : null,
    firstIn: null,
    lastOut: null,
    workedMinutes: r?.workedMinutes ?? 0,
    lateMinutes: r?.lateMinutes ?? 0,
    earlyLeaveMinutes: r?.earlyLeaveMinutes ?? 0,
    missingPunches: r ? r.missingIn + r.missingOut : 0,
    absentDays: r?.absent === 'full' ? 1 : r?.absent === 'half' ? 0.5 : 0,
    leaveMinutes: r ? r.leave.reduce((a, l) => a + l.minutes, 0) : 0,
    overtimeMinutes: r ? r.overtime.reduce((a, o) => a + o.minutes, 0) : 0,
  };
  if (r) {
    const ins = r.pairs.map((p) => p.in?.time).filter((t): t is string => !!t);
    const outs = r.pairs.map((p) => p.out?.time).filter((t): t is string => !!t);
    row.firstIn = ins[0] ?? null;
    row.lastOut = outs[outs.length - 1] ?? null;
  }
  return row;
}
