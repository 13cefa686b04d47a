// Month close (月结): after review HR closes a month; its day results stop changing and every change that
// touches it is refused until HR reopens it, with a reason, in the audit log.
import { monthSummary } from '../../core/attendance/month-summary.js';
import type { DayResult } from '../../core/attendance/result.js';
import { AppError, invalid } from '../../core/errors.js';
import type { Actor } from '../actor.js';
import { audit, writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { todayOf } from './changes.js';
import { employeesInScope, monthDates } from './results.service.js';

export interface MonthDto {
  month: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  closedBy: number | null;
  reopenedAt: string | null;
  reopenedBy: number | null;
  note: string | null;
}

export async function listMonths(
  ctx: ServiceContext,
  actor: Actor | null,
  year: number,
): Promise<MonthDto[]> {
  authorize(actor, 'attendance.read');
  const rows = await ctx.db.kysely
    .selectFrom('month_locks')
    .selectAll()
    .where('month', 'like', `${year}-%`)
    .execute();
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    const r = byMonth.get(month);
    return {
      month,
      status: r?.status ?? 'open',
      closedAt: r?.closed_at ?? null,
      closedBy: r?.closed_by_user_id ?? null,
      reopenedAt: r?.reopened_at ?? null,
      reopenedBy: r?.reopened_by_user_id ?? null,
      note: r?.note ?? null,
    };
  });
}

export async function closeMonth(ctx: ServiceContext, actor: Actor | null, month: string, note?: string) {
  authorize(actor, 'months.close');
  monthDates(month);
  const today = await todayOf(ctx);
  if (month >= today.slice(0, 7)) throw invalid('only a month that has ended can be closed');
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx.selectFrom('month_locks').selectAll().where('month', '=', month).executeTakeFirst();
    if (row?.status === 'closed') throw new AppError('month_closed', 409, { month });
    // The monthly data review comes first (月度数据核对): HR marks the month reviewed on the review page.
    const reviewed = await trx
      .selectFrom('month_reviews')
      .select('month')
      .where('month', '=', month)
      .executeTakeFirst();
    if (!reviewed) throw new AppError('month_not_reviewed', 409, { month });
    const values = {
      status: 'closed' as const,
      closed_at: nowIso(ctx),
      closed_by_user_id: actor.userId,
      note: note?.trim() || null,
    };
    if (row) await trx.updateTable('month_locks').set(values).where('month', '=', month).execute();
    else
      await trx
        .insertInto('month_locks')
        .values({ month, ...values, reopened_at: null, reopened_by_user_id: null })
        .execute();
    return {
      result: { month, status: 'closed' as const },
      audit: { action: 'month.close', targetType: 'month', targetId: month, details: { note: values.note } },
    };
  });
}

export async function reopenMonth(ctx: ServiceContext, actor: Actor | null, month: string, reason: string) {
  authorize(actor, 'months.close');
  monthDates(month);
  if (!reason.trim()) throw invalid('give the reason for reopening the month');
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx.selectFrom('month_locks').selectAll().where('month', '=', month).executeTakeFirst();
    if (row?.status !== 'closed') throw invalid(`${month} is not closed`);
    await trx
      .updateTable('month_locks')
      .set({
        status: 'open',
        reopened_at: nowIso(ctx),
        reopened_by_user_id: actor.userId,
        note: reason.trim(),
      })
      .where('month', '=', month)
      .execute();
    return {
      result: { month, status: 'open' as const },
      audit: {
        action: 'month.reopen',
        targetType: 'month',
        targetId: month,
        details: { reason: reason.trim() },
      },
    };
  });
}

/** Per employee, the month's totals (days scheduled and attended, late, absence, leave, overtime). */
export async function monthSummaries(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { month: string; departmentId?: number; limit?: number; offset?: number },
) {
  authorize(actor, 'attendance.read');
  const dates = monthDates(query.month);
  const { total, rows } = await employeesInScope(ctx.db.kysely, actor, query.departmentId, {
    limit: Math.min(query.limit ?? 200, 1000),
    offset: query.offset ?? 0,
  });
  const results = rows.length
    ? await ctx.db.kysely
        .selectFrom('day_results')
        .select(['employee_id', 'result'])
        .where(
          'employee_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('date', '>=', dates[0])
        .where('date', '<=', dates[dates.length - 1])
        .orderBy('date')
        .execute()
    : [];
  const byEmployee = new Map<number, DayResult[]>();
  for (const r of results) {
    const list = byEmployee.get(r.employee_id) ?? [];
    list.push(JSON.parse(r.result) as DayResult);
    byEmployee.set(r.employee_id, list);
  }
  await audit(ctx, actor, {
    action: 'attendance.month_summary',
    targetType: 'department',
    targetId: query.departmentId ?? null,
    details: { month: query.month, returned: rows.length },
  });
  return {
    month: query.month,
    total,
    items: rows.map((e) => ({
      employeeId: e.id,
      employeeNo: e.employee_no,
      name: e.name,
      summary: monthSummary(byEmployee.get(e.id) ?? []),
    })),
  };
}
