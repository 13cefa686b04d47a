// Employees: the people who punch. Reads are scoped (a manager sees their departments, an employee themself)
// and audited, since they are personal information.
import type { Kysely } from 'kysely';
import { scopeIncludes } from '../core/access/employee-scope.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../core/errors.js';
import { IDENTIFIED_ATTEMPT_OUTCOMES } from '../core/kiosk/attempt-person.js';
import { withDescendants } from '../core/org/department-tree.js';
import { normaliseDate } from '../core/org/employee-import.js';
import { isEmail, isEmployeeNo, isPhone, isPin } from '../core/org/employee-validation.js';
import type { Database, EmployeeRow } from '../db/schema.js';
import { type Actor, scopeOf } from './actor.js';
import { audit, writeWithAudit } from './audit.service.js';
import { authorize } from './authorize.js';
import { nowIso, type ServiceContext } from './context.js';
import { hashSecret } from './passwords.js';

export type EmployeeStatus = 'active' | 'suspended' | 'terminated';

export interface EmployeeDto {
  id: number;
  employeeNo: string;
  name: string;
  departmentId: number | null;
  positionId: number | null;
  siteId: number | null;
  hireDate: string | null;
  terminationDate: string | null;
  status: EmployeeStatus;
  phone: string | null;
  email: string | null;
  hasPin: boolean;
}

export interface EmployeeInput {
  employeeNo: string;
  name: string;
  departmentId?: number | null;
  positionId?: number | null;
  siteId?: number | null;
  hireDate?: string | null;
  terminationDate?: string | null;
  status?: EmployeeStatus;
  phone?: string | null;
  email?: string | null;
}

export interface EmployeeQuery {
  q?: string;
  departmentId?: number;
  siteId?: number;
  status?: EmployeeStatus;
  limit?: number;
  offset?: number;
}

export const toEmployeeDto = (r: EmployeeRow): EmployeeDto => ({
  id: r.id,
  employeeNo: r.employee_no,
  name: r.name,
  departmentId: r.department_id,
  positionId: r.position_id,
  siteId: r.site_id,
  hireDate: r.hire_date,
  terminationDate: r.termination_date,
  status: r.status,
  phone: r.phone,
  email: r.email,
  hasPin: r.pin_hash !== null,
});

function checkInput(input: Partial<EmployeeInput>) {
  if (input.employeeNo !== undefined && !isEmployeeNo(input.employeeNo.trim())) {
    throw invalid('employeeNo: 1–32 letters, digits, _ or -');
  }
  if (input.name !== undefined && !input.name.trim()) throw invalid('name is required');
  for (const key of ['hireDate', 'terminationDate'] as const) {
    const v = input[key];
    if (v && normaliseDate(v) !== v) throw invalid(`${key} must be a date YYYY-MM-DD`);
  }
  if (input.hireDate && input.terminationDate && input.terminationDate < input.hireDate) {
    throw invalid('terminationDate is before hireDate');
  }
  if (input.email && !isEmail(input.email)) throw invalid('email is not an e-mail address');
  if (input.phone && !isPhone(input.phone)) throw invalid('phone is not a phone number');
}

async function checkRefs(trx: Kysely<Database>, input: Partial<EmployeeInput>) {
  const refs = [
    ['departments', input.departmentId, 'department'],
    ['positions', input.positionId, 'position'],
    ['sites', input.siteId, 'site'],
  ] as const;
  for (const [table, id, what] of refs) {
    if (id == null) continue;
    const found = await trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
    if (!found) throw notFound(what, id);
  }
}

export async function listEmployees(ctx: ServiceContext, actor: Actor | null, query: EmployeeQuery) {
  authorize(actor, 'employees.read');
  const scope = scopeOf(actor);
  let q = ctx.db.kysely.selectFrom('employees');
  if (scope.kind === 'departments') {
    const ids = [...scope.departmentIds];
    const self = scope.selfEmployeeId ?? -1;
    q = q.where((eb) =>
      eb.or([eb('id', '=', self), ...(ids.length > 0 ? [eb('department_id', 'in', ids)] : [])]),
    );
  } else if (scope.kind === 'self') {
    q = q.where('id', '=', scope.employeeId ?? -1);
  }
  if (query.q) {
    const like = `%${query.q.trim()}%`;
    q = q.where((eb) => eb.or([eb('name', 'like', like), eb('employee_no', 'like', like)]));
  }
  if (query.departmentId !== undefined) {
    // A department means it and everything below it.
    const all = await ctx.db.kysely.selectFrom('departments').select(['id', 'parent_id']).execute();
    const ids = withDescendants(
      all.map((d) => ({ id: d.id, parentId: d.parent_id })),
      [query.departmentId],
    );
    q = q.where('department_id', 'in', [...ids]);
  }
  if (query.siteId !== undefined) q = q.where('site_id', '=', query.siteId);
  if (query.status) q = q.where('status', '=', query.status);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('employee_no')
    .limit(Math.min(query.limit ?? 50, 1000))
    .offset(query.offset ?? 0)
    .execute();
  await audit(ctx, actor, {
    action: 'employee.list',
    targetType: 'employee',
    details: { filter: { ...query }, returned: rows.length },
  });
  return { total: Number(total.n), items: rows.map(toEmployeeDto) };
}

