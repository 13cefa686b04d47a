// The month cycle: compute → HR review → publish (公示) → appeal window → close and lock. Publishing sends each
// employee their statement (in-app and e-mail); closing also closes the attendance month (月结).
import {
  appealWindowEnd,
  type CycleAction,
  type CycleStatus,
  cycleStep,
} from '../../core/assessment/cycle.js';
import { explainLine } from '../../core/assessment/explain.js';
import { money } from '../../core/assessment/ledger.js';
import { AppError, conflict, invalid } from '../../core/errors.js';
import type { AssessmentCyclesTable } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { todayOf } from '../attendance/changes.js';
import { loadModel } from '../attendance/model.js';
import {
  closeMonth as closeAttendanceMonth,
  reopenMonth as reopenAttendanceMonth,
} from '../attendance/months.service.js';
import { recompute, serially, targetFromRange } from '../attendance/recompute.js';
import { monthDates } from '../attendance/results.service.js';
import { readSettings } from '../attendance/settings.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { notifyEmployees } from '../notify/index.js';
import { findCjkFont } from '../pdf/index.js';
import { startTask, type TaskProgress } from '../tasks.service.js';
import { evaluateEmployeeMonth, storeResult, writeMonthResults } from './results.js';
import { readAssessmentSettings } from './settings.js';
import { statementAttachments } from './statement-pdf.js';

export interface CycleDto {
  month: string;
  status: CycleStatus;
  computedAt: string | null;
  computedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  appealUntil: string | null;
  closedAt: string | null;
  closedBy: string | null;
  employees: number;
  pendingAppeals: number;
}

type CycleRow = AssessmentCyclesTable;

export function toCycleDto(
  month: string,
  r: CycleRow | undefined,
  employees = 0,
  pendingAppeals = 0,
): CycleDto {
  return {
    month,
    status: r?.status ?? 'open',
    computedAt: r?.computed_at ?? null,
    computedBy: r?.computed_by_name ?? null,
    reviewedAt: r?.reviewed_at ?? null,
    reviewedBy: r?.reviewed_by_name ?? null,
    publishedAt: r?.published_at ?? null,
    publishedBy: r?.published_by_name ?? null,
    appealUntil: r?.appeal_until ?? null,
    closedAt: r?.closed_at ?? null,
    closedBy: r?.closed_by_name ?? null,
    employees,
    pendingAppeals,
  };
}

export async function loadCycle(ctx: ServiceContext, month: string) {
  return ctx.db.kysely
    .selectFrom('assessment_cycles')
    .selectAll()
    .where('month', '=', month)
    .executeTakeFirst();
}

async function pendingAppealsOf(ctx: ServiceContext, month: string): Promise<number> {
  const r = await ctx.db.kysely
    .selectFrom('appeals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('month', '=', month)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function getCycle(ctx: ServiceContext, actor: Actor | null, month: string): Promise<CycleDto> {
  authorize(actor, 'assessment.read');
  monthDates(month);
  const row = await loadCycle(ctx, month);
  const n = await ctx.db.kysely
    .selectFrom('assessment_results')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('month', '=', month)
    .executeTakeFirstOrThrow();
  return toCycleDto(month, row, Number(n.n), await pendingAppealsOf(ctx, month));
}

export async function listCycles(
  ctx: ServiceContext,
  actor: Actor | null,
  year: number,
): Promise<CycleDto[]> {
  authorize(actor, 'assessment.read');
  const rows = await ctx.db.kysely
    .selectFrom('assessment_cycles')
    .selectAll()
    .where('month', 'like', `${year}-%`)
    .execute();
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    return toCycleDto(month, byMonth.get(month));
  });
}

function stepOrRefuse(status: CycleStatus, action: CycleAction): CycleStatus {
  const next = cycleStep(status, action);
  if (!next)
    throw conflict(`the month is ${status}; it cannot be ${action === 'review' ? 'reviewed' : `${action}d`}`);
  return next;
}

/**
 * Computes (or computes again) every employee's result for a month that has ended. Small months are computed in
 * the request; larger ones (more employee-days than the attendance sync limit) as a background task with progress.
 */
