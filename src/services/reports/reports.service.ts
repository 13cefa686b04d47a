// Report use cases: the daily report, the monthly summary, department statistics with charts, and exports
// as background tasks with progress and a download. HR, admin and auditors see everyone; a manager sees only
// their departments; employees get no reports.

import type { DayResult, OvertimeKind } from '../../core/attendance/result.js';
import { invalid } from '../../core/errors.js';
import { lateByWeekdayHour, monthsEnding, overtimeByMonth } from '../../core/reports/charts.js';
import type { ReportLanguage, ReportTable } from '../../core/reports/table.js';
import { round } from '../../core/reports/table.js';
import { isValidDate } from '../../core/time/date.js';
import type { Actor } from '../actor.js';
import { monthDates } from '../attendance/results.service.js';
import { audit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { startTask, type TaskDto } from '../tasks.service.js';
import { buildTable, departmentTable, type ReportKind, type ReportQuery } from './build.js';
import { CONTENT_TYPES, type ExportFormat, render } from './render.js';
import { reportEmployees } from './scope.js';

export const REPORT_KINDS: readonly ReportKind[] = ['daily', 'monthly', 'departments', 'review'];

/** One report as JSON for the console: the same table the exports write. */
export async function reportTable(
  ctx: ServiceContext,
  actor: Actor | null,
  kind: ReportKind,
  query: ReportQuery,
): Promise<ReportTable> {
  authorize(actor, 'reports.read');
  const table = await buildTable(kind, ctx, actor, query);
  await audit(ctx, actor, {
    action: `report.${kind}`,
    targetType: 'department',
    targetId: query.departmentId ?? null,
    details: { date: query.date, month: query.month, rows: table.rows.length },
  });
  return table;
}

const dayKind: Record<string, OvertimeKind> = {
  workday: 'workday',
  restDay: 'restDay',
  statutoryHoliday: 'holiday',
};

/**
 * The charts of a month: attendance rate by department, late arrivals by weekday and hour, and over the
 * months up to it the overtime hours by kind and the attendance rate.
 */
export async function reportCharts(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { month: string; departmentId?: number; months?: number },
) {
  authorize(actor, 'reports.read');
  monthDates(query.month);
  const months = monthsEnding(query.month, Math.min(Math.max(query.months ?? 6, 1), 24));
  const departments = await departmentTable(ctx, actor, query);
  const employees = await reportEmployees(ctx, actor, query.departmentId);
  const ids = employees.map((e) => e.id);
  const from = `${months[0]}-01`;
  const last = monthDates(months[months.length - 1]);
  const to = last[last.length - 1];
  const monthFrom = `${query.month}-01`;
  const overtime: { date: string; kind: OvertimeKind; minutes: number }[] = [];
  const rate = new Map(months.map((m) => [m, { scheduled: 0, attended: 0 }]));
  const lateDays: Pick<DayResult, 'date' | 'lateCount' | 'pairs'>[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await ctx.db.kysely
      .selectFrom('day_results')
      .select([
        'date',
        'day_type',
        'scheduled_minutes',
        'absent',
        'leave_minutes',
        'overtime_minutes',
        'late_minutes',
      ])
      .where('employee_id', 'in', chunk)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute();
    for (const r of rows) {
      if (r.overtime_minutes > 0)
        overtime.push({ date: r.date, kind: dayKind[r.day_type] ?? 'workday', minutes: r.overtime_minutes });
      if (r.scheduled_minutes > 0) {
        const m = rate.get(r.date.slice(0, 7));
        if (!m) continue;
        const absence = r.absent === 'full' ? 1 : r.absent === 'half' ? 0.5 : 0;
        const leave = Math.min(1, r.leave_minutes / r.scheduled_minutes);
        m.scheduled += 1;
        m.attended += Math.max(0, 1 - absence - leave);
      }
    }
    // Only late days need their punches: read their JSON alone.
    const late = await ctx.db.kysely
      .selectFrom('day_results')
      .select('result')
      .where('employee_id', 'in', chunk)
      .where('date', '>=', monthFrom)
      .where('date', '<=', `${query.month}-31`)
      .where('late_minutes', '>', 0)
      .execute();
    for (const r of late) lateDays.push(JSON.parse(r.result) as DayResult);
  }
  await audit(ctx, actor, {
    action: 'report.charts',
    targetType: 'department',
    targetId: query.departmentId ?? null,
    details: { month: query.month },
  });
  return {
    month: query.month,
    attendanceRateByDepartment: departments.rows.map((row, i) => ({
      departmentId: departments.departmentIds[i],
      department: row.department as string | null,
      headcount: row.headcount as number,
      attendanceRate: row.attendanceRate as number | null,
    })),
    late: lateByWeekdayHour(lateDays),
    overtimeByMonth: overtimeByMonth(months, overtime),
    attendanceRateByMonth: months.map((month) => {
      const m = rate.get(month)!;
      return { month, attendanceRate: m.scheduled ? round(m.attended / m.scheduled, 4) : null };
    }),
  };
}

export interface ExportRequest extends ReportQuery {
  report: ReportKind;
  format: ExportFormat;
  language?: ReportLanguage;
}

export function exportFileName(request: ExportRequest): string {
  const period = request.report === 'daily' ? request.date : request.month;
  const dept = request.departmentId === undefined ? '' : `-dept${request.departmentId}`;
  return `${request.report}-${period}${dept}.${request.format}`;
}

/** Renders a report file; the caller has authorised the actor. */
export async function renderReport(
  ctx: ServiceContext,
  actor: Actor,
  request: ExportRequest,
  progress?: (done: number, total: number) => Promise<void>,
): Promise<{ name: string; data: Buffer; contentType: string; rows: number }> {
  const table = await buildTable(request.report, ctx, actor, request, progress);
  const data = await render(table, request.format, request.language ?? 'zh-CN');
  return {
    name: exportFileName(request),
    data,
    contentType: CONTENT_TYPES[request.format],
    rows: table.rows.length,
  };
}

/** An export runs in the background: the console polls the task and downloads the file when it is done. */
export async function startExport(
  ctx: ServiceContext,
  actor: Actor | null,
  request: ExportRequest,
): Promise<TaskDto> {
  authorize(actor, 'reports.read');
  if (!REPORT_KINDS.includes(request.report)) throw invalid('unknown report');
  if (request.report === 'daily') {
    if (!request.date || !isValidDate(request.date)) throw invalid('date must be YYYY-MM-DD');
  } else if (!request.month) throw invalid('month must be YYYY-MM');
  else monthDates(request.month);
  // Check the scope now (a manager asking for a department they do not manage), not in the background.
  if (request.departmentId !== undefined) await reportEmployees(ctx, actor, request.departmentId);
  await audit(ctx, actor, {
    action: 'report.export',
    targetType: 'department',
    targetId: request.departmentId ?? null,
    details: { report: request.report, format: request.format, date: request.date, month: request.month },
  });
  return startTask(ctx, actor, `report.${request.report}.${request.format}`, async (progress) => {
    const file = await renderReport(ctx, actor, request, (done, total) =>
      progress.update(done, total + Math.ceil(total / 10)),
    );
    return { result: { rows: file.rows }, file: { name: file.name, data: file.data } };
  });
}
