// Appeals (申诉): an employee appeals a day's result or a published month, with a reason and attachments. The
// appeal goes through its chain (manager, then HR, as configured), each step with a deadline and reminders.
// Upheld ends it; overturned applies its correction through the attendance services (a manual punch, an
// approved request) or as a ledger adjustment, recomputes the days and the month's result, and tells the
// employee. Every step is kept in the appeal's history and the audit log.
import type { Kysely } from 'kysely';
import { hasPermission } from '../../core/access/roles.js';
import {
  type AppealDecision,
  type AppealStep,
  currentStep,
  decideAppeal as decideState,
  needsReminder,
  stepDueAt,
} from '../../core/assessment/appeal-flow.js';
import { isVisibleToEmployees } from '../../core/assessment/cycle.js';
import { money } from '../../core/assessment/ledger.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { addDays, isValidDate } from '../../core/time/date.js';
import { isValidInstant } from '../../core/time/instant.js';
import type { AppealRow, Database, EmployeeRow } from '../../db/schema.js';
import { type Actor, scopeOf } from '../actor.js';
import { loadCycle, refreshEmployeeResult } from '../assessment/cycle.service.js';
import type { Correction } from '../assessment/results.js';
import { readAssessmentSettings } from '../assessment/settings.js';
import {
  attachmentContent,
  checkUpload,
  storeAttachment,
  type UploadedFile,
} from '../attachments/attachments.js';
import { assertCanRead, closedAmong, loadEmployee } from '../attendance/access.js';
import { todayOf } from '../attendance/changes.js';
import { decideRequest, submitRequest } from '../attendance/requests.service.js';
import { addManualPunch } from '../attendance/results.service.js';
import { audit, writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { notifyEmployees, notifyUsers } from '../notify/index.js';
import { canDecideStep, decidersOf, managersOf } from './deciders.js';

type Joined = AppealRow & { employee_no: string; employee_name: string; department_id: number | null };

function selectJoined(db: Kysely<Database>) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('employees as e', 'e.id', 'a.employee_id')
    .selectAll('a')
    .select(['e.employee_no as employee_no', 'e.name as employee_name', 'e.department_id as department_id']);
}

