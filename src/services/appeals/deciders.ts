// Who decides an appeal's step: the managers of the employee's department (or one above it) for 'manager',
// HR users for 'hr' (admins when there is no HR user).
import type { Kysely } from 'kysely';
import { hasPermission } from '../../core/access/roles.js';
import type { AppealStep } from '../../core/assessment/appeal-flow.js';
import type { Database, EmployeeRow } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { inScope } from '../attendance/access.js';

export async function managersOf(db: Kysely<Database>, e: Pick<EmployeeRow, 'id' | 'department_id'>) {
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

export async function hrUsers(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'r.role'])
    .where('r.role', 'in', ['hr', 'admin'])
    .where('u.status', '=', 'active')
    .execute();
  const hr = rows.filter((r) => r.role === 'hr').map((r) => r.id);
  return [...new Set(hr.length ? hr : rows.map((r) => r.id))];
}

export async function decidersOf(
  db: Kysely<Database>,
  step: AppealStep | null,
  e: Pick<EmployeeRow, 'id' | 'department_id'>,
): Promise<number[]> {
  if (step === null) return [];
  return step === 'manager' ? managersOf(db, e) : hrUsers(db);
}

export function canDecideStep(
  actor: Actor,
  step: AppealStep | null,
  e: Pick<EmployeeRow, 'id' | 'department_id'>,
): boolean {
  if (step === null || !hasPermission(actor.roles, 'appeals.decide')) return false;
  if (e.id === actor.employeeId) return false; // nobody decides their own appeal
  const hr = actor.roles.includes('hr') || actor.roles.includes('admin');
  if (step === 'hr') return hr;
  if (hr) return true;
  return actor.roles.includes('manager') && inScope(actor, e);
}