async function loadInScope(trx: Kysely<Database>, actor: Actor, id: number): Promise<EmployeeRow> {
  const row = await trx.selectFrom('employees').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('employee', id);
  if (!scopeIncludes(scopeOf(actor), { id: row.id, departmentId: row.department_id })) throw forbidden();
  return row;
}

export async function getEmployee(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
): Promise<EmployeeDto> {
  authorize(actor, 'employees.read');
  const row = await loadInScope(ctx.db.kysely, actor, id);
  await audit(ctx, actor, { action: 'employee.read', targetType: 'employee', targetId: id });
  return toEmployeeDto(row);
}

export async function createEmployee(ctx: ServiceContext, actor: Actor | null, input: EmployeeInput) {
  authorize(actor, 'employees.write');
  checkInput(input);
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const employeeNo = input.employeeNo.trim();
    const dup = await trx
      .selectFrom('employees')
      .select('id')
      .where('employee_no', '=', employeeNo)
      .executeTakeFirst();
    if (dup) throw conflict(`employee number ${employeeNo} exists`);
    await checkRefs(trx, input);
    const row = await trx
      .insertInto('employees')
      .values({
        employee_no: employeeNo,
        name: input.name.trim(),
        department_id: input.departmentId ?? null,
        position_id: input.positionId ?? null,
        site_id: input.siteId ?? null,
        hire_date: input.hireDate ?? null,
        termination_date: input.terminationDate ?? null,
        status: input.status ?? (input.terminationDate ? 'terminated' : 'active'),
        phone: input.phone || null,
        email: input.email || null,
        pin_hash: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toEmployeeDto(row),
      audit: { action: 'employee.create', targetType: 'employee', targetId: row.id, details: { employeeNo } },
    };
  });
}

export async function updateEmployee(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  patch: Partial<EmployeeInput>,
) {
  authorize(actor, 'employees.write');
  checkInput(patch);
  return writeWithAudit(ctx, actor, async (trx) => {
    const before = await loadInScope(trx, actor, id);
    if (patch.employeeNo !== undefined && patch.employeeNo.trim() !== before.employee_no) {
      const dup = await trx
        .selectFrom('employees')
        .select('id')
        .where('employee_no', '=', patch.employeeNo.trim())
        .executeTakeFirst();
      if (dup) throw conflict(`employee number ${patch.employeeNo} exists`);
    }
    await checkRefs(trx, patch);
    const hire = patch.hireDate !== undefined ? patch.hireDate : before.hire_date;
    const term = patch.terminationDate !== undefined ? patch.terminationDate : before.termination_date;
    if (hire && term && term < hire) throw invalid('terminationDate is before hireDate');
    const row = await trx
      .updateTable('employees')
      .set({
        ...(patch.employeeNo !== undefined ? { employee_no: patch.employeeNo.trim() } : {}),
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.departmentId !== undefined ? { department_id: patch.departmentId } : {}),
        ...(patch.positionId !== undefined ? { position_id: patch.positionId } : {}),
        ...(patch.siteId !== undefined ? { site_id: patch.siteId } : {}),
        ...(patch.hireDate !== undefined ? { hire_date: patch.hireDate } : {}),
        ...(patch.terminationDate !== undefined ? { termination_date: patch.terminationDate } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone || null } : {}),
        ...(patch.email !== undefined ? { email: patch.email || null } : {}),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changed = Object.keys(patch);
    return {
      result: toEmployeeDto(row),
      audit: { action: 'employee.update', targetType: 'employee', targetId: id, details: { changed } },
    };
  });
}

/**
 * The tables that hold an employee's attendance history: records the company must keep (attendance and wage
 * records at least two years), which the foreign keys would otherwise delete with the employee. Configuration
 * (group membership, schedules, work profile) and face templates with their consents are not among them, nor
 * are the rows below that the system derived without the person doing anything.
 */
