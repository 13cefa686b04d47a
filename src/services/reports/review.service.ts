// The monthly data review (月度数据核对): before HR closes a month they look at what did not come from a
// clean face punch — days changed by hand, approved punch corrections, punches by PIN, QR, import or entered
// by hand, and face punches with a low match margin — and mark the month reviewed. Closing a month needs it.

import { AppError, forbidden, invalid } from '../../core/errors.js';
import {
  countByKind,
  DEFAULT_LOW_MARGIN,
  isLowMargin,
  isManualCause,
  isNonFace,
  type ReviewKind,
} from '../../core/reports/review.js';
import { parseInstant } from '../../core/time/instant.js';
import { localDateOf } from '../../core/time/zone.js';
import { type Actor, scopeOf } from '../actor.js';
import { punchWindow } from '../attendance/inputs.js';
import { monthDates } from '../attendance/results.service.js';
import { readSettings } from '../attendance/settings.js';
import { audit, writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { reportEmployees } from './scope.js';

export interface ReviewItem {
  kind: ReviewKind;
  employeeId: number;
  employeeNo: string;
  name: string;
  department: string | null;
  /** The attendance date (days, corrections) or the punch instant (punches). */
  date: string;
  at: string | null;
  method: string | null;
  matchMargin: number | null;
  /** The recompute cause, the correction's reason or the punch note. */
  detail: string | null;
  punchId: number | null;
  requestId: number | null;
}

export interface MonthReviewDto {
  month: string;
  reviewed: { at: string; by: string; note: string | null } | null;
  closed: boolean;
  marginBelow: number;
  counts: Record<ReviewKind, number>;
  items: ReviewItem[];
}

const MAX_ITEMS = 5000;

export async function collectReview(
  ctx: ServiceContext,
  actor: Actor,
  month: string,
  departmentId: number | undefined,
  marginBelow: number,
): Promise<ReviewItem[]> {
  const dates = monthDates(month);
  const from = dates[0];
  const to = dates[dates.length - 1];
  const employees = await reportEmployees(ctx, actor, departmentId);
  const byId = new Map(employees.map((e) => [e.id, e]));
  const ids = [...byId.keys()];
  const items: ReviewItem[] = [];
  const base = (id: number) => {
    const e = byId.get(id)!;
    return { employeeId: id, employeeNo: e.employeeNo, name: e.name, department: e.department };
  };
  const window = punchWindow(from, to);
  // A punch belongs to the month of its local date at the employee's site (without one, the company's zone).
  const { companyZone } = await readSettings(ctx.db.kysely);
  const zones = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db.kysely
      .selectFrom('employees')
      .leftJoin('sites', 'sites.id', 'employees.site_id')
      .select(['employees.id', 'sites.time_zone'])
      .where('employees.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) zones.set(r.id, r.time_zone ?? companyZone);
  }
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const days = await ctx.db.kysely
      .selectFrom('day_results')
      .select(['employee_id', 'date', 'cause'])
      .where('employee_id', 'in', chunk)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .where((eb) => eb.or([eb('cause', 'like', 'manual punch%'), eb('cause', 'like', '%edited by hand%')]))
      .execute();
    for (const d of days)
      if (isManualCause(d.cause))
        items.push({
          kind: 'manualDay',
          ...base(d.employee_id),
          date: d.date,
          at: null,
          method: null,
          matchMargin: null,
          detail: d.cause,
          punchId: null,
          requestId: null,
        });
    const corrections = await ctx.db.kysely
      .selectFrom('attendance_requests')
      .select(['id', 'employee_id', 'start_date', 'at', 'reason'])
      .where('employee_id', 'in', chunk)
      .where('kind', '=', 'punchCorrection')
      .where('status', '=', 'approved')
      .where('start_date', '>=', from)
      .where('start_date', '<=', to)
      .execute();
    for (const c of corrections)
      items.push({
        kind: 'correction',
        ...base(c.employee_id),
        date: c.start_date,
        at: c.at,
        method: null,
        matchMargin: null,
        detail: c.reason,
        punchId: null,
        requestId: c.id,
      });
    const punches = await ctx.db.kysely
      .selectFrom('punches')
      .select(['id', 'employee_id', 'at', 'method', 'match_margin', 'note'])
      .where('employee_id', 'in', chunk)
      .where('at', '>=', window.start)
      .where('at', '<', window.end)
      .where((eb) => eb.or([eb('method', '!=', 'face'), eb('match_margin', '<', marginBelow)]))
      .execute();
    for (const p of punches) {
      const kind: ReviewKind | null = isNonFace(p.method)
        ? 'nonFacePunch'
        : isLowMargin(p.method, p.match_margin, marginBelow)
          ? 'lowMargin'
          : null;
      if (!kind) continue;
      const date = localDateOf(parseInstant(p.at), zones.get(p.employee_id) ?? companyZone);
      if (date < from || date > to) continue;
      items.push({
        kind,
        ...base(p.employee_id),
        date,
        at: p.at,
        method: p.method,
        matchMargin: p.match_margin,
        detail: p.note,
        punchId: p.id,
        requestId: null,
      });
    }
  }
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.employeeNo.localeCompare(b.employeeNo));
}

