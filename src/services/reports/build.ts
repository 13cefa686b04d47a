// Builds each report as a ReportTable from the database, within the actor's scope. Used by the report pages,
// the exports and the scheduled e-mails alike.
import { monthSummary } from '../../core/attendance/month-summary.js';
import type { DayResult } from '../../core/attendance/result.js';
import { invalid } from '../../core/errors.js';
import { dailyColumns, dailyRow, dailyTitle } from '../../core/reports/daily.js';
import {
  departmentColumns,
  departmentRow,
  departmentStats,
  departmentTitle,
} from '../../core/reports/departments.js';
import { monthlyColumns, monthlyRow, monthlyTitle, monthlyTotals } from '../../core/reports/monthly.js';
import { countByKind, DEFAULT_LOW_MARGIN, reviewColumns, reviewTitle } from '../../core/reports/review.js';
import { type Label, type ReportRow, type ReportTable, round, sumColumns } from '../../core/reports/table.js';
import { isValidDate } from '../../core/time/date.js';
import type { Actor } from '../actor.js';
import { monthDates } from '../attendance/results.service.js';
import type { ServiceContext } from '../context.js';
import { collectReview } from './review.service.js';
import { departmentNames, forEachEmployeeDays, type ReportEmployee, reportEmployees } from './scope.js';

export type ReportKind = 'daily' | 'monthly' | 'departments' | 'review';

export interface ReportQuery {
  date?: string;
  month?: string;
  departmentId?: number;
  /** Data review: face punches whose match margin is below this are listed. */
  marginBelow?: number;
}

export type Progress = (done: number, total: number) => Promise<void>;

async function coverage(ctx: ServiceContext, departmentId: number | undefined): Promise<Label> {
  if (departmentId === undefined) return { en: 'All departments in scope', 'zh-CN': '权限范围内全部部门' };
  const name = (await departmentNames(ctx)).get(departmentId) ?? String(departmentId);
  return { en: `${name} (with sub-departments)`, 'zh-CN': `${name}（含下级部门）` };
}

export async function dailyTable(
  ctx: ServiceContext,
  actor: Actor,
  query: ReportQuery,
  progress?: Progress,
): Promise<ReportTable> {
  if (!query.date || !isValidDate(query.date)) throw invalid('date must be YYYY-MM-DD');
  const date = query.date;
  const employees = await reportEmployees(ctx, actor, query.departmentId);
  const results = new Map<number, DayResult | null>();
  await forEachEmployeeDays(
    ctx,
    employees.map((e) => e.id),
    date,
    date,
    (id, days) => results.set(id, days[0] ?? null),
    progress,
  );
  const rows = employees.map((e) => dailyRow({ ...e, result: results.get(e.id) ?? null }));
  const scope = await coverage(ctx, query.departmentId);
  return {
    title: dailyTitle,
    subtitle: { en: `${date} · ${scope.en}`, 'zh-CN': `${date} · ${scope['zh-CN']}` },
    columns: dailyColumns,
    rows,
    totals: { ...sumColumns(dailyColumns, rows) },
  };
}

interface MonthData {
  month: string;
  employees: ReportEmployee[];
  summaries: Map<number, ReturnType<typeof monthSummary>>;
}

async function monthData(
  ctx: ServiceContext,
  actor: Actor,
  query: ReportQuery,
  progress?: Progress,
): Promise<MonthData> {
  if (!query.month) throw invalid('month must be YYYY-MM');
  const dates = monthDates(query.month);
  const employees = await reportEmployees(ctx, actor, query.departmentId);
  const summaries = new Map<number, ReturnType<typeof monthSummary>>();
  await forEachEmployeeDays(
    ctx,
    employees.map((e) => e.id),
    dates[0],
    dates[dates.length - 1],
    (id, days) => {
      const s = monthSummary(days);
      s.employeeId = String(id);
      summaries.set(id, s);
    },
    progress,
    false,
  );
  return { month: query.month, employees, summaries };
}

