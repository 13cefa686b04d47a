// Who may see or change an employee's attendance, and the month lock that freezes closed months.
import type { Kysely } from 'kysely';
import { scopeIncludes } from '../../core/access/employee-scope.js';
import { hasPermission, type Permission } from '../../core/access/roles.js';
import { AppError, forbidden, notFound } from '../../core/errors.js';
import type { Database, EmployeeRow } from '../../db/schema.js';
import { type Actor, scopeOf } from '../actor.js';

export async function loadEmployee(db: Kysely<Database>, id: number): Promise<EmployeeRow> {
  const row = await db.selectFrom('employees').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('employee', id);
  return row;
}

export const inScope = (actor: Actor, e: { id: number; department_id: number | null }) =>
  scopeIncludes(scopeOf(actor), { id: e.id, departmentId: e.department_id });

/**
 * Reading an employee's attendance: with `permission` within the actor's scope (a manager: their
 * departments), or one's own records with self.read.
 */
export function assertCanRead(
  actor: Actor,
  e: { id: number; department_id: number | null },
  permission: Permission = 'attendance.read',
) {
  if (hasPermission(actor.roles, permission) && inScope(actor, e)) return;
  if (actor.employeeId !== null && actor.employeeId === e.id && hasPermission(actor.roles, 'self.read'))
    return;
  throw forbidden();
}

/** Months 'YYYY-MM' of the given dates that are closed. */
export async function closedAmong(db: Kysely<Database>, dates: Iterable<string>): Promise<string[]> {
  const months = [...new Set([...dates].map((d) => d.slice(0, 7)))];
  if (months.length === 0) return [];
  const rows = await db
    .selectFrom('month_locks')
    .select('month')
    .where('status', '=', 'closed')
    .where('month', 'in', months)
    .execute();
  return rows.map((r) => r.month).sort();
}

/** Refuses a change that touches a closed month (月结): HR must reopen it first. */
export async function assertMonthsOpen(db: Kysely<Database>, dates: Iterable<string>): Promise<void> {
  const closed = await closedAmong(db, dates);
  if (closed.length > 0) throw new AppError('month_closed', 409, { month: closed.join(', ') });
}