export async function monthReview(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { month: string; departmentId?: number; marginBelow?: number },
): Promise<MonthReviewDto> {
  authorize(actor, 'reports.read');
  const marginBelow = query.marginBelow ?? DEFAULT_LOW_MARGIN;
  if (!(marginBelow >= 0 && marginBelow <= 1)) throw invalid('marginBelow must be between 0 and 1');
  const items = await collectReview(ctx, actor, query.month, query.departmentId, marginBelow);
  const [review, lock] = await Promise.all([
    ctx.db.kysely.selectFrom('month_reviews').selectAll().where('month', '=', query.month).executeTakeFirst(),
    ctx.db.kysely
      .selectFrom('month_locks')
      .select('status')
      .where('month', '=', query.month)
      .executeTakeFirst(),
  ]);
  await audit(ctx, actor, {
    action: 'report.review',
    targetType: 'month',
    targetId: query.month,
    details: { departmentId: query.departmentId ?? null, items: items.length },
  });
  return {
    month: query.month,
    reviewed: review ? { at: review.reviewed_at, by: review.reviewed_by_name, note: review.note } : null,
    closed: lock?.status === 'closed',
    marginBelow,
    counts: countByKind(items),
    items: items.slice(0, MAX_ITEMS),
  };
}

/** HR marks the whole month reviewed (a month is closed for everyone, so the review covers everyone). */
export async function markReviewed(ctx: ServiceContext, actor: Actor | null, month: string, note?: string) {
  authorize(actor, 'months.close');
  monthDates(month);
  if (scopeOf(actor).kind !== 'all') throw forbidden();
  const items = await collectReview(ctx, actor, month, undefined, DEFAULT_LOW_MARGIN);
  const counts = countByKind(items);
  return writeWithAudit(ctx, actor, async (trx) => {
    const lock = await trx
      .selectFrom('month_locks')
      .select('status')
      .where('month', '=', month)
      .executeTakeFirst();
    if (lock?.status === 'closed') throw new AppError('month_closed', 409, { month });
    const values = {
      reviewed_at: nowIso(ctx),
      reviewed_by_user_id: actor.userId,
      reviewed_by_name: actor.username,
      note: note?.trim() || null,
      counts: JSON.stringify(counts),
    };
    const exists = await trx
      .selectFrom('month_reviews')
      .select('month')
      .where('month', '=', month)
      .executeTakeFirst();
    if (exists) await trx.updateTable('month_reviews').set(values).where('month', '=', month).execute();
    else
      await trx
        .insertInto('month_reviews')
        .values({ month, ...values })
        .execute();
    return {
      result: { month, reviewedAt: values.reviewed_at, reviewedBy: actor.username, counts },
      audit: {
        action: 'report.reviewed',
        targetType: 'month',
        targetId: month,
        details: { note: values.note, counts },
      },
    };
  });
}

/** Withdraws the mark (the data changed after the review); only while the month is open. */
export async function unmarkReviewed(ctx: ServiceContext, actor: Actor | null, month: string) {
  authorize(actor, 'months.close');
  monthDates(month);
  return writeWithAudit(ctx, actor, async (trx) => {
    const lock = await trx
      .selectFrom('month_locks')
      .select('status')
      .where('month', '=', month)
      .executeTakeFirst();
    if (lock?.status === 'closed') throw new AppError('month_closed', 409, { month });
    await trx.deleteFrom('month_reviews').where('month', '=', month).execute();
    return {
      result: { month, reviewed: false },
      audit: { action: 'report.unreviewed', targetType: 'month', targetId: month },
    };
  });
}