const RECORD_TABLES = [
  'punches',
  'attendance_requests',
  'leave_ledger',
  'assessment_results',
  'assessment_result_history',
  'appeals',
] as const;

/**
 * Day results the attendance engine computed from the schedule (the nightly job and every recompute give each
 * scheduled day one, "absent" without punches) and their earlier versions: derived from the records above, they
 * are no record of their own and are deleted with the employee.
 */
const DERIVED_TABLES = ['day_result_history', 'day_results'] as const;

/**
 * The kinds of attendance record held for an employee, empty for a person who never worked here. A refused kiosk
 * attempt counts only when it identified them (IDENTIFIED_ATTEMPT_OUTCOMES); one naming them only as the closest
 * candidate (an unrecognised face, a wrong PIN for their number) does not.
 */
async function recordsOf(trx: Kysely<Database>, id: number): Promise<string[]> {
  const found: string[] = [];
  for (const table of RECORD_TABLES) {
    const row = await trx
      .selectFrom(table)
      .select('employee_id')
      .where('employee_id', '=', id)
      .limit(1)
      .executeTakeFirst();
    if (row) found.push(table);
  }
  const attempt = await trx
    .selectFrom('punch_attempts')
    .select('employee_id')
    .where('employee_id', '=', id)
    .where('outcome', 'in', [...IDENTIFIED_ATTEMPT_OUTCOMES])
    .limit(1)
    .executeTakeFirst();
  if (attempt) found.push('punch_attempts');
  return found;
}

/**
 * Deletes an employee entered by mistake. Someone with attendance records is refused (employee_has_records):
 * they are terminated instead, and their personal data is removed later by the retention purge. Their computed
 * day results go with them; refused attempts that named them only as a candidate stay in the device's history,
 * naming no one.
 */
export async function deleteEmployee(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'employees.write');
  await writeWithAudit(ctx, actor, async (trx) => {
    // On PostgreSQL, lock the row first: a record being written now (a punch, a request, ...) holds a key-share
    // lock on it through its foreign key, so the check below sees it once committed, and one written after the
    // lock waits and then fails instead of being deleted with the employee. A recompute locks its employees' rows
    // the same way before it writes their day results: the deletes below see what it wrote, or it waits, finds
    // this employee gone and writes the others only. Attempts have no
    // foreign key and take no lock: one written in that moment keeps an id no employee has, which its readers
    // (looking it up in employees) take as no candidate. SQLite runs one write transaction at a time.
    if (ctx.db.dialect === 'postgres') {
      await trx.selectFrom('employees').select('id').where('id', '=', id).forUpdate().execute();
    }
    const row = await loadInScope(trx, actor, id);
    const records = await recordsOf(trx, id);
    if (records.length > 0) {
      throw new AppError('employee_has_records', 409, { employeeNo: row.employee_no }, { records });
    }
    const removed: Record<(typeof DERIVED_TABLES)[number], number> = {
      day_result_history: 0,
      day_results: 0,
    };
    for (const table of DERIVED_TABLES) {
      const done = await trx.deleteFrom(table).where('employee_id', '=', id).executeTakeFirst();
      removed[table] = Number(done.numDeletedRows);
    }
    const unlinked = await trx
      .updateTable('punch_attempts')
      .set({ employee_id: null })
      .where('employee_id', '=', id)
      .executeTakeFirst();
    await trx.updateTable('users').set({ employee_id: null }).where('employee_id', '=', id).execute();
    await trx.deleteFrom('employees').where('id', '=', id).execute();
    return {
      result: undefined,
      audit: {
        action: 'employee.delete',
        targetType: 'employee',
        targetId: id,
        details: {
          employeeNo: row.employee_no,
          dayResultsRemoved: removed.day_results,
          dayResultHistoryRemoved: removed.day_result_history,
          candidateAttemptsUnlinked: Number(unlinked.numUpdatedRows),
        },
      },
    };
  });
}

/** Sets (or clears, with null) the PIN of the non-face punch; only its argon2id hash is kept. */
export async function setEmployeePin(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  pin: string | null,
) {
  authorize(actor, 'employees.write');
  if (pin !== null && !isPin(pin)) throw invalid('the PIN must be 4 to 8 digits');
  const hash = pin === null ? null : await hashSecret(pin);
  await writeWithAudit(ctx, actor, async (trx) => {
    await loadInScope(trx, actor, id);
    await trx
      .updateTable('employees')
      .set({ pin_hash: hash, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    return {
      result: undefined,
      audit: {
        action: pin === null ? 'employee.pin_cleared' : 'employee.pin_set',
        targetType: 'employee',
        targetId: id,
      },
    };
  });
}
