// Who is acting: a logged-in user (with roles and manager scope) or the system itself (CLI, jobs).
import { type EmployeeScope, employeeScope } from '../core/access/employee-scope.js';
import { isRole, type Role } from '../core/access/roles.js';
import { withDescendants } from '../core/org/department-tree.js';
import type { Db } from '../db/database.js';

export interface Actor {
  kind: 'user' | 'system';
  userId: number | null;
  username: string;
  roles: Role[];
  employeeId: number | null;
  /** Departments managed, sub-departments included. */
  managedDepartmentIds: Set<number>;
  ip: string | null;
  sessionId?: string;
}

export function systemActor(name = 'system'): Actor {
  return {
    kind: 'system',
    userId: null,
    username: name,
    roles: ['admin'],
    employeeId: null,
    managedDepartmentIds: new Set(),
    ip: null,
  };
}

export async function loadActor(
  db: Db,
  userId: number,
  ip: string | null,
  sessionId?: string,
): Promise<Actor | null> {
  const user = await db.kysely
    .selectFrom('users')
    .select(['id', 'username', 'employee_id', 'status'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user?.status !== 'active') return null;
  const roleRows = await db.kysely
    .selectFrom('user_roles')
    .select('role')
    .where('user_id', '=', userId)
    .execute();
  const roles = roleRows.map((r) => r.role).filter(isRole);
  let managed = new Set<number>();
  if (roles.includes('manager')) {
    const direct = await db.kysely
      .selectFrom('department_managers')
      .select('department_id')
      .where('user_id', '=', userId)
      .execute();
    if (direct.length > 0) {
      const all = await db.kysely.selectFrom('departments').select(['id', 'parent_id']).execute();
      managed = withDescendants(
        all.map((d) => ({ id: d.id, parentId: d.parent_id })),
        direct.map((d) => d.department_id),
      );
    }
  }
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    roles,
    employeeId: user.employee_id,
    managedDepartmentIds: managed,
    ip,
    sessionId,
  };
}

export function scopeOf(actor: Actor): EmployeeScope {
  return employeeScope(actor.roles, actor.managedDepartmentIds, actor.employeeId);
}
