// Requests: leave (请假), business trip (出差), field work (外勤), punch correction (补卡, with a monthly quota
// and a deadline) and overtime (加班). Each goes through its approval chain (manager, then HR, as configured);
// the last approval deducts the leave balance and recomputes the days, a cancellation restores both.
import type { Kysely } from 'kysely';
import { hasPermission } from '../../core/access/roles.js';
import { affectedDays } from '../../core/attendance/affected-days.js';
import {
  deductBalance,
  InsufficientBalanceError,
  leaveUnitProblem,
  restoreBalance,
} from '../../core/attendance/leave.js';
import { evaluateRange } from '../../core/attendance/range.js';
import { type LeaveRequest, requestProblems } from '../../core/attendance/requests.js';
import { AppError, forbidden, invalid, notFound } from '../../core/errors.js';
import { addDays, isValidDate } from '../../core/time/date.js';
import { parseInstant } from '../../core/time/instant.js';
import { localDateOf } from '../../core/time/zone.js';
import type { AttendanceRequestRow, Database, EmployeeRow } from '../../db/schema.js';
import { type Actor, scopeOf } from '../actor.js';
import {
  attachmentContent,
  checkUpload,
  storeAttachment,
  type UploadedFile,
} from '../attachments/attachments.js';
import { audit, writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { assertCanRead, assertMonthsOpen, inScope, loadEmployee } from './access.js';
import { type RecomputeOutcome, requestDays, runRecompute, todayOf } from './changes.js';
import { loadApprovedRequests, loadPunches, toDayRequest } from './inputs.js';
import { moveBalance } from './leave.service.js';
import { loadModel, type Model } from './model.js';
import { mergeTargets, targetFromDays } from './recompute.js';
import { type ApprovalStep, type AttendanceSettings, type RequestKind, readSettings } from './settings.js';

export type RequestStatus = AttendanceRequestRow['status'];

export interface RequestInput {
  employeeId?: number;
  kind: RequestKind;
  leaveType?: string;
  startDate?: string;
  endDate?: string;
  startHalf?: 'am' | 'pm';
  endHalf?: 'am' | 'pm';
  startAt?: string;
  endAt?: string;
  at?: string;
  compensation?: 'pay' | 'timeOffInLieu';
  reason?: string;
}

export interface RequestDto {
  id: number;
  employeeId: number;
  employeeNo: string;
  employeeName: string;
  kind: RequestKind;
  status: RequestStatus;
  leaveType: string | null;
  startDate: string;
  endDate: string;
  startHalf: 'am' | 'pm' | null;
  endHalf: 'am' | 'pm' | null;
  startAt: string | null;
  endAt: string | null;
  at: string | null;
  compensation: 'pay' | 'timeOffInLieu' | null;
  reason: string | null;
  amount: number | null;
  chain: ApprovalStep[];
  step: number;
  /** The step waiting for a decision; null once decided. */
  currentStep: ApprovalStep | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface RequestDetailDto extends RequestDto {
  events: { at: string; actor: string; action: string; step: string | null; comment: string | null }[];
  attachments: { id: number; fileName: string; contentType: string; size: number; createdAt: string }[];
  canDecide: boolean;
  canCancel: boolean;
}

type Joined = AttendanceRequestRow & { employee_no: string; employee_name: string };

const toDto = (r: Joined): RequestDto => {
  const chain = JSON.parse(r.chain) as ApprovalStep[];
  return {
    id: r.id,
    employeeId: r.employee_id,
    employeeNo: r.employee_no,
    employeeName: r.employee_name,
    kind: r.kind,
    status: r.status,
    leaveType: r.leave_type,
    startDate: r.start_date,
    endDate: r.end_date,
    startHalf: r.start_half,
    endHalf: r.end_half,
    startAt: r.start_at,
    endAt: r.end_at,
    at: r.at,
    compensation: r.compensation,
    reason: r.reason,
    amount: r.amount,
    chain,
    step: r.step,
    currentStep: r.status === 'pending' ? (chain[r.step] ?? null) : null,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  };
};

function selectJoined(db: Kysely<Database>) {
  return db
    .selectFrom('attendance_requests as r')
    .innerJoin('employees as e', 'e.id', 'r.employee_id')
    .selectAll('r')
    .select(['e.employee_no as employee_no', 'e.name as employee_name']);
}

async function loadRequest(db: Kysely<Database>, id: number): Promise<Joined> {
  const row = await selectJoined(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('request', id);
  return row as Joined;
}

/** Users who manage the employee's department or one above it (not the employee themself). */
async function managersOf(db: Kysely<Database>, e: EmployeeRow): Promise<number[]> {
  if (e.department_id === null) return [];
  const departments = await db.selectFrom('departments').select(['id', 'parent_id']).execute();
  const parent = new Map(departments.map((d) => [d.id, d.parent_id]));
  const chain: number[] = [];
  for (let d: number | null = e.department_id; d !== null && !chain.includes(d); d = parent.get(d) ?? null) {
    chain.push(d);
  }
  const rows = await db
    .selectFrom('department_managers as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.employee_id'])
    .where('m.department_id', 'in', chain)
    .where('u.status', '=', 'active')
    .execute();
  return [...new Set(rows.filter((r) => r.employee_id !== e.id).map((r) => r.id))];
}

function canDecide(actor: Actor, row: AttendanceRequestRow, e: EmployeeRow): boolean {
  if (row.status !== 'pending') return false;
  if (!hasPermission(actor.roles, 'requests.approve')) return false;
  const step = (JSON.parse(row.chain) as ApprovalStep[])[row.step];
  const hr = actor.roles.includes('hr') || actor.roles.includes('admin');
  if (step === 'hr') return hr;
  if (hr) return true;
  return actor.roles.includes('manager') && e.id !== actor.employeeId && inScope(actor, e);
}

function canCancel(actor: Actor, row: AttendanceRequestRow): boolean {
  if (row.status !== 'pending' && row.status !== 'approved') return false;
  if (actor.roles.includes('hr') || actor.roles.includes('admin')) return true;
  return row.employee_id === actor.employeeId || row.created_by_user_id === actor.userId;
}

/** The attendance dates a request touches (the days that own its time), whatever today is. */
function datesOf(model: Model, row: AttendanceRequestRow, zone: string): { start: string; end: string } {
  const days = affectedDays(
    { kind: 'request', employeeId: String(row.employee_id), request: toDayRequest(row, true) },
    model.context,
  )
    .map((d) => d.date)
    .sort();
  if (days.length > 0) return { start: days[0], end: days[days.length - 1] };
  if (row.start_at) {
    return {
      start: localDateOf(parseInstant(row.start_at), zone),
      end: localDateOf(parseInstant(row.end_at!) - 1, zone),
    };
  }
  const at = localDateOf(parseInstant(row.at!), zone);
  return { start: at, end: at };
}

/** What approving a leave request takes from the balance: the engine's per-day amounts for this request. */
async function leaveAmount(db: Kysely<Database>, model: Model, row: AttendanceRequestRow): Promise<number> {
  const id = row.employee_id;
  const [punches, requests] = await Promise.all([
    loadPunches(db, [id], row.start_date, row.end_date),
    loadApprovedRequests(db, [id], row.start_date, row.end_date),
  ]);
  const others = (requests.get(id) ?? []).filter((r) => r.id !== String(row.id));
  const days = evaluateRange({
    context: model.context,
    employeeId: String(id),
    from: row.start_date,
    to: row.end_date,
    punches: punches.get(id) ?? [],
    requests: [...others, toDayRequest(row, true)],
    leaveTypes: model.leaveTypes,
  });
  let amount = 0;
  for (const d of days) for (const l of d.leave) if (l.requestId === String(row.id)) amount += l.amount;
  return Math.round(amount * 100) / 100;
}

async function balanceOf(trx: Kysely<Database>, employeeId: number, leaveType: string, year: number) {
  return trx
    .selectFrom('leave_balances')
    .selectAll()
    .where('employee_id', '=', employeeId)
    .where('leave_type', '=', leaveType)
    .where('year', '=', year)
    .executeTakeFirst();
}

async function checkBalance(trx: Kysely<Database>, row: AttendanceRequestRow, amount: number, year: number) {
  const type = await trx
    .selectFrom('leave_types')
    .selectAll()
    .where('code', '=', row.leave_type!)
    .executeTakeFirstOrThrow();
  if (!type.has_balance) return null;
  const b = await balanceOf(trx, row.employee_id, type.code, year);
  const balance = { leaveType: type.code, unit: type.unit, granted: b?.granted ?? 0, used: b?.used ?? 0 };
  try {
    deductBalance(balance, amount);
  } catch (error) {
    if (error instanceof InsufficientBalanceError) {
      throw new AppError('insufficient_balance', 409, {
        leaveType: type.name,
        requested: amount,
        available: Math.round((balance.granted - balance.used) * 100) / 100,
        unit: type.unit,
      });
    }
    throw error;
  }
  return type;
}

function balanceYear(row: AttendanceRequestRow, accrual: string): number {
  return accrual === 'timeOffInLieu' ? 0 : Number(row.start_date.slice(0, 4));
}

async function event(
  trx: Kysely<Database>,
  at: string,
  actor: Actor,
  requestId: number,
  action: string,
  step: string | null,
  comment?: string | null,
) {
  await trx
    .insertInto('request_events')
    .values({
      request_id: requestId,
      at,
      actor_user_id: actor.userId,
      actor_name: actor.username,
      action,
      step,
      comment: comment?.trim() || null,
    })
    .execute();
}

/** The final approval: deduct the balance (leave) and mark approved. Runs in the deciding transaction. */
async function approveFinal(
  ctx: ServiceContext,
  trx: Kysely<Database>,
  actor: Actor,
  row: AttendanceRequestRow,
  model: Model,
) {
  let amount: number | null = null;
  let year: number | null = null;
  if (row.kind === 'leave') {
    amount = await leaveAmount(trx, model, row);
    const type = await trx
      .selectFrom('leave_types')
      .selectAll()
      .where('code', '=', row.leave_type!)
      .executeTakeFirstOrThrow();
    year = balanceYear(row, type.accrual);
    if (type.has_balance) {
      await checkBalance(trx, row, amount, year);
      await moveBalance(trx, {
        employeeId: row.employee_id,
        leaveType: type.code,
        year,
        unit: type.unit,
        used: amount,
        reason: 'approval',
        requestId: row.id,
        at: nowIso(ctx),
        byUserId: actor.userId,
      });
    }
  }
  await trx
    .updateTable('attendance_requests')
    .set({ status: 'approved', amount, balance_year: year, decided_at: nowIso(ctx), updated_at: nowIso(ctx) })
    .where('id', '=', row.id)
    .execute();
}

function checkInput(input: RequestInput) {
  const dated = input.startDate !== undefined || input.endDate !== undefined;
  const timed = input.startAt !== undefined || input.endAt !== undefined;
  for (const k of ['startDate', 'endDate'] as const) {
    if (input[k] !== undefined && !isValidDate(input[k]!)) throw invalid(`${k} must be a date YYYY-MM-DD`);
  }
  switch (input.kind) {
    case 'punchCorrection':
      if (!input.at) throw invalid('a punch correction needs the instant "at"');
      break;
    case 'overtime':
      if (!input.startAt || !input.endAt) throw invalid('an overtime request needs startAt and endAt');
      break;
    default:
      if (dated === timed) throw invalid('give either startDate/endDate or startAt/endAt');
      if (dated && (!input.startDate || !input.endDate)) throw invalid('give startDate and endDate');
      if (timed && (!input.startAt || !input.endAt)) throw invalid('give startAt and endAt');
  }
  if (input.kind === 'leave' && !input.leaveType) throw invalid('a leave request needs leaveType');
}

export async function submitRequest(ctx: ServiceContext, actor: Actor | null, input: RequestInput) {
  authorize(actor, 'requests.submit');
  checkInput(input);
  const employeeId = input.employeeId ?? actor.employeeId;
  if (employeeId == null) throw invalid('employeeId is required');
  const employee = await loadEmployee(ctx.db.kysely, employeeId);
  if (employee.id !== actor.employeeId) {
    if (!hasPermission(actor.roles, 'attendance.read') || !inScope(actor, employee)) throw forbidden();
  }
  const settings = await readSettings(ctx.db.kysely);
  const model = await loadModel(ctx.db.kysely);
  const today = await todayOf(ctx);
  const now = nowIso(ctx);
  const result = await writeWithAudit(ctx, actor, async (trx) => {
    if (input.kind === 'leave') {
      const type = await trx
        .selectFrom('leave_types')
        .selectAll()
        .where('code', '=', input.leaveType!)
        .executeTakeFirst();
      if (!type?.active) throw notFound('leave type', input.leaveType!);
    }
    const draft: Omit<AttendanceRequestRow, 'id'> = {
      employee_id: employee.id,
      kind: input.kind,
      status: 'pending',
      leave_type: input.kind === 'leave' ? input.leaveType! : null,
      start_date: input.startDate ?? '',
      end_date: input.endDate ?? '',
      start_half: input.startHalf ?? null,
      end_half: input.endHalf ?? null,
      start_at: input.kind === 'punchCorrection' ? null : (input.startAt ?? null),
      end_at: input.kind === 'punchCorrection' ? null : (input.endAt ?? null),
      at: input.kind === 'punchCorrection' ? input.at! : null,
      compensation: input.kind === 'overtime' ? (input.compensation ?? null) : null,
      reason: input.reason?.trim() || null,
      amount: null,
      balance_year: null,
      chain: '[]',
      step: 0,
      created_by_user_id: actor.userId,
      created_at: now,
      updated_at: now,
      decided_at: null,
    };
    const engineRequest = toDayRequest({ ...draft, id: 0 } as AttendanceRequestRow, true);
    const problems = requestProblems(engineRequest);
    if (engineRequest.kind === 'leave') {
      const type = model.leaveTypes.find((t) => t.id === input.leaveType);
      const unitProblem = type ? leaveUnitProblem(type, engineRequest as LeaveRequest) : null;
      if (unitProblem) problems.push(unitProblem);
    }
    if (problems.length > 0) throw invalid(problems.join('; '));
    if (!draft.start_date) {
      const dates = datesOf(model, { ...draft, id: 0 } as AttendanceRequestRow, settings.companyZone);
      draft.start_date = dates.start;
      draft.end_date = dates.end;
    }
    await assertMonthsOpen(trx, [draft.start_date, draft.end_date]);
    if (input.kind === 'punchCorrection')
      await checkCorrection(trx, settings, employee.id, draft.start_date, today);

    let chain = [...settings.approvalChains[input.kind]];
    if (chain.includes('manager') && (await managersOf(trx, employee)).length === 0) {
      chain = chain.filter((s) => s !== 'manager');
    }
    const row = await trx
      .insertInto('attendance_requests')
      .values({ ...draft, chain: JSON.stringify(chain) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await event(trx, now, actor, row.id, 'submitted', null, input.reason);
    if (row.kind === 'leave') {
      const type = await trx
        .selectFrom('leave_types')
        .selectAll()
        .where('code', '=', row.leave_type!)
        .executeTakeFirstOrThrow();
      if (type.has_balance)
        await checkBalance(trx, row, await leaveAmount(trx, model, row), balanceYear(row, type.accrual));
    }
    let approved = false;
    if (chain.length === 0) {
      await approveFinal(ctx, trx, actor, row, model);
      await event(trx, now, actor, row.id, 'approved', null, 'no approval step configured');
      approved = true;
    }
    return {
      result: { id: row.id, approved },
      audit: {
        action: 'request.submit',
        targetType: 'attendance_request',
        targetId: row.id,
        details: { employeeId: employee.id, kind: row.kind, chain },
      },
    };
  });
  const recompute = result.approved ? await recomputeRequest(ctx, actor, [result.id]) : undefined;
  return { ...(await getRequest(ctx, actor, result.id)), ...(recompute ? { recompute } : {}) };
}

async function checkCorrection(
  trx: Kysely<Database>,
  settings: AttendanceSettings,
  employeeId: number,
  date: string,
  today: string,
) {
  if (date > today) throw invalid('a punch correction cannot be for a future date');
  if (addDays(date, settings.correctionDeadlineDays) < today) {
    throw new AppError('correction_deadline_passed', 409, { date, days: settings.correctionDeadlineDays });
  }
  const month = date.slice(0, 7);
  const used = await trx
    .selectFrom('attendance_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('employee_id', '=', employeeId)
    .where('kind', '=', 'punchCorrection')
    .where('status', 'in', ['pending', 'approved'])
    .where('start_date', '>=', `${month}-01`)
    .where('start_date', '<=', `${month}-31`)
    .executeTakeFirstOrThrow();
  if (Number(used.n) >= settings.correctionQuotaPerMonth) {
    throw new AppError('correction_quota_exceeded', 409, { quota: settings.correctionQuotaPerMonth, month });
  }
}

async function recomputeRequest(ctx: ServiceContext, actor: Actor, ids: number[]): Promise<RecomputeOutcome> {
  if (ids.length === 0) return { mode: 'none', days: 0 };
  const model = await loadModel(ctx.db.kysely);
  const today = await todayOf(ctx);
  const rows = await ctx.db.kysely
    .selectFrom('attendance_requests')
    .selectAll()
    .where('id', 'in', ids)
    .execute();
  const target = mergeTargets(...rows.map((r) => targetFromDays(requestDays(model, r, today))));
  return runRecompute(ctx, actor, target, `request #${ids.join(', #')}`);
}

export async function getRequest(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
): Promise<RequestDetailDto> {
  authorize(actor, 'self.read');
  const row = await loadRequest(ctx.db.kysely, id);
  const employee = await loadEmployee(ctx.db.kysely, row.employee_id);
  assertCanRead(actor, employee);
  const [events, attachments] = await Promise.all([
    ctx.db.kysely
      .selectFrom('request_events')
      .selectAll()
      .where('request_id', '=', id)
      .orderBy('id')
      .execute(),
    ctx.db.kysely
      .selectFrom('request_attachments')
      .select(['id', 'file_name', 'content_type', 'size', 'created_at'])
      .where('request_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  return {
    ...toDto(row),
    events: events.map((e) => ({
      at: e.at,
      actor: e.actor_name,
      action: e.action,
      step: e.step,
      comment: e.comment,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      contentType: a.content_type,
      size: a.size,
      createdAt: a.created_at,
    })),
    canDecide: canDecide(actor, row, employee),
    canCancel: canCancel(actor, row),
  };
}

export interface RequestQuery {
  employeeId?: number;
  departmentId?: number;
  status?: RequestStatus;
  kind?: RequestKind;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export async function listRequests(ctx: ServiceContext, actor: Actor | null, query: RequestQuery) {
  authorize(actor, 'self.read');
  let q = selectJoined(ctx.db.kysely);
  const scope = scopeOf(actor);
  if (!hasPermission(actor.roles, 'attendance.read') || scope.kind === 'self') {
    q = q.where('r.employee_id', '=', actor.employeeId ?? -1);
  } else if (scope.kind === 'departments') {
    const ids = [...scope.departmentIds];
    q = q.where((eb) =>
      eb.or([
        eb('r.employee_id', '=', actor.employeeId ?? -1),
        ...(ids.length ? [eb('e.department_id', 'in', ids)] : []),
      ]),
    );
  }
  if (query.employeeId !== undefined) q = q.where('r.employee_id', '=', query.employeeId);
  if (query.departmentId !== undefined) q = q.where('e.department_id', '=', query.departmentId);
  if (query.status) q = q.where('r.status', '=', query.status);
  if (query.kind) q = q.where('r.kind', '=', query.kind);
  if (query.from) q = q.where('r.end_date', '>=', query.from);
  if (query.to) q = q.where('r.start_date', '<=', query.to);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('r.id', 'desc')
    .limit(Math.min(query.limit ?? 50, 500))
    .offset(query.offset ?? 0)
    .execute();
  return { total: Number(total.n), items: (rows as Joined[]).map(toDto) };
}

/** Pending requests waiting for a step the actor decides (the approval inbox). */
export async function approvalInbox(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'requests.approve');
  let q = selectJoined(ctx.db.kysely).where('r.status', '=', 'pending');
  const scope = scopeOf(actor);
  if (scope.kind === 'departments') {
    const ids = [...scope.departmentIds];
    if (ids.length === 0) return { total: 0, items: [] };
    q = q.where('e.department_id', 'in', ids);
  } else if (scope.kind === 'self') return { total: 0, items: [] };
  const rows = (await q.orderBy('r.id').limit(1000).execute()) as Joined[];
  const items = rows.filter((r) => {
    const step = (JSON.parse(r.chain) as ApprovalStep[])[r.step];
    const hr = actor.roles.includes('hr') || actor.roles.includes('admin');
    if (hr) return true;
    return step === 'manager' && r.employee_id !== actor.employeeId;
  });
  return { total: items.length, items: items.map(toDto) };
}

export type Decision = 'approve' | 'reject';

async function decideOne(
  ctx: ServiceContext,
  actor: Actor,
  model: Model,
  id: number,
  decision: Decision,
  comment?: string,
): Promise<{ approved: boolean }> {
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await loadRequest(trx, id);
    const employee = await loadEmployee(trx, row.employee_id);
    if (!inScope(actor, employee)) throw forbidden();
    if (row.status !== 'pending') throw new AppError('request_not_pending', 409, { id, status: row.status });
    const chain = JSON.parse(row.chain) as ApprovalStep[];
    const step = chain[row.step];
    if (!canDecide(actor, row, employee)) throw new AppError('not_your_step', 403, { id, step: step ?? '-' });
    const now = nowIso(ctx);
    let approved = false;
    if (decision === 'reject') {
      await trx
        .updateTable('attendance_requests')
        .set({ status: 'rejected', decided_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
    } else if (row.step + 1 >= chain.length) {
      await assertMonthsOpen(trx, [row.start_date, row.end_date]);
      await approveFinal(ctx, trx, actor, row, model);
      approved = true;
    } else {
      await trx
        .updateTable('attendance_requests')
        .set({ step: row.step + 1, updated_at: now })
        .where('id', '=', id)
        .execute();
    }
    await event(trx, now, actor, id, decision === 'approve' ? 'approved' : 'rejected', step ?? null, comment);
    return {
      result: { approved },
      audit: {
        action: `request.${decision}`,
        targetType: 'attendance_request',
        targetId: id,
        details: { step, final: approved || decision === 'reject' },
      },
    };
  });
}

export async function decideRequest(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  decision: Decision,
  comment?: string,
) {
  authorize(actor, 'requests.approve');
  const model = await loadModel(ctx.db.kysely);
  const { approved } = await decideOne(ctx, actor, model, id, decision, comment);
  const recompute = approved ? await recomputeRequest(ctx, actor, [id]) : undefined;
  return { ...(await getRequest(ctx, actor, id)), ...(recompute ? { recompute } : {}) };
}

export async function bulkDecide(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { ids: number[]; decision: Decision; comment?: string },
) {
  authorize(actor, 'requests.approve');
  const model = await loadModel(ctx.db.kysely);
  const results: { id: number; ok: boolean; code?: string; message?: string }[] = [];
  const approved: number[] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      const r = await decideOne(ctx, actor, model, id, input.decision, input.comment);
      if (r.approved) approved.push(id);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, code: error.code, message: error.message });
    }
  }
  const recompute = await recomputeRequest(ctx, actor, approved);
  return { results, recompute };
}

export async function cancelRequest(ctx: ServiceContext, actor: Actor | null, id: number, comment?: string) {
  authorize(actor, 'self.read');
  const wasApproved = await writeWithAudit(ctx, actor, async (trx) => {
    const row = await loadRequest(trx, id);
    assertCanRead(actor, await loadEmployee(trx, row.employee_id));
    if (!canCancel(actor, row)) {
      if (row.status !== 'pending' && row.status !== 'approved') {
        throw new AppError('request_not_pending', 409, { id, status: row.status });
      }
      throw forbidden();
    }
    const now = nowIso(ctx);
    if (row.status === 'approved') {
      await assertMonthsOpen(trx, [row.start_date, row.end_date]);
      if (row.kind === 'leave' && row.amount && row.balance_year !== null) {
        const type = await trx
          .selectFrom('leave_types')
          .selectAll()
          .where('code', '=', row.leave_type!)
          .executeTakeFirstOrThrow();
        if (type.has_balance) {
          const b = await balanceOf(trx, row.employee_id, type.code, row.balance_year);
          restoreBalance(
            { leaveType: type.code, unit: type.unit, granted: b?.granted ?? 0, used: b?.used ?? 0 },
            row.amount,
          );
          await moveBalance(trx, {
            employeeId: row.employee_id,
            leaveType: type.code,
            year: row.balance_year,
            unit: type.unit,
            used: -row.amount,
            reason: 'cancellation',
            requestId: row.id,
            at: now,
            byUserId: actor.userId,
          });
        }
      }
    }
    await trx
      .updateTable('attendance_requests')
      .set({ status: 'cancelled', updated_at: now, decided_at: now })
      .where('id', '=', id)
      .execute();
    await event(trx, now, actor, id, 'cancelled', null, comment);
    return {
      result: row.status === 'approved',
      audit: {
        action: 'request.cancel',
        targetType: 'attendance_request',
        targetId: id,
        details: { was: row.status, restored: row.status === 'approved' ? row.amount : null },
      },
    };
  });
  const recompute = wasApproved ? await recomputeRequest(ctx, actor, [id]) : undefined;
  return { ...(await getRequest(ctx, actor, id)), ...(recompute ? { recompute } : {}) };
}

export async function commentRequest(ctx: ServiceContext, actor: Actor | null, id: number, text: string) {
  authorize(actor, 'self.read');
  if (!text.trim()) throw invalid('the comment is empty');
  await writeWithAudit(ctx, actor, async (trx) => {
    const row = await loadRequest(trx, id);
    assertCanRead(actor, await loadEmployee(trx, row.employee_id));
    await event(trx, nowIso(ctx), actor, id, 'commented', null, text);
    return {
      result: undefined,
      audit: { action: 'request.comment', targetType: 'attendance_request', targetId: id },
    };
  });
  return getRequest(ctx, actor, id);
}

export async function addAttachment(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  upload: UploadedFile,
) {
  authorize(actor, 'self.read');
  const file = await checkUpload(ctx.db.kysely, upload);
  await writeWithAudit(ctx, actor, async (trx) => {
    const row = await loadRequest(trx, id);
    assertCanRead(actor, await loadEmployee(trx, row.employee_id));
    const now = nowIso(ctx);
    const attachmentId = await storeAttachment(ctx, trx, { request_id: id }, file, {
      createdAt: now,
      createdByUserId: actor.userId,
    });
    await event(trx, now, actor, id, 'attachment', null, file.fileName);
    return {
      result: undefined,
      audit: {
        action: 'request.attachment',
        targetType: 'attendance_request',
        targetId: id,
        details: { attachmentId, fileName: file.fileName, size: file.data.length },
      },
    };
  });
  return getRequest(ctx, actor, id);
}

export async function getAttachment(ctx: ServiceContext, actor: Actor | null, attachmentId: number) {
  authorize(actor, 'self.read');
  const a = await ctx.db.kysely
    .selectFrom('request_attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!a) throw notFound('attachment', attachmentId);
  const row = await loadRequest(ctx.db.kysely, a.request_id);
  assertCanRead(actor, await loadEmployee(ctx.db.kysely, row.employee_id));
  await audit(ctx, actor, {
    action: 'request.attachment_read',
    targetType: 'attendance_request',
    targetId: a.request_id,
    details: { attachmentId },
  });
  return {
    fileName: a.file_name,
    contentType: a.content_type,
    data: attachmentContent(ctx, 'request_attachments', a),
  };
}