export async function computeMonth(ctx: ServiceContext, actor: Actor | null, month: string) {
  authorize(actor, 'assessment.manage');
  monthDates(month);
  const today = await todayOf(ctx);
  if (month >= today.slice(0, 7)) throw conflict('only a month that has ended can be assessed');
  const cycle = await loadCycle(ctx, month);
  stepOrRefuse(cycle?.status ?? 'open', 'compute');
  const employees = await employeesOfMonth(ctx, month);
  const { syncRecomputeLimit } = await readSettings(ctx.db.kysely);
  if (employees.length * monthDates(month).length <= syncRecomputeLimit) {
    return runCompute(ctx, actor, month, employees);
  }
  const task = await startTask(ctx, actor, 'assessment.compute', async (progress) => ({
    result: await runCompute(ctx, actor, month, employees, progress),
  }));
  return { ...toCycleDto(month, cycle), task };
}

async function employeesOfMonth(ctx: ServiceContext, month: string) {
  const dates = monthDates(month);
  return ctx.db.kysely
    .selectFrom('employees')
    .select(['id', 'position_id'])
    .where((eb) => eb.or([eb('hire_date', 'is', null), eb('hire_date', '<=', dates[dates.length - 1])]))
    .where((eb) => eb.or([eb('termination_date', 'is', null), eb('termination_date', '>=', dates[0])]))
    .execute();
}

async function runCompute(
  ctx: ServiceContext,
  actor: Actor,
  month: string,
  employees: { id: number; position_id: number | null }[],
  progress?: TaskProgress,
) {
  const dates = monthDates(month);
  const settings = await readAssessmentSettings(ctx.db.kysely);
  const db = ctx.db.kysely;
  // Bring every day of the month up to date first (closed attendance months are left as they are).
  const model = await loadModel(db);
  await serially(() =>
    recompute(
      ctx,
      model,
      targetFromRange(
        employees.map((e) => e.id),
        dates[0],
        dates[dates.length - 1],
      ),
      `assessment ${month} by ${actor.username}`,
      progress ? (done, total) => progress.update(done, total * 2, 'days') : undefined,
    ),
  );
  const withDays = new Set(
    (
      await db
        .selectFrom('day_results')
        .select('employee_id')
        .distinct()
        .where('date', '>=', dates[0])
        .where('date', '<=', dates[dates.length - 1])
        .where('scheduled_minutes', '>', 0)
        .execute()
    ).map((r) => r.employee_id),
  );
  const included = employees.filter((e) => withDays.has(e.id));
  const now = nowIso(ctx);
  const cycle = await loadCycle(ctx, month);
  return writeWithAudit(ctx, actor, async (trx) => {
    const changed = await writeMonthResults(
      trx,
      settings,
      month,
      included,
      `computed by ${actor.username}`,
      now,
      progress ? (i) => progress.update(included.length + i, included.length * 2, 'results') : undefined,
    );
    const values = {
      status: 'computed' as const,
      computed_at: now,
      computed_by_name: actor.username,
      reviewed_at: null,
      reviewed_by_name: null,
      rules: JSON.stringify({ formula: settings.formula, rules: settings.rules }),
    };
    const row = await trx
      .selectFrom('assessment_cycles')
      .select('status')
      .where('month', '=', month)
      .executeTakeFirst();
    if (row && !cycleStep(row.status, 'compute'))
      throw conflict(`the month is ${row.status}; it cannot be computed`);
    if (row) await trx.updateTable('assessment_cycles').set(values).where('month', '=', month).execute();
    else
      await trx
        .insertInto('assessment_cycles')
        .values({
          month,
          ...values,
          published_at: null,
          published_by_name: null,
          appeal_until: null,
          closed_at: null,
          closed_by_name: null,
        })
        .execute();
    return {
      result: {
        ...toCycleDto(month, { ...(cycle as CycleRow), month, ...values }, included.length),
        changed,
      },
      audit: {
        action: 'assessment.compute',
        targetType: 'assessment_month',
        targetId: month,
        details: { employees: included.length, changed },
      },
    };
  });
}

