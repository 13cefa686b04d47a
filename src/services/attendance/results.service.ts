// Day results: the monthly grid (employee × day), one day's explanation with its reasons and history, manual
// punches by HR, and a recompute on demand.
import type { Kysely } from 'kysely';
import { affectedDays } from '../../core/attendance/affected-days.js';
import { evaluateRange } from '../../core/attendance/range.js';
import { type Locale, renderReason } from '../../core/attendance/reasons.js';
import type { DayResult } from '../../core/attendance/result.js';
import { forbidden, invalid, notFound } from '../../core/errors.js';
import { withDescendants } from '../../core/org/department-tree.js';
import { datesInRange, daysInMonth, isValidDate } from '../../core/time/date.js';
import { isValidInstant, parseInstant, toIso } from '../../core/time/instant.js';
import type { Database } from '../../db/schema.js';
import { type Actor, scopeOf } from '../actor.js';
import { audit, writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { assertCanRead, assertMonthsOpen, loadEmployee } from './access.js';
import { punchDays, type RecomputeOutcome, runRecompute, todayOf } from './changes.js';
import { diffDays, type FieldChange } from './diff.js';
import { loadApprovedRequests, loadPunches, punchWindow } from './inputs.js';
import { loadModel } from './model.js';
import { targetFromDays, targetFromRange } from './recompute.js';

export function monthDates(month: string): string[] {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw invalid('month must be YYYY-MM');
  const [y, m] = month.split('-').map(Number);
  return datesInRange(`${month}-01`, `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`);
}

/** Employees an actor may see, optionally in one department (with its sub-departments). */
export async function employeesInScope(
  db: Kysely<Database>,
  actor: Actor,
  departmentId: number | undefined,
  page: { limit: number; offset: number },
) {
  const scope = scopeOf(actor);
  let q = db.selectFrom('employees').select(['id', 'employee_no', 'name', 'department_id']);
  if (departmentId !== undefined) {
    if (scope.kind === 'departments' && !scope.departmentIds.has(departmentId)) throw forbidden();
    const all = await db.selectFrom('departments').select(['id', 'parent_id']).execute();
    const ids = [
      ...withDescendants(
        all.map((d) => ({ id: d.id, parentId: d.parent_id })),
        [departmentId],
      ),
    ];
    q = q.where('department_id', 'in', ids);
  }
  if (scope.kind === 'departments') {
    const ids = [...scope.departmentIds];
    q = q.where((eb) =>
      eb.or([
        eb('id', '=', scope.selfEmployeeId ?? -1),
        ...(ids.length ? [eb('department_id', 'in', ids)] : []),
      ]),
    );
  } else if (scope.kind === 'self') q = q.where('id', '=', scope.employeeId ?? -1);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q.orderBy('employee_no').limit(page.limit).offset(page.offset).execute();
  return { total: Number(total.n), rows };
}

export interface GridCell {
  statuses: string[];
  dayType: string;
  shift: string | null;
  workedMinutes: number;
  lateMinutes: number;
  earlyLeaveMinutes: number;
  missingPunches: number;
  absent: 'none' | 'half' | 'full';
  leaveMinutes: number;
  overtimeMinutes: number;
}

export async function monthGrid(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { month: string; departmentId?: number; limit?: number; offset?: number },
) {
  authorize(actor, 'attendance.read');
  const dates = monthDates(query.month);
  const { total, rows } = await employeesInScope(ctx.db.kysely, actor, query.departmentId, {
    limit: Math.min(query.limit ?? 500, 1000),
    offset: query.offset ?? 0,
  });
  const ids = rows.map((r) => r.id);
  const results = ids.length
    ? await ctx.db.kysely
        .selectFrom('day_results')
        .select([
          'employee_id',
          'date',
          'statuses',
          'day_type',
          'shift_code',
          'worked_minutes',
          'late_minutes',
          'early_leave_minutes',
          'missing_punches',
          'absent',
          'leave_minutes',
          'overtime_minutes',
        ])
        .where('employee_id', 'in', ids)
        .where('date', '>=', dates[0])
        .where('date', '<=', dates[dates.length - 1])
        .execute()
    : [];
  const index = new Map(dates.map((d, i) => [d, i]));
  const cells = new Map<number, (GridCell | null)[]>(ids.map((id) => [id, dates.map(() => null)]));
  for (const r of results) {
    cells.get(r.employee_id)![index.get(r.date)!] = {
      statuses: r.statuses ? r.statuses.split(',') : [],
      dayType: r.day_type,
      shift: r.shift_code,
      workedMinutes: r.worked_minutes,
      lateMinutes: r.late_minutes,
      earlyLeaveMinutes: r.early_leave_minutes,
      missingPunches: r.missing_punches,
      absent: r.absent,
      leaveMinutes: r.leave_minutes,
      overtimeMinutes: r.overtime_minutes,
    };
  }
  const lock = await ctx.db.kysely
    .selectFrom('month_locks')
    .select('status')
    .where('month', '=', query.month)
    .executeTakeFirst();
  await audit(ctx, actor, {
    action: 'attendance.grid',
    targetType: 'department',
    targetId: query.departmentId ?? null,
    details: { month: query.month, returned: rows.length },
  });
  return {
    month: query.month,
    closed: lock?.status === 'closed',
    dates,
    total,
    rows: rows.map((e) => ({
      employeeId: e.id,
      employeeNo: e.employee_no,
      name: e.name,
      departmentId: e.department_id,
      cells: cells.get(e.id)!,
    })),
  };
}

function rendered(result: DayResult, locale: Locale) {
  return result.reasons.map((r) => ({ code: r.code, figure: r.figure, text: renderReason(r, locale) }));
}

/** One employee-day explained: its figures, the reasons in words, the punches and the earlier results. */
export async function dayExplanation(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { employeeId: number; date: string },
  locale: Locale,
) {
  authorize(actor, 'self.read');
  if (!isValidDate(query.date)) throw invalid('date must be YYYY-MM-DD');
  const employee = await loadEmployee(ctx.db.kysely, query.employeeId);
  assertCanRead(actor, employee);
  const db = ctx.db.kysely;
  const stored = await db
    .selectFrom('day_results')
    .selectAll()
    .where('employee_id', '=', employee.id)
    .where('date', '=', query.date)
    .executeTakeFirst();
  let result: DayResult;
  if (stored) result = JSON.parse(stored.result) as DayResult;
  else {
    // Not stored yet (today, or a day nothing triggered): evaluate it now without saving.
    const model = await loadModel(db);
    const [punches, requests] = await Promise.all([
      loadPunches(db, [employee.id], query.date, query.date),
      loadApprovedRequests(db, [employee.id], query.date, query.date),
    ]);
    result = evaluateRange({
      context: model.context,
      employeeId: String(employee.id),
      from: query.date,
      to: query.date,
      punches: punches.get(employee.id) ?? [],
      requests: requests.get(employee.id) ?? [],
      leaveTypes: model.leaveTypes,
    })[0];
  }
  const history = await db
    .selectFrom('day_result_history')
    .selectAll()
    .where('employee_id', '=', employee.id)
    .where('date', '=', query.date)
    .orderBy('version', 'desc')
    .execute();
  // Each version against the one before it: what changed, and the cause of the newer one.
  const versions = [
    ...(stored
      ? [{ version: stored.version, cause: stored.cause, computedAt: stored.computed_at, result }]
      : []),
    ...history.map((h) => ({
      version: h.version,
      cause: h.cause,
      computedAt: h.computed_at,
      result: JSON.parse(h.result) as DayResult,
    })),
  ];
  const changes: { version: number; cause: string; computedAt: string; changes: FieldChange[] }[] =
    versions.map((v, i) => ({
      version: v.version,
      cause: v.cause,
      computedAt: v.computedAt,
      changes: diffDays(versions[i + 1]?.result ?? null, v.result),
    }));
  const w = punchWindow(query.date, query.date);
  const punches = await db
    .selectFrom('punches')
    .select(['id', 'at', 'method', 'note', 'device_id'])
    .where('employee_id', '=', employee.id)
    .where('at', '>=', w.start)
    .where('at', '<', w.end)
    .orderBy('at')
    .execute();
  const requests = await db
    .selectFrom('attendance_requests')
    .select(['id', 'kind', 'status', 'leave_type', 'start_date', 'end_date'])
    .where('employee_id', '=', employee.id)
    .where('start_date', '<=', query.date)
    .where('end_date', '>=', query.date)
    .execute();
  await audit(ctx, actor, {
    action: 'attendance.day',
    targetType: 'employee',
    targetId: employee.id,
    details: { date: query.date },
  });
  return {
    employee: { id: employee.id, employeeNo: employee.employee_no, name: employee.name },
    date: query.date,
    stored: !!stored,
    version: stored?.version ?? null,
    cause: stored?.cause ?? null,
    computedAt: stored?.computed_at ?? null,
    result,
    reasons: rendered(result, locale),
    history: changes,
    punches: punches.map((p) => ({
      id: p.id,
      at: p.at,
      method: p.method,
      note: p.note,
      deviceId: p.device_id,
    })),
    requests: requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      leaveType: r.leave_type,
      startDate: r.start_date,
      endDate: r.end_date,
    })),
  };
}

