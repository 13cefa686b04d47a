// Leave types (请假类型) and balances: statutory annual leave (年休假) accrued by cumulative working years,
// time off in lieu (调休) earned by recomputes from rest-day overtime, HR adjustments, and a ledger of every
// movement.
import type { Kysely } from 'kysely';
import { annualLeaveEntitlement } from '../../core/attendance/leave.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import type { Database, LeaveTypeRow } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { audit, writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { assertCanRead, loadEmployee } from './access.js';
import { bumpConfigVersion, readSettings } from './settings.js';

export type LeaveUnit = 'day' | 'halfDay' | 'hour';
export type Accrual = 'none' | 'statutoryAnnual' | 'timeOffInLieu';

export interface LeaveTypeDto {
  id: number;
  code: string;
  name: string;
  unit: LeaveUnit;
  paid: boolean;
  hasBalance: boolean;
  accrual: Accrual;
  active: boolean;
}

export interface LeaveTypeInput {
  code: string;
  name: string;
  unit: LeaveUnit;
  paid: boolean;
  hasBalance?: boolean;
  accrual?: Accrual;
  active?: boolean;
}

export const toLeaveTypeDto = (r: LeaveTypeRow): LeaveTypeDto => ({
  id: r.id,
  code: r.code,
  name: r.name,
  unit: r.unit,
  paid: !!r.paid,
  hasBalance: !!r.has_balance,
  accrual: r.accrual,
  active: !!r.active,
});

export async function listLeaveTypes(ctx: ServiceContext, actor: Actor | null): Promise<LeaveTypeDto[]> {
  authorize(actor, 'self.read');
  const rows = await ctx.db.kysely.selectFrom('leave_types').selectAll().orderBy('id').execute();
  return rows.map(toLeaveTypeDto);
}

function checkType(input: Partial<LeaveTypeInput>) {
  if (input.code !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(input.code)) {
    throw invalid('code: 1–32 letters, digits, _ or -');
  }
  if (input.accrual && input.accrual !== 'none' && input.hasBalance === false) {
    throw invalid('a leave type that accrues has a balance');
  }
}

