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
 *
 * With `full` false only what a month's totals need is read: a plain day (no lateness, early leave, missing
 * punch, leave, overtime, trip or field work) is rebuilt from its summary columns and its JSON is not read.
 */
export async function forEachEmployeeDays(
  ctx: ServiceContext,
  employeeIds: readonly number[],
  from: string,
  to: string,
  each: (employeeId: number, days: DayResult[]) => void,
  progress?: (done: number, total: number) => Promise<void>,
  full = true,
): Promise<void> {
  for (let i = 0; i < employeeIds.length; i += CHUNK) {
    const ids = employeeIds.slice(i, i + CHUNK);
    const rows = await ctx.db.kysely
      .selectFrom('day_results')
      .select(['employee_id', 'date', 'scheduled_minutes', 'worked_minutes', 'absent'])
      .select((eb) =>
        full
          ? eb.ref('result').as('result')
          : eb
              .case()
              .when(
                eb.or([
                  eb('late_minutes', '>', 0),
                  eb('early_leave_minutes', '>', 0),
                  eb('missing_punches', '>', 0),
                  eb('leave_minutes', '>', 0),
                  eb('overtime_minutes', '>', 0),
                  eb('statuses', 'like', '%businessTrip%'),
                  eb('statuses', 'like', '%fieldWork%'),
                ]),
              )
              .then(eb.ref('result'))
              .else(null)
              .end()
              .as('result'),
      )
      .where('employee_id', 'in', ids)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('employee_id')
      .orderBy('date')
      .execute();
    const byEmployee = new Map<number, DayResult[]>(ids.map((id) => [id, []]));
    for (const r of rows)
      byEmployee.get(r.employee_id)?.push(r.result ? (JSON.parse(r.result) as DayResult) : plainDay(r));
    for (const id of ids) each(id, byEmployee.get(id)!);
    await progress?.(Math.min(i + CHUNK, employeeIds.length), employeeIds.length);
  }
}

/** A day with nothing but scheduled and worked time (and perhaps an absence), from its summary columns. */
function plainDay(r: {
  employee_id: number;
  date: string;
  scheduled_minutes: number;
  worked_minutes: number;
  absent: 'none' | 'half' | 'full';
}): DayResult {
  return {
    employeeId: String(r.employee_id),
    date: r.date,
    scheduledMinutes: r.scheduled_minutes,
    workedMinutes: r.worked_minutes,
    lateMinutes: 0,
    lateCount: 0,
    earlyLeaveMinutes: 0,
    earlyLeaveCount: 0,
    missingIn: 0,
    missingOut: 0,
    absent: r.absent,
    leave: [],
    businessTripMinutes: 0,
    fieldWorkMinutes: 0,
    overtime: [],
  } as unknown as DayResult;
}
