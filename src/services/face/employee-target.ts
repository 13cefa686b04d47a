// The employee a face or consent operation is about, loaded and checked against the actor's scope.
import type { Kysely } from 'kysely';
import { scopeIncludes } from '../../core/access/employee-scope.js';
import { forbidden, notFound } from '../../core/errors.js';
import type { Database, EmployeeRow } from '../../db/schema.js';
import { type Actor, scopeOf } from '../actor.js';

export async function employeeInScope(db: Kysely<Database>, actor: Actor, id: number): Promise<EmployeeRow> {
  const row = await db.selectFrom('employees').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('employee', id);
  if (!scopeIncludes(scopeOf(actor), { id: row.id, departmentId: row.department_id })) throw forbidden();
  return row;
}

/** Parses an id that arrives as text (a path segment checked only after the caller is authorised). */
export function parseId(value: string | number, what: string): number {
  const n = typeof value === 'number' ? value : /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw notFound(what, String(value).slice(0, 40));
  return n;
}