export async function reviewMonth(ctx: ServiceContext, actor: Actor | null, month: string, note?: string) {
  authorize(actor, 'assessment.manage');
  monthDates(month);
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx
      .selectFrom('assessment_cycles')
      .selectAll()
      .where('month', '=', month)
      .executeTakeFirst();
    stepOrRefuse(row?.status ?? 'open', 'review');
    const values = {
      status: 'reviewed' as const,
      reviewed_at: nowIso(ctx),
      reviewed_by_name: actor.username,
    };
    await trx.updateTable('assessment_cycles').set(values).where('month', '=', month).execute();
    return {
      result: toCycleDto(month, { ...row!, ...values }),
      audit: {
        action: 'assessment.review',
        targetType: 'assessment_month',
        targetId: month,
        details: { note: note?.trim() || null },
      },
    };
  });
}

/** Publishes the month (公示) and sends each employee their statement; the appeal window opens today. */
export async function publishMonth(ctx: ServiceContext, actor: Actor | null, month: string) {
  authorize(actor, 'assessment.manage');
  monthDates(month);
  const settings = await readAssessmentSettings(ctx.db.kysely);
  const today = await todayOf(ctx);
  const appealUntil = appealWindowEnd(today, settings.appealWindowDays);
  const dto = await writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx
      .selectFrom('assessment_cycles')
      .selectAll()
      .where('month', '=', month)
      .executeTakeFirst();
    stepOrRefuse(row?.status ?? 'open', 'publish');
    const values = {
      status: 'published' as const,
      published_at: nowIso(ctx),
      published_by_name: actor.username,
      appeal_until: appealUntil,
    };
    await trx.updateTable('assessment_cycles').set(values).where('month', '=', month).execute();
    return {
      result: toCycleDto(month, { ...row!, ...values }),
      audit: {
        action: 'assessment.publish',
        targetType: 'assessment_month',
        targetId: month,
        details: { appealUntil },
      },
    };
  });
  // Many statements go out as a background task (each is a notice and an e-mail).
  const count = await ctx.db.kysely
    .selectFrom('assessment_results')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('month', '=', month)
    .executeTakeFirstOrThrow();
  // Each statement e-mail carries a PDF when a CJK font is installed (about 0.1 s each to make).
  const inRequest = findCjkFont() ? STATEMENTS_WITH_PDF_IN_REQUEST : STATEMENTS_IN_REQUEST;
  if (Number(count.n) > inRequest) {
    const task = await startTask(ctx, actor, 'assessment.statements', async (progress) => ({
      result: { sent: await sendStatements(ctx, month, appealUntil, progress) },
    }));
    return { ...dto, task };
  }
  await sendStatements(ctx, month, appealUntil);
  return dto;
}

const STATEMENTS_IN_REQUEST = 300;
const STATEMENTS_WITH_PDF_IN_REQUEST = 50;

async function sendStatements(
  ctx: ServiceContext,
  month: string,
  appealUntil: string,
  progress?: TaskProgress,
): Promise<number> {
  const rows = await ctx.db.kysely
    .selectFrom('assessment_results as r')
    .innerJoin('employees as e', 'e.id', 'r.employee_id')
    .select(['r.employee_id', 'r.score', 'r.total_fen', 'r.ledger', 'e.name'])
    .where('r.month', '=', month)
    .execute();
  const fontFile = findCjkFont();
  if (!fontFile)
    ctx.log.warn({ month }, 'statements are e-mailed without their PDF: no CJK font is installed');
  for (const [i, r] of rows.entries()) {
    if (progress && i % 50 === 0) await progress.update(i, rows.length, 'statements');
    const lines = JSON.parse(r.ledger) as Parameters<typeof explainLine>[0][];
    const list = (locale: 'en' | 'zh-CN') =>
      lines.map((l) => `${l.date ?? month} ${explainLine(l, locale)}`).join('\n');
    await notifyEmployees(ctx, [r.employee_id], {
      kind: 'assessment.statement',
      title: { en: `Your attendance statement for ${month}`, 'zh-CN': `${month} 考勤考核结果` },
      body: {
        en: `${r.name}, your assessment for ${month}: score ${r.score}, rewards and penalties ${money(r.total_fen)}.\n${list('en')}\nYou may appeal until ${appealUntil}.`,
        'zh-CN': `${r.name}，您 ${month} 的考核结果：得分 ${r.score}，奖惩合计 ${money(r.total_fen)}。\n${list('zh-CN')}\n如有异议，请在 ${appealUntil} 前提出申诉。`,
      },
      link: `/me/statements?month=${month}`,
      email: true,
      ...(fontFile
        ? { localisedAttachments: statementAttachments(ctx, r.employee_id, month, appealUntil, fontFile) }
        : {}),
    });
  }
  return rows.length;
}

