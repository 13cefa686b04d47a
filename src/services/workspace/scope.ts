// The employees an actor may see, as a condition on a query that has `employees` in it (a manager: their
// departments and themself; an employee: themself), and a department filter that takes in sub-departments.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { forbidden } from '../../core/errors.js';
import { withDescendants } from '../../core/org/department-tree.js';
import type { Database } from '../../db/schema.js';
import { type Actor, scopeOf } from '../actor.js';

export function employeeScopeCondition(actor: Actor): RawBuilder<boolean> {
  const scope = scopeOf(actor);
  const id = sql.ref('employees.id');
  if (scope.kind === 'all') return sql<boolean>`1 = 1`;
  if (scope.kind === 'self') return sql<boolean>`${id} = ${scope.employeeId ?? -1}`;
  const ids = [...scope.departmentIds];
  if (ids.length === 0) return sql<boolean>`${id} = ${scope.selfEmployeeId ?? -1}`;
  return sql<boolean>`(${id} = ${scope.selfEmployeeId ?? -1} or ${sql.ref('employees.department_id')} in (${sql.join(ids)}))`;
}

/** A department with its sub-departments; a manager may only ask for departments they manage. */
export async function departmentWithChildren(
  db: Kysely<Database>,
  actor: Actor,
  departmentId: number,
): Promise<number[]> {
  const scope = scopeOf(actor);
  if (scope.kind === 'self') throw forbidden();
  if (scope.kind === 'departments' && !scope.departmentIds.has(departmentId)) throw forbidden();
  const all = await db.selectFrom('departments').select(['id', 'parent_id']).execute();
  return [
    ...withDescendants(
      all.map((d) => ({ id: d.id, parentId: d.parent_id })),
      [departmentId],
    ),
  ];
}