export async function monthlyTable(
  ctx: ServiceContext,
  actor: Actor,
  query: ReportQuery,
  progress?: Progress,
): Promise<ReportTable> {
  const data = await monthData(ctx, actor, query, progress);
  const leaveTypes = await ctx.db.kysely
    .selectFrom('leave_types')
    .select(['code', 'name'])
    .orderBy('id')
    .execute();
  const used = new Set<string>();
  for (const s of data.summaries.values()) for (const code of Object.keys(s.leave)) used.add(code);
  const columns = monthlyColumns(leaveTypes, used);
  const rows = data.employees.map((e) => monthlyRow({ ...e, summary: data.summaries.get(e.id)! }));
  for (const row of rows) for (const code of used) row[`leave:${code}`] ??= 0;
  const scope = await coverage(ctx, query.departmentId);
  return {
    title: monthlyTitle,
    subtitle: { en: `${data.month} · ${scope.en}`, 'zh-CN': `${data.month} · ${scope['zh-CN']}` },
    columns,
    rows,
    totals: monthlyTotals(columns, rows),
  };
}

export async function departmentTable(
  ctx: ServiceContext,
  actor: Actor,
  query: ReportQuery,
  progress?: Progress,
): Promise<ReportTable & { departmentIds: (number | null)[] }> {
  const data = await monthData(ctx, actor, query, progress);
  const stats = departmentStats(
    data.employees.map((e) => ({ departmentId: e.departmentId, summary: data.summaries.get(e.id)! })),
  );
  const names = await departmentNames(ctx);
  stats.sort((a, b) =>
    (names.get(a.departmentId ?? -1) ?? '').localeCompare(names.get(b.departmentId ?? -1) ?? ''),
  );
  const rows: ReportRow[] = stats.map((s) =>
    departmentRow(s, s.departmentId === null ? null : (names.get(s.departmentId) ?? String(s.departmentId))),
  );
  const totals = sumColumns(departmentColumns, rows);
  const scheduled = Number(totals.daysScheduled ?? 0);
  totals.attendanceRate = scheduled ? round(Number(totals.daysAttended ?? 0) / scheduled, 4) : null;
  const scope = await coverage(ctx, query.departmentId);
  return {
    title: departmentTitle,
    subtitle: { en: `${data.month} · ${scope.en}`, 'zh-CN': `${data.month} · ${scope['zh-CN']}` },
    columns: departmentColumns,
    rows,
    totals,
    departmentIds: stats.map((s) => s.departmentId),
  };
}

/** The data review as a table: every item, with a count per kind as the totals. */
export async function reviewTable(
  ctx: ServiceContext,
  actor: Actor,
  query: ReportQuery,
): Promise<ReportTable> {
  if (!query.month) throw invalid('month must be YYYY-MM');
  const items = await collectReview(
    ctx,
    actor,
    query.month,
    query.departmentId,
    query.marginBelow ?? DEFAULT_LOW_MARGIN,
  );
  const counts = countByKind(items);
  const scope = await coverage(ctx, query.departmentId);
  const summary = (language: 'en' | 'zh-CN') =>
    Object.entries(counts)
      .map(([k, n]) => `${reviewColumns[0].codes?.[k]?.[language] ?? k}: ${n}`)
      .join(language === 'zh-CN' ? '；' : '; ');
  return {
    title: reviewTitle,
    subtitle: {
      en: `${query.month} · ${scope.en} · ${summary('en')}`,
      'zh-CN': `${query.month} · ${scope['zh-CN']} · ${summary('zh-CN')}`,
    },
    columns: reviewColumns,
    rows: items.map((i) => ({
      kind: i.kind,
      date: i.date,
      employeeNo: i.employeeNo,
      name: i.name,
      department: i.department,
      at: i.at,
      method: i.method,
      matchMargin: i.matchMargin,
      detail: i.detail,
    })),
    totals: null,
  };
}

export function buildTable(
  kind: ReportKind,
  ctx: ServiceContext,
  actor: Actor,
  query: ReportQuery,
  progress?: Progress,
): Promise<ReportTable> {
  if (kind === 'daily') return dailyTable(ctx, actor, query, progress);
  if (kind === 'monthly') return monthlyTable(ctx, actor, query, progress);
  if (kind === 'review') return reviewTable(ctx, actor, query);
  return departmentTable(ctx, actor, query, progress);
}