/** Closes and locks the month once the appeal window has passed and no appeal is pending. */
export async function closeAssessmentMonth(ctx: ServiceContext, actor: Actor | null, month: string) {
  authorize(actor, 'assessment.manage');
  monthDates(month);
  const today = await todayOf(ctx);
  const row = await loadCycle(ctx, month);
  stepOrRefuse(row?.status ?? 'open', 'close');
  if (row!.appeal_until && today <= row!.appeal_until)
    throw conflict(`appeals are open until ${row!.appeal_until}`);
  const pending = await pendingAppealsOf(ctx, month);
  if (pending > 0) throw conflict(`${pending} appeal(s) for ${month} are still pending`);
  const lock = await ctx.db.kysely
    .selectFrom('month_locks')
    .select('status')
    .where('month', '=', month)
    .executeTakeFirst();
  if (lock?.status !== 'closed') await closeAttendanceMonth(ctx, actor, month, `assessment ${month} closed`);
  return writeWithAudit(ctx, actor, async (trx) => {
    const values = { status: 'closed' as const, closed_at: nowIso(ctx), closed_by_name: actor.username };
    const updated = await trx
      .updateTable('assessment_cycles')
      .set(values)
      .where('month', '=', month)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError('conflict', 409, { reason: 'the month changed' });
    return {
      result: toCycleDto(month, { ...row!, ...values }),
      audit: { action: 'assessment.close', targetType: 'assessment_month', targetId: month, details: {} },
    };
  });
}

/** Reopens a closed month (with a reason): it is published again and the attendance month reopens too. */
export async function reopenAssessmentMonth(
  ctx: ServiceContext,
  actor: Actor | null,
  month: string,
  reason: string,
) {
  authorize(actor, 'assessment.manage');
  monthDates(month);
  if (!reason.trim()) throw invalid('give the reason for reopening the month');
  const row = await loadCycle(ctx, month);
  stepOrRefuse(row?.status ?? 'open', 'reopen');
  const lock = await ctx.db.kysely
    .selectFrom('month_locks')
    .select('status')
    .where('month', '=', month)
    .executeTakeFirst();
  if (lock?.status === 'closed') await reopenAttendanceMonth(ctx, actor, month, reason);
  return writeWithAudit(ctx, actor, async (trx) => {
    const values = { status: 'published' as const, closed_at: null, closed_by_name: null };
    await trx.updateTable('assessment_cycles').set(values).where('month', '=', month).execute();
    return {
      result: toCycleDto(month, { ...row!, ...values }),
      audit: {
        action: 'assessment.reopen',
        targetType: 'assessment_month',
        targetId: month,
        details: { reason: reason.trim() },
      },
    };
  });
}

/** After an appeal changed a day: the employee's result for that month again, when the month is computed. */
export async function refreshEmployeeResult(
  ctx: ServiceContext,
  actor: Actor,
  employeeId: number,
  month: string,
  cause: string,
) {
  const cycle = await loadCycle(ctx, month);
  if (!cycle || cycle.status === 'closed') return { refreshed: false };
  const settings = await readAssessmentSettings(ctx.db.kysely);
  const employee = await ctx.db.kysely
    .selectFrom('employees')
    .select(['id', 'position_id'])
    .where('id', '=', employeeId)
    .executeTakeFirstOrThrow();
  return writeWithAudit(ctx, actor, async (trx) => {
    const r = await evaluateEmployeeMonth(trx, settings, employee, month);
    const refreshed = await storeResult(trx, month, employeeId, r, cause, nowIso(ctx));
    return {
      result: { refreshed, score: r.score.score, totalFen: r.ledger.totalFen },
      audit: {
        action: 'assessment.refresh',
        targetType: 'employee',
        targetId: employeeId,
        details: { month, cause, refreshed, score: r.score.score, totalFen: r.ledger.totalFen },
      },
    };
  });
}