async function loadAppeal(db: Kysely<Database>, id: number): Promise<Joined> {
  const row = await selectJoined(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('appeal', id);
  return row as Joined;
}

const stateOf = (r: AppealRow) => ({
  status: r.status,
  chain: JSON.parse(r.chain) as AppealStep[],
  step: r.step,
});

function toDto(r: Joined) {
  const state = stateOf(r);
  return {
    id: r.id,
    employeeId: r.employee_id,
    employeeNo: r.employee_no,
    employeeName: r.employee_name,
    target: r.target,
    date: r.date,
    month: r.month,
    reason: r.reason,
    status: r.status,
    chain: state.chain,
    step: r.step,
    currentStep: currentStep(state),
    dueAt: r.status === 'pending' ? r.due_at : null,
    correction: r.correction ? (JSON.parse(r.correction) as Correction) : null,
    outcome: r.outcome ? (JSON.parse(r.outcome) as Record<string, unknown>) : null,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by_name,
  };
}

export type AppealDto = ReturnType<typeof toDto>;

async function event(
  trx: Kysely<Database>,
  at: string,
  actor: Actor,
  appealId: number,
  action: string,
  step: string | null,
  comment?: string | null,
  details?: unknown,
) {
  await trx
    .insertInto('appeal_events')
    .values({
      appeal_id: appealId,
      at,
      actor_user_id: actor.userId,
      actor_name: actor.username,
      action,
      step,
      comment: comment?.trim() || null,
      details: details === undefined ? null : JSON.stringify(details),
    })
    .execute();
}

const title = (id: number) => ({ en: `Appeal #${id}`, 'zh-CN': `申诉 #${id}` });

async function tellDeciders(ctx: ServiceContext, r: AppealRow, e: EmployeeRow, why: 'new' | 'reminder') {
  const step = currentStep(stateOf(r));
  const users = await decidersOf(ctx.db.kysely, step, e);
  const what = r.target === 'day' ? r.date! : r.month;
  await notifyUsers(ctx, users, {
    kind: why === 'new' ? 'appeal.submitted' : 'appeal.reminder',
    title: title(r.id),
    body:
      why === 'new'
        ? {
            en: `${e.name} appeals the result of ${what}: ${r.reason}. Please decide by ${r.due_at.slice(0, 16).replace('T', ' ')} UTC.`,
            'zh-CN': `${e.name} 对 ${what} 的考勤结果提出申诉：${r.reason}。请于 ${r.due_at.slice(0, 16).replace('T', ' ')}（UTC）前处理。`,
          }
        : {
            en: `Reminder: the appeal of ${e.name} about ${what} is due ${r.due_at.slice(0, 16).replace('T', ' ')} UTC.`,
            'zh-CN': `提醒：${e.name} 关于 ${what} 的申诉应于 ${r.due_at.slice(0, 16).replace('T', ' ')}（UTC）前处理。`,
          },
    link: `/appeals?id=${r.id}`,
    email: why === 'reminder',
    dedupeKey: `appeal-${r.id}-${why}-${r.step}`,
  });
}

export interface AppealInput {
  employeeId?: number;
  target: 'day' | 'month';
  date?: string;
  month?: string;
  reason: string;
}

export async function submitAppeal(ctx: ServiceContext, actor: Actor | null, input: AppealInput) {
  authorize(actor, 'self.read');
  const employeeId = input.employeeId ?? actor.employeeId;
  if (employeeId == null) throw invalid('employeeId is required');
  const employee = await loadEmployee(ctx.db.kysely, employeeId);
  // One's own appeal; HR may file one for an employee (e.g. from a paper form).
  if (employee.id !== actor.employeeId && !hasPermission(actor.roles, 'assessment.manage')) throw forbidden();
  const reason = input.reason.trim();
  if (!reason) throw invalid('give the reason for the appeal');
  const settings = await readAssessmentSettings(ctx.db.kysely);
  const today = await todayOf(ctx);
  let month: string;
  let date: string | null = null;
  if (input.target === 'day') {
    if (!input.date || !isValidDate(input.date)) throw invalid('date must be YYYY-MM-DD');
    date = input.date;
    month = date.slice(0, 7);
    if (date > today) throw invalid('a day in the future cannot be appealed');
    if (addDays(date, settings.dayAppealDays) < today)
      throw conflict(`a day can be appealed within ${settings.dayAppealDays} days`);
  } else {
    if (!input.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month)) throw invalid('month must be YYYY-MM');
    month = input.month;
    const cycle = await loadCycle(ctx, month);
    if (!cycle || !isVisibleToEmployees(cycle.status))
      throw conflict(`the assessment of ${month} is not published`);
    if (cycle.status === 'closed' || (cycle.appeal_until && today > cycle.appeal_until))
      throw conflict(`appeals for ${month} closed on ${cycle.appeal_until}`);
  }
  const cycle = await loadCycle(ctx, month);
  if (cycle?.status === 'closed' || (await closedAmong(ctx.db.kysely, [`${month}-01`])).length)
    throw new AppError('month_closed', 409, { month });
  let chain: AppealStep[] = [...settings.appealChain];
  if (chain.includes('manager') && (await managersOf(ctx.db.kysely, employee)).length === 0)
    chain = chain.filter((s) => s !== 'manager');
  if (chain.length === 0) chain = ['hr'];
  const now = nowIso(ctx);
  const id = await writeWithAudit(ctx, actor, async (trx) => {
    let dup = trx
      .selectFrom('appeals')
      .select('id')
      .where('employee_id', '=', employee.id)
      .where('status', '=', 'pending')
      .where('target', '=', input.target)
      .where('month', '=', month);
    if (date) dup = dup.where('date', '=', date);
    const existing = await dup.executeTakeFirst();
    if (existing) throw conflict(`appeal #${existing.id} about this is still pending`);
    const row = await trx
      .insertInto('appeals')
      .values({
        employee_id: employee.id,
        target: input.target,
        date,
        month,
        reason,
        status: 'pending',
        chain: JSON.stringify(chain),
        step: 0,
        due_at: stepDueAt(now, settings.appealStepDays),
        reminded_step: null,
        correction: null,
        outcome: null,
        created_at: now,
        created_by_user_id: actor.userId,
        decided_at: null,
        decided_by_name: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await event(trx, now, actor, row.id, 'submitted', null, reason);
    return {
      result: row.id,
      audit: {
        action: 'appeal.submit',
        targetType: 'appeal',
        targetId: row.id,
        details: { employeeId: employee.id, target: input.target, date, month, chain },
      },
    };
  });
  const row = await loadAppeal(ctx.db.kysely, id);
  await tellDeciders(ctx, row, employee, 'new');
  return getAppeal(ctx, actor, id);
}

export async function getAppeal(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'self.read');
  const row = await loadAppeal(ctx.db.kysely, id);
  const employee = await loadEmployee(ctx.db.kysely, row.employee_id);
  assertCanRead(actor, employee, 'assessment.read');
  const db = ctx.db.kysely;
  const [events, attachments, day] = await Promise.all([
    db.selectFrom('appeal_events').selectAll().where('appeal_id', '=', id).orderBy('id').execute(),
    db
      .selectFrom('appeal_attachments')
      .select(['id', 'file_name', 'content_type', 'size', 'created_at'])
      .where('appeal_id', '=', id)
      .orderBy('id')
      .execute(),
    row.date
      ? db
          .selectFrom('day_results')
          .select([
            'statuses',
            'late_minutes',
            'early_leave_minutes',
            'missing_punches',
            'absent',
            'worked_minutes',
            'version',
          ])
          .where('employee_id', '=', row.employee_id)
          .where('date', '=', row.date)
          .executeTakeFirst()
      : undefined,
  ]);
  const dto = toDto(row);
  return {
    ...dto,
    day: day
      ? {
          statuses: day.statuses ? day.statuses.split(',') : [],
          lateMinutes: day.late_minutes,
          earlyLeaveMinutes: day.early_leave_minutes,
          missingPunches: day.missing_punches,
          absent: day.absent,
          workedMinutes: day.worked_minutes,
          version: day.version,
        }
      : null,
    events: events.map((e) => ({
      at: e.at,
      actor: e.actor_name,
      action: e.action,
      step: e.step,
      comment: e.comment,
      details: e.details ? (JSON.parse(e.details) as unknown) : null,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      contentType: a.content_type,
      size: a.size,
      createdAt: a.created_at,
    })),
    canDecide: canDecideStep(actor, dto.currentStep, employee),
    canWithdraw:
      row.status === 'pending' &&
      (row.employee_id === actor.employeeId || row.created_by_user_id === actor.userId),
  };
}

export interface AppealQuery {
  status?: AppealRow['status'];
  month?: string;
  employeeId?: number;
  /** Only appeals waiting for a step the actor decides. */
  toDecide?: boolean;
  mine?: boolean;
  limit?: number;
  offset?: number;
}

export async function listAppeals(ctx: ServiceContext, actor: Actor | null, query: AppealQuery) {
  authorize(actor, 'self.read');
  let q = selectJoined(ctx.db.kysely);
  const staff = hasPermission(actor.roles, 'assessment.read') || hasPermission(actor.roles, 'appeals.decide');
  const scope = scopeOf(actor);
  if (query.mine || !staff || scope.kind === 'self')
    q = q.where('a.employee_id', '=', actor.employeeId ?? -1);
  else if (scope.kind === 'departments') {
    const ids = [...scope.departmentIds];
    q = q.where((eb) =>
      eb.or([
        eb('a.employee_id', '=', actor.employeeId ?? -1),
        ...(ids.length ? [eb('e.department_id', 'in', ids)] : []),
      ]),
    );
  }
  if (query.status) q = q.where('a.status', '=', query.status);
  if (query.month) q = q.where('a.month', '=', query.month);
  if (query.employeeId !== undefined) q = q.where('a.employee_id', '=', query.employeeId);
  let rows = (await q.orderBy('a.id', 'desc').execute()) as Joined[];
  if (query.toDecide) {
    rows = rows.filter((r) =>
      canDecideStep(actor, currentStep(stateOf(r)), { id: r.employee_id, department_id: r.department_id }),
    );
  }
  const offset = query.offset ?? 0;
  return {
    total: rows.length,
    items: rows.slice(offset, offset + Math.min(query.limit ?? 50, 500)).map(toDto),
  };
}

function checkCorrection(row: AppealRow, c: Correction | undefined): Correction {
  if (!c) throw invalid('overturning needs the correction (kind "none" when only the result is recomputed)');
  switch (c.kind) {
    case 'punch':
      if (!c.at || !isValidInstant(c.at)) throw invalid('a punch correction needs the instant "at"');
      return { kind: 'punch', at: c.at, note: c.note?.trim() || undefined };
    case 'request': {
      const r = c.request;
      if (!r || !['leave', 'businessTrip', 'fieldWork'].includes(r.kind))
        throw invalid('request.kind must be leave, businessTrip or fieldWork');
      return { kind: 'request', request: r, note: c.note?.trim() || undefined };
    }
    case 'adjustment':
      if (!Number.isSafeInteger(c.amountFen) || c.amountFen === 0 || Math.abs(c.amountFen!) > 100_000_000)
        throw invalid('amountFen must be a whole number of fen other than 0');
      if (!c.note?.trim()) throw invalid('say what the adjustment is for');
      if (row.target !== 'month' && !row.month) throw invalid('an adjustment needs a month');
      return { kind: 'adjustment', amountFen: c.amountFen, note: c.note.trim() };
    case 'none':
      return { kind: 'none', note: c.note?.trim() || undefined };
    default:
      throw invalid('correction.kind must be punch, request, adjustment or none');
  }
}

/** The decider acting through the attendance services for this appeal, named so in their records. */
function delegate(actor: Actor, appealId: number): Actor {
  return { ...actor, roles: ['admin'], username: `${actor.username} (appeal #${appealId})` };
}

async function applyCorrection(ctx: ServiceContext, actor: Actor, row: AppealRow, c: Correction) {
  const as = delegate(actor, row.id);
  const note = `appeal #${row.id}${c.note ? `: ${c.note}` : ''}`;
  if (c.kind === 'punch') {
    const punch = await addManualPunch(ctx, as, { employeeId: row.employee_id, at: c.at!, note });
    return { punchId: punch.id, recompute: punch.recompute.mode, days: punch.recompute.days };
  }
  if (c.kind === 'request') {
    let request = await submitRequest(ctx, as, { ...c.request!, employeeId: row.employee_id, reason: note });
    for (let i = 0; request.status === 'pending' && i < 5; i++) {
      request = await decideRequest(ctx, as, request.id, 'approve', note);
    }
    return { requestId: request.id, requestStatus: request.status };
  }
  return {};
}

export async function decideAppeal(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  input: { decision: AppealDecision; comment?: string; correction?: Correction },
) {
  authorize(actor, 'appeals.decide');
  const before = await loadAppeal(ctx.db.kysely, id);
  const employee = await loadEmployee(ctx.db.kysely, before.employee_id);
  assertCanRead(actor, employee, 'appeals.decide');
  if (before.status !== 'pending') throw conflict(`appeal #${id} is ${before.status}`);
  const state = stateOf(before);
  const step = currentStep(state);
  if (!canDecideStep(actor, step, employee))
    throw new AppError('not_your_step', 403, { id, step: step ?? '-' });
  const next = decideState(state, input.decision);
  const comment = input.comment?.trim() || null;
  const settings = await readAssessmentSettings(ctx.db.kysely);
  let correction: Correction | null = null;
  let outcome: Record<string, unknown> | null = null;
  if (next.status === 'overturned') {
    correction = checkCorrection(before, input.correction);
    outcome = await applyCorrection(ctx, actor, before, correction);
  }
  const now = nowIso(ctx);
  await writeWithAudit(ctx, actor, async (trx) => {
    const updated = await trx
      .updateTable('appeals')
      .set({
        status: next.status,
        step: next.step,
        due_at: next.final ? before.due_at : stepDueAt(now, settings.appealStepDays),
        correction: correction ? JSON.stringify(correction) : null,
        outcome: outcome ? JSON.stringify(outcome) : null,
        decided_at: next.final ? now : null,
        decided_by_name: next.final ? actor.username : null,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('step', '=', before.step)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict(`appeal #${id} was decided meanwhile`);
    const action = next.status === 'pending' ? 'forwarded' : next.status;
    await event(trx, now, actor, id, action, step, comment, correction ? { correction, outcome } : undefined);
    return {
      result: undefined,
      audit: {
        action: `appeal.${input.decision}`,
        targetType: 'appeal',
        targetId: id,
        details: { step, status: next.status, correction, outcome },
      },
    };
  });
  let refreshed: unknown = null;
  if (next.status === 'overturned') {
    refreshed = await refreshEmployeeResult(
      ctx,
      actor,
      before.employee_id,
      before.month,
      `appeal #${id} overturned`,
    );
  }
  const after = await loadAppeal(ctx.db.kysely, id);
  if (next.final) await tellEmployee(ctx, after, comment);
  else await tellDeciders(ctx, after, employee, 'new');
  return { ...(await getAppeal(ctx, actor, id)), refreshed };
}

async function tellEmployee(ctx: ServiceContext, r: Joined, comment: string | null) {
  const what = r.target === 'day' ? r.date! : r.month;
  const c = r.correction ? (JSON.parse(r.correction) as Correction) : null;
  const result = await ctx.db.kysely
    .selectFrom('assessment_results')
    .select(['score', 'total_fen'])
    .where('employee_id', '=', r.employee_id)
    .where('month', '=', r.month)
    .executeTakeFirst();
  const figures = result
    ? {
        en: ` Your ${r.month} assessment now: score ${result.score}, rewards and penalties ${money(result.total_fen)}.`,
        zh: ` 您 ${r.month} 的考核结果现为：得分 ${result.score}，奖惩合计 ${money(result.total_fen)}。`,
      }
    : { en: '', zh: '' };
  const note = comment ? { en: ` Note: ${comment}`, zh: ` 说明：${comment}` } : { en: '', zh: '' };
  const overturned = r.status === 'overturned';
  await notifyEmployees(ctx, [r.employee_id], {
    kind: 'appeal.decided',
    title: {
      en: `Appeal #${r.id} ${overturned ? 'accepted' : 'not accepted'}`,
      'zh-CN': `申诉 #${r.id}${overturned ? '已受理并更正' : '未获支持'}`,
    },
    body: {
      en: overturned
        ? `Your appeal about ${what} was accepted and the result corrected${c?.kind === 'adjustment' ? ` (adjustment ${money(c.amountFen!)})` : ''}.${figures.en}${note.en}`
        : `Your appeal about ${what} was not accepted; the result stands.${note.en}`,
      'zh-CN': overturned
        ? `您关于 ${what} 的申诉已受理，结果已更正${c?.kind === 'adjustment' ? `（调整 ${money(c.amountFen!)}）` : ''}。${figures.zh}${note.zh}`
        : `您关于 ${what} 的申诉未获支持，维持原结果。${note.zh}`,
    },
    link: `/me/appeals?id=${r.id}`,
    email: true,
  });
}

export async function withdrawAppeal(ctx: ServiceContext, actor: Actor | null, id: number, comment?: string) {
  authorize(actor, 'self.read');
  await writeWithAudit(ctx, actor, async (trx) => {
    const row = await loadAppeal(trx, id);
    assertCanRead(actor, await loadEmployee(trx, row.employee_id), 'assessment.read');
    if (row.employee_id !== actor.employeeId && row.created_by_user_id !== actor.userId) throw forbidden();
    if (row.status !== 'pending') throw conflict(`appeal #${id} is ${row.status}`);
    const now = nowIso(ctx);
    await trx
      .updateTable('appeals')
      .set({ status: 'withdrawn', decided_at: now, decided_by_name: actor.username })
      .where('id', '=', id)
      .execute();
    await event(trx, now, actor, id, 'withdrawn', null, comment);
    return { result: undefined, audit: { action: 'appeal.withdraw', targetType: 'appeal', targetId: id } };
  });
  return getAppeal(ctx, actor, id);
}

export async function commentAppeal(ctx: ServiceContext, actor: Actor | null, id: number, text: string) {
  authorize(actor, 'self.read');
  if (!text.trim()) throw invalid('the comment is empty');
  await writeWithAudit(ctx, actor, async (trx) => {
    const row = await loadAppeal(trx, id);
    assertCanRead(actor, await loadEmployee(trx, row.employee_id), 'assessment.read');
    await event(trx, nowIso(ctx), actor, id, 'commented', null, text);
    return { result: undefined, audit: { action: 'appeal.comment', targetType: 'appeal', targetId: id } };
  });
  return getAppeal(ctx, actor, id);
}

export async function addAppealAttachment(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  upload: UploadedFile,
) {
  authorize(actor, 'self.read');
  const file = await checkUpload(ctx.db.kysely, upload);
  await writeWithAudit(ctx, actor, async (trx) => {
    const row = await loadAppeal(trx, id);
    assertCanRead(actor, await loadEmployee(trx, row.employee_id), 'assessment.read');
    if (row.status !== 'pending') throw conflict(`appeal #${id} is ${row.status}`);
    const now = nowIso(ctx);
    const attachmentId = await storeAttachment(ctx, trx, { appeal_id: id }, file, {
      createdAt: now,
      createdByUserId: actor.userId,
    });
    await event(trx, now, actor, id, 'attachment', null, file.fileName);
    return {
      result: undefined,
      audit: {
        action: 'appeal.attachment',
        targetType: 'appeal',
        targetId: id,
        details: { attachmentId, fileName: file.fileName, size: file.data.length },
      },
    };
  });
  return getAppeal(ctx, actor, id);
}

export async function getAppealAttachment(ctx: ServiceContext, actor: Actor | null, attachmentId: number) {
  authorize(actor, 'self.read');
  const a = await ctx.db.kysely
    .selectFrom('appeal_attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!a) throw notFound('attachment', attachmentId);
  const row = await loadAppeal(ctx.db.kysely, a.appeal_id);
  assertCanRead(actor, await loadEmployee(ctx.db.kysely, row.employee_id), 'assessment.read');
  await audit(ctx, actor, {
    action: 'appeal.attachment_read',
    targetType: 'appeal',
    targetId: a.appeal_id,
    details: { attachmentId },
  });
  return {
    fileName: a.file_name,
    contentType: a.content_type,
    data: attachmentContent(ctx, 'appeal_attachments', a),
  };
}

/** Reminds the deciders of appeals whose step is due soon or overdue, once per step. */
export async function sendAppealReminders(ctx: ServiceContext, actor: Actor): Promise<{ reminded: number }> {
  const settings = await readAssessmentSettings(ctx.db.kysely);
  const horizon = new Date(ctx.now().getTime() + settings.appealReminderHours * 3_600_000).toISOString();
  const rows = await selectJoined(ctx.db.kysely)
    .where('a.status', '=', 'pending')
    .where('a.due_at', '<=', horizon)
    .execute();
  let reminded = 0;
  for (const r of rows as Joined[]) {
    const due = { status: r.status, step: r.step, dueAt: r.due_at, remindedStep: r.reminded_step };
    if (!needsReminder(due, ctx.now().getTime(), settings.appealReminderHours)) continue;
    const employee = await loadEmployee(ctx.db.kysely, r.employee_id);
    await tellDeciders(ctx, r, employee, 'reminder');
    await writeWithAudit(ctx, actor, async (trx) => {
      await trx.updateTable('appeals').set({ reminded_step: r.step }).where('id', '=', r.id).execute();
      await event(trx, nowIso(ctx), actor, r.id, 'reminded', stateOf(r).chain[r.step] ?? null);
      return {
        result: undefined,
        audit: {
          action: 'appeal.remind',
          targetType: 'appeal',
          targetId: r.id,
          details: { step: r.step, dueAt: r.due_at },
        },
      };
    });
    reminded++;
  }
  return { reminded };
}
