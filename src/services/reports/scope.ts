// The employees a report covers: those the actor may see (a manager: their departments), optionally one
// department with its sub-departments, with department names; and their day results read in chunks.
import type { DayResult } from '../../core/attendance/result.js';
import type { Actor } from '../actor.js';
import { employeesInScope } from '../attendance/results.service.js';
import type { ServiceContext } from '../context.js';

export interface ReportEmployee {
  id: number;
  employeeNo: string;
  name: string;
  departmentId: number | null;
  department: string | null;
}

export async function reportEmployees(
  ctx: ServiceContext,
  actor: Actor,
  departmentId: number | undefined,
): Promise<ReportEmployee[]> {
  const [{ rows }, departments] = await Promise.all([
    employeesInScope(ctx.db.kysely, actor, departmentId, { limit: 1_000_000, offset: 0 }),
    departmentNames(ctx),
  ]);
  return rows.map((r) => ({
    id: r.id,
    employeeNo: r.employee_no,
    name: r.name,
    departmentId: r.department_id,
    department: r.department_id === null ? null : (departments.get(r.department_id) ?? null),
  }));
}

export async function departmentNames(ctx: ServiceContext): Promise<Map<number, string>> {
  const rows = await ctx.db.kysely.selectFrom('departments').select(['id', 'name']).execute();
  return new Map(rows.map((d) => [d.id, d.name]));
}

export const CHUNK = 500;

/**
 * Day results of these employees between two dates, one chunk of employees at a time (so a report for
 * everyone never holds all JSON at once): `each` gets each employee's days in date order.
 */
export async function forEachEmployeeDays(
  ctx: ServiceContext,
  employeeIds: readonly number[],
  from: string,
  to: string,
  each: (employeeId: number, days: DayResult[]) => void,
  progress?: (done: number, total: number) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < employeeIds.length; i += CHUNK) {
    const ids = employeeIds.slice(i, i + CHUNK);
    const rows = await ctx.db.kysely
      .selectFrom('day_results')
      .select(['employee_id', 'result'])
      .where('employee_id', 'in', ids)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('employee_id')
      .orderBy('date')
      .execute();
    const byEmployee = new Map<number, DayResult[]>(ids.map((id) => [id, []]));
    for (const r of rows) byEmployee.get(r.employee_id)?.push(JSON.parse(r.result) as DayResult);
    for (const id of ids) each(id, byEmployee.get(id)!);
    await progress?.(Math.min(i + CHUNK, employeeIds.length), employeeIds.length);
  }
}
