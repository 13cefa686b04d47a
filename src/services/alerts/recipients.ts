// Who the routing names: the employee concerned, the managers of their department (and of the departments
// above it), HR, and the chosen security users.
import type { Kysely } from 'kysely';
import type { Recipient } from '../../core/anomaly/routing.js';
import type { Database } from '../../db/schema.js';

export async function managersOf(db: Kysely<Database>, departmentId: number | null): Promise<number[]> {
  if (departmentId === null) return [];
  const departments = await db.selectFrom('departments').select(['id', 'parent_id']).execute();
  const parent = new Map(departments.map((d) => [d.id, d.parent_id]));
  const chain: number[] = [];
  for (
    let id: number | null | undefined = departmentId;
    id != null && !chain.includes(id);
    id = parent.get(id)
  )
    chain.push(id);
  const rows = await db
    .selectFrom('department_managers')
    .innerJoin('user_roles', 'user_roles.user_id', 'department_managers.user_id')
    .select('department_managers.user_id')
    .where('department_managers.department_id', 'in', chain)
    .where('user_roles.role', '=', 'manager')
    .execute();
  return [...new Set(rows.map((r) => r.user_id))];
}

export async function usersWithRole(db: Kysely<Database>, role: string): Promise<number[]> {
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('users.id')
    .where('user_roles.role', '=', role)
    .where('users.status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

/** The console users to notify (the employee is notified through notifyEmployees, not here). */
export async function staffRecipients(
  db: Kysely<Database>,
  recipients: readonly Recipient[],
  departmentId: number | null,
  securityUserIds: readonly number[],
): Promise<number[]> {
  const out = new Set<number>();
  if (recipients.includes('manager')) for (const id of await managersOf(db, departmentId)) out.add(id);
  if (recipients.includes('hr')) for (const id of await usersWithRole(db, 'hr')) out.add(id);
  if (recipients.includes('security')) for (const id of securityUserIds) out.add(id);
  return [...out];
}