/** A punch entered by HR (a forgotten card, a broken kiosk): stored as method 'manual', audited, recomputed. */
export async function addManualPunch(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { employeeId: number; at: string; note: string },
): Promise<{ id: number; employeeId: number; at: string; recompute: RecomputeOutcome }> {
  authorize(actor, 'attendance.punch');
  if (!isValidInstant(input.at)) throw invalid('at must be an ISO-8601 instant with a zone offset');
  const at = toIso(parseInstant(input.at));
  if (parseInstant(at) > ctx.now().getTime()) throw invalid('a punch cannot be in the future');
  if (!input.note.trim()) throw invalid('say why the punch is entered by hand');
  const model = await loadModel(ctx.db.kysely);
  const employee = await loadEmployee(ctx.db.kysely, input.employeeId);
  assertCanRead(actor, employee, 'attendance.punch');
  const owning = affectedDays({ kind: 'punch', employeeId: String(employee.id), at }, model.context).map(
    (d) => d.date,
  );
  const id = await writeWithAudit(ctx, actor, async (trx) => {
    await assertMonthsOpen(trx, owning.length ? owning : [at.slice(0, 10)]);
    const row = await trx
      .insertInto('punches')
      .values({
        employee_id: employee.id,
        at,
        site_id: employee.site_id,
        device_id: null,
        method: 'manual',
        direction: null,
        idempotency_key: null,
        device_time: null,
        clock_skew_ms: null,
        match_score: null,
        match_margin: null,
        flags: '[]',
        evidence: null,
        evidence_expires_at: null,
        note: input.note.trim(),
        created_at: nowIso(ctx),
        created_by_user_id: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: row.id,
      audit: {
        action: 'punch.manual',
        targetType: 'employee',
        targetId: employee.id,
        details: { punchId: row.id, at, note: input.note.trim() },
      },
    };
  });
  const days = punchDays(model, employee.id, at, await todayOf(ctx));
  const recompute = await runRecompute(
    ctx,
    actor,
    targetFromDays(days),
    `manual punch #${id} by ${actor.username}`,
  );
  return { id, employeeId: employee.id, at, recompute };
}

export async function recomputeRange(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { from: string; to: string; employeeIds?: number[]; departmentId?: number },
): Promise<RecomputeOutcome> {
  authorize(actor, 'attendance.configure');
  if (!isValidDate(input.from) || !isValidDate(input.to) || input.to < input.from) {
    throw invalid('from and to must be dates, from first');
  }
  const today = await todayOf(ctx);
  const to = [input.to, today].sort()[0]; // never after today
  const model = await loadModel(ctx.db.kysely);
  let ids = input.employeeIds ?? [...model.employees.keys()];
  if (input.departmentId !== undefined) {
    const { rows } = await employeesInScope(ctx.db.kysely, actor, input.departmentId, {
      limit: 1e6,
      offset: 0,
    });
    const set = new Set(rows.map((r) => r.id));
    ids = ids.filter((id) => set.has(id));
  }
  for (const id of ids) if (!model.employees.has(id)) throw notFound('employee', id);
  const outcome = await runRecompute(
    ctx,
    actor,
    targetFromRange(ids, input.from, to),
    `recompute ${input.from}..${to} by ${actor.username}`,
  );
  await audit(ctx, actor, {
    action: 'attendance.recompute',
    details: { from: input.from, to, employees: ids.length, mode: outcome.mode },
  });
  return outcome;
}