export async function createLeaveType(ctx: ServiceContext, actor: Actor | null, input: LeaveTypeInput) {
  authorize(actor, 'attendance.configure');
  checkType(input);
  return writeWithAudit(ctx, actor, async (trx) => {
    const dup = await trx
      .selectFrom('leave_types')
      .select('id')
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (dup) throw conflict(`leave type ${input.code} exists`);
    const now = nowIso(ctx);
    const row = await trx
      .insertInto('leave_types')
      .values({
        code: input.code,
        name: input.name.trim(),
        unit: input.unit,
        paid: input.paid ? 1 : 0,
        has_balance: input.hasBalance || (input.accrual ?? 'none') !== 'none' ? 1 : 0,
        accrual: input.accrual ?? 'none',
        active: input.active === false ? 0 : 1,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await bumpConfigVersion(trx, now); // leave types are part of the cached model
    return {
      result: toLeaveTypeDto(row),
      audit: {
        action: 'leave_type.create',
        targetType: 'leave_type',
        targetId: row.id,
        details: { code: row.code },
      },
    };
  });
}

export async function updateLeaveType(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  patch: Partial<Omit<LeaveTypeInput, 'code'>>,
) {
  authorize(actor, 'attendance.configure');
  checkType(patch);
  return writeWithAudit(ctx, actor, async (trx) => {
    const before = await trx.selectFrom('leave_types').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('leave type', id);
    if (patch.unit && patch.unit !== before.unit) {
      const used = await trx
        .selectFrom('leave_balances')
        .select('id')
        .where('leave_type', '=', before.code)
        .limit(1)
        .execute();
      if (used.length > 0)
        throw conflict(`leave type ${before.code} has balances in ${before.unit}; its unit cannot change`);
    }
    const row = await trx
      .updateTable('leave_types')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
        ...(patch.paid !== undefined ? { paid: patch.paid ? 1 : 0 } : {}),
        ...(patch.hasBalance !== undefined ? { has_balance: patch.hasBalance ? 1 : 0 } : {}),
        ...(patch.accrual !== undefined ? { accrual: patch.accrual } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await bumpConfigVersion(trx, nowIso(ctx)); // leave types are part of the cached model
    return {
      result: toLeaveTypeDto(row),
      audit: {
        action: 'leave_type.update',
        targetType: 'leave_type',
        targetId: id,
        details: { code: row.code, changed: Object.keys(patch) },
      },
    };
  });
}

export interface BalanceDto {
  employeeId: number;
  leaveType: string;
  year: number;
  unit: LeaveUnit;
  granted: number;
  used: number;
  available: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function listBalances(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { employeeId?: number; year?: number },
): Promise<BalanceDto[]> {
  authorize(actor, 'self.read');
  const employeeId = query.employeeId ?? actor.employeeId;
  if (employeeId == null) throw invalid('employeeId is required');
  assertCanRead(actor, await loadEmployee(ctx.db.kysely, employeeId));
  let q = ctx.db.kysely.selectFrom('leave_balances').selectAll().where('employee_id', '=', employeeId);
  if (query.year !== undefined) q = q.where('year', 'in', [query.year, 0]);
  const rows = await q.orderBy('leave_type').orderBy('year').execute();
  await audit(ctx, actor, { action: 'leave_balance.read', targetType: 'employee', targetId: employeeId });
  return rows.map((r) => ({
    employeeId: r.employee_id,
    leaveType: r.leave_type,
    year: r.year,
    unit: r.unit,
    granted: r.granted,
    used: r.used,
    available: round2(r.granted - r.used),
  }));
}

export async function balanceLedger(ctx: ServiceContext, actor: Actor | null, employeeId: number) {
  authorize(actor, 'self.read');
  assertCanRead(actor, await loadEmployee(ctx.db.kysely, employeeId));
  const rows = await ctx.db.kysely
    .selectFrom('leave_ledger')
    .selectAll()
    .where('employee_id', '=', employeeId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    leaveType: r.leave_type,
    year: r.year,
    grantedDelta: r.granted_delta,
    usedDelta: r.used_delta,
    reason: r.reason,
    requestId: r.request_id,
    note: r.note,
    at: r.at,
  }));
}

/** Moves a balance and writes the ledger line (the caller's transaction). */
export async function moveBalance(
  trx: Kysely<Database>,
  m: {
    employeeId: number;
    leaveType: string;
    year: number;
    unit: LeaveUnit;
    granted?: number;
    used?: number;
    reason: 'accrual' | 'approval' | 'cancellation' | 'adjustment';
    requestId?: number | null;
    note?: string | null;
    at: string;
    byUserId: number | null;
  },
) {
  const granted = round2(m.granted ?? 0);
  const used = round2(m.used ?? 0);
  const row = await trx
    .selectFrom('leave_balances')
    .selectAll()
    .where('employee_id', '=', m.employeeId)
    .where('leave_type', '=', m.leaveType)
    .where('year', '=', m.year)
    .executeTakeFirst();
  if (row) {
    await trx
      .updateTable('leave_balances')
      .set({ granted: round2(row.granted + granted), used: round2(row.used + used), updated_at: m.at })
      .where('id', '=', row.id)
      .execute();
  } else {
    await trx
      .insertInto('leave_balances')
      .values({
        employee_id: m.employeeId,
        leave_type: m.leaveType,
        year: m.year,
        unit: m.unit,
        granted,
        used,
        updated_at: m.at,
      })
      .execute();
  }
  await trx
    .insertInto('leave_ledger')
    .values({
      employee_id: m.employeeId,
      leave_type: m.leaveType,
      year: m.year,
      granted_delta: granted,
      used_delta: used,
      reason: m.reason,
      request_id: m.requestId ?? null,
      note: m.note ?? null,
      at: m.at,
      by_user_id: m.byUserId,
    })
    .execute();
}

export async function adjustBalance(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { employeeId: number; leaveType: string; year: number; grantedDelta: number; note: string },
) {
  authorize(actor, 'attendance.configure');
  return writeWithAudit(ctx, actor, async (trx) => {
    await loadEmployee(trx, input.employeeId);
    const type = await trx
      .selectFrom('leave_types')
      .selectAll()
      .where('code', '=', input.leaveType)
      .executeTakeFirst();
    if (!type) throw notFound('leave type', input.leaveType);
    if (!type.has_balance) throw invalid(`leave type ${type.code} has no balance`);
    const year = type.accrual === 'timeOffInLieu' ? 0 : input.year;
    await moveBalance(trx, {
      employeeId: input.employeeId,
      leaveType: type.code,
      year,
      unit: type.unit,
      granted: input.grantedDelta,
      reason: 'adjustment',
      note: input.note,
      at: nowIso(ctx),
      byUserId: actor.userId,
    });
    return {
      result: { ok: true as const },
      audit: {
        action: 'leave_balance.adjust',
        targetType: 'employee',
        targetId: input.employeeId,
        details: { ...input, year },
      },
    };
  });
}

export async function setWorkProfile(
  ctx: ServiceContext,
  actor: Actor | null,
  employeeId: number,
  input: { firstWorkDate: string | null },
) {
  authorize(actor, 'attendance.configure');
  return writeWithAudit(ctx, actor, async (trx) => {
    const e = await loadEmployee(trx, employeeId);
    if (input.firstWorkDate && e.hire_date && input.firstWorkDate > e.hire_date) {
      throw invalid('firstWorkDate is after the hire date');
    }
    await trx
      .insertInto('employee_work_profiles')
      .values({ employee_id: employeeId, first_work_date: input.firstWorkDate, updated_at: nowIso(ctx) })
      .onConflict((oc) =>
        oc
          .column('employee_id')
          .doUpdateSet({ first_work_date: input.firstWorkDate, updated_at: nowIso(ctx) }),
      )
      .execute();
    return {
      result: { employeeId, firstWorkDate: input.firstWorkDate },
      audit: { action: 'work_profile.update', targetType: 'employee', targetId: employeeId, details: input },
    };
  });
}

export async function getWorkProfile(ctx: ServiceContext, actor: Actor | null, employeeId: number) {
  authorize(actor, 'self.read');
  const e = await loadEmployee(ctx.db.kysely, employeeId);
  assertCanRead(actor, e);
  const p = await ctx.db.kysely
    .selectFrom('employee_work_profiles')
    .selectAll()
    .where('employee_id', '=', employeeId)
    .executeTakeFirst();
  return { employeeId, firstWorkDate: p?.first_work_date ?? null };
}

/**
 * Grants each employee the statutory annual leave of the year (by cumulative working years, pro rata for a
 * part year), as a difference to what accrual already granted, so running it again changes nothing.
 */
export async function accrueAnnualLeave(ctx: ServiceContext, actor: Actor, year: number) {
  const settings = await readSettings(ctx.db.kysely);
  const types = await ctx.db.kysely
    .selectFrom('leave_types')
    .selectAll()
    .where('accrual', '=', 'statutoryAnnual')
    .where('active', '=', 1)
    .execute();
  let changed = 0;
  let employees = 0;
  for (const type of types) {
    const rows = await ctx.db.kysely
      .selectFrom('employees')
      .leftJoin('employee_work_profiles', 'employee_work_profiles.employee_id', 'employees.id')
      .select([
        'employees.id',
        'employees.hire_date',
        'employees.termination_date',
        'employee_work_profiles.first_work_date',
      ])
      .where('employees.hire_date', 'is not', null)
      .execute();
    const accrued = await ctx.db.kysely
      .selectFrom('leave_ledger')
      .select(['employee_id', (eb) => eb.fn.sum<number>('granted_delta').as('granted')])
      .where('leave_type', '=', type.code)
      .where('year', '=', year)
      .where('reason', '=', 'accrual')
      .groupBy('employee_id')
      .execute();
    const already = new Map(accrued.map((a) => [a.employee_id, Number(a.granted)]));
    const deltas: { employeeId: number; delta: number; days: number }[] = [];
    for (const e of rows) {
      employees++;
      const entitlement = annualLeaveEntitlement({
        firstWorkDate: e.first_work_date ?? e.hire_date!,
        hireDate: e.hire_date!,
        year,
        ...(e.termination_date ? { leaveDate: e.termination_date } : {}),
        method: settings.annualLeaveMethod,
      });
      const amount = type.unit === 'hour' ? entitlement.days * 8 : entitlement.days;
      const delta = round2(amount - (already.get(e.id) ?? 0));
      if (delta !== 0) deltas.push({ employeeId: e.id, delta, days: entitlement.days });
    }
    for (let i = 0; i < deltas.length; i += 500) {
      const part = deltas.slice(i, i + 500);
      await writeWithAudit(ctx, actor, async (trx) => {
        for (const d of part) {
          await moveBalance(trx, {
            employeeId: d.employeeId,
            leaveType: type.code,
            year,
            unit: type.unit,
            granted: d.delta,
            reason: 'accrual',
            note: `statutory annual leave ${year}: ${d.days} day(s)`,
            at: nowIso(ctx),
            byUserId: actor.userId,
          });
        }
        return {
          result: undefined,
          audit: {
            action: 'leave_balance.accrue',
            targetType: 'leave_type',
            targetId: type.code,
            details: { year, employees: part.length },
          },
        };
      });
      changed += part.length;
    }
  }
  return { year, employees, changed };
}

export async function accrueAnnualLeaveAsUser(ctx: ServiceContext, actor: Actor | null, year: number) {
  authorize(actor, 'attendance.configure');
  return accrueAnnualLeave(ctx, actor, year);
}
