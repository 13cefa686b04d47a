// The dashboard (工作台): where everyone in the reader's scope stands today, per department; arrivals per ten
// minutes; kiosks online; open alerts; requests waiting for the reader's decision.
import { hasPermission } from '../../core/access/roles.js';
import { evaluateRange } from '../../core/attendance/range.js';
import type { DayResult } from '../../core/attendance/result.js';
import { deviceState } from '../../core/kiosk/device-status.js';
import { addDays } from '../../core/time/date.js';
import { localDateOf, startOfLocalDay } from '../../core/time/zone.js';
import {
  type ArrivalBucket,
  arrivalBuckets,
  type StateCounts,
  type TodayState,
  tallyByDepartment,
  todayState,
} from '../../core/workspace/today.js';
import type { Actor } from '../actor.js';
import { countOpenAlerts } from '../alerts/summary.js';
import { loadApprovedRequests, loadPunches } from '../attendance/inputs.js';
import { loadModel } from '../attendance/model.js';
import { approvalInbox } from '../attendance/requests.service.js';
import { readSettings } from '../attendance/settings.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { readKioskSettings } from '../kiosk/settings.js';
import { employeeScopeCondition } from './scope.js';

export interface DashboardDto {
  date: string;
  zone: string;
  asOf: string;
  total: StateCounts & { employees: number };
  departments: { id: number | null; name: string | null; employees: number; counts: StateCounts }[];
  arrivals: ArrivalBucket[];
  kiosks: { online: number; total: number } | null;
  alerts: { open: number; bySeverity: Record<string, number> } | null;
  approvals: { waiting: number } | null;
}

/** Today's standing of each active employee in scope, evaluated now (nothing is saved). */
export async function todayStates(ctx: ServiceContext, actor: Actor, today: string) {
  const employees = await ctx.db.kysely
    .selectFrom('employees')
    .select(['employees.id', 'employees.department_id'])
    .where('employees.status', '=', 'active')
    .where((eb) => eb.or([eb('employees.hire_date', 'is', null), eb('employees.hire_date', '<=', today)]))
    .where(employeeScopeCondition(actor))
    .execute();
  return statesOf(ctx, employees, today);
}

/** Employees evaluated per round trip: keeps each query's bound parameters well under both databases' limits. */
const CHUNK = 2000;

/** These employees' standing today, from their punches and approved requests so far. */
export async function statesOf(
  ctx: ServiceContext,
  employees: readonly { id: number; department_id: number | null }[],
  today: string,
) {
  const db = ctx.db.kysely;
  const model = await loadModel(db);
  const nowMs = ctx.now().getTime();
  const out: { employeeId: number; departmentId: number | null; state: TodayState; day: DayResult | null }[] =
    [];
  for (let i = 0; i < employees.length; i += CHUNK) {
    const chunk = employees.slice(i, i + CHUNK);
    const ids = chunk.map((e) => e.id);
    const [punches, requests] = await Promise.all([
      loadPunches(db, ids, today, today),
      loadApprovedRequests(db, ids, today, today),
    ]);
    for (const e of chunk) {
      const [day] = evaluateRange({
        context: model.context,
        employeeId: String(e.id),
        from: today,
        to: today,
        punches: punches.get(e.id) ?? [],
        requests: requests.get(e.id) ?? [],
        leaveTypes: model.leaveTypes,
      });
      out.push({
        employeeId: e.id,
        departmentId: e.department_id,
        state: day ? todayState(day, nowMs) : 'off',
        day: day ?? null,
      });
    }
  }
  return out;
}

export async function dashboard(ctx: ServiceContext, actor: Actor | null): Promise<DashboardDto> {
  authorize(actor, 'attendance.read');
  const db = ctx.db.kysely;
  const { companyZone: zone } = await readSettings(db);
  const now = ctx.now();
  const localToday = localDateOf(now.getTime(), zone);
  const states = await todayStates(ctx, actor, localToday);
  const { total, byDepartment } = tallyByDepartment(states);
  const names = new Map(
    (await db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.id, d.name]),
  );
  const sizes = new Map<number | null, number>();
  for (const s of states) sizes.set(s.departmentId, (sizes.get(s.departmentId) ?? 0) + 1);
  const departments = [...byDepartment.entries()]
    .map(([id, counts]) => ({
      id,
      name: id === null ? null : (names.get(id) ?? null),
      employees: sizes.get(id) ?? 0,
      counts,
    }))
    .sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff'));

  // Each employee's first punch of the local day.
  const dayStart = startOfLocalDay(localToday, zone);
  const dayEnd = startOfLocalDay(addDays(localToday, 1), zone);
  const firsts = await db
    .selectFrom('punches')
    .innerJoin('employees', 'employees.id', 'punches.employee_id')
    .select((eb) => ['punches.employee_id', eb.fn.min<string>('punches.at').as('first')])
    .where('punches.at', '>=', new Date(dayStart).toISOString())
    .where('punches.at', '<', new Date(dayEnd).toISOString())
    .where(employeeScopeCondition(actor))
    .groupBy('punches.employee_id')
    .execute();
  const arrivals = arrivalBuckets(
    firsts.map((f) => Date.parse(f.first)),
    zone,
  );

  let kiosks: DashboardDto['kiosks'] = null;
  let alerts: DashboardDto['alerts'] = null;
  if (hasPermission(actor.roles, 'devices.read')) {
    const settings = await readKioskSettings(db);
    const devices = await db
      .selectFrom('devices')
      .select(['status', 'last_seen_at'])
      .where('status', '=', 'active')
      .execute();
    const online = devices.filter(
      (d) =>
        deviceState(
          d.status,
          d.last_seen_at ? Date.parse(d.last_seen_at) : null,
          now.getTime(),
          settings.offlineAfterMinutes * 60,
        ) === 'online',
    ).length;
    kiosks = { online, total: devices.length };
  }
  if (hasPermission(actor.roles, 'alerts.read')) {
    const open = await countOpenAlerts(ctx, actor);
    alerts = { open: open.total, bySeverity: open.bySeverity };
  }
  const approvals = hasPermission(actor.roles, 'requests.approve')
    ? { waiting: (await approvalInbox(ctx, actor)).total }
    : null;
  return {
    date: localToday,
    zone,
    asOf: now.toISOString(),
    total: { ...total, employees: states.length },
    departments,
    arrivals,
    kiosks,
    alerts,
    approvals,
  };
}

export interface TodayPerson {
  id: number;
  employeeNo: string;
  name: string;
  department: string | null;
  state: TodayState;
  scheduled: string | null;
  punches: string[];
  statuses: string[];
}

/** Who is in one state today (not yet in, late, …), optionally in one department, within the reader's scope. */
export async function todayPeople(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { state: TodayState; departmentId?: number | null },
): Promise<TodayPerson[]> {
  authorize(actor, 'attendance.read');
  const db = ctx.db.kysely;
  const { companyZone: zone } = await readSettings(db);
  const today = localDateOf(ctx.now().getTime(), zone);
  let q = db
    .selectFrom('employees')
    .leftJoin('departments', 'departments.id', 'employees.department_id')
    .select([
      'employees.id',
      'employees.department_id',
      'employees.employee_no',
      'employees.name',
      'departments.name as department',
    ])
    .where('employees.status', '=', 'active')
    .where((eb) => eb.or([eb('employees.hire_date', 'is', null), eb('employees.hire_date', '<=', today)]))
    .where(employeeScopeCondition(actor));
  if (query.departmentId === null) q = q.where('employees.department_id', 'is', null);
  else if (query.departmentId !== undefined) q = q.where('employees.department_id', '=', query.departmentId);
  const employees = await q.orderBy('employees.employee_no').execute();
  const states = await statesOf(ctx, employees, today);
  const byId = new Map(employees.map((e) => [e.id, e]));
  return states
    .filter((s) => s.state === query.state)
    .map((s) => {
      const e = byId.get(s.employeeId)!;
      const day = s.day;
      return {
        id: e.id,
        employeeNo: e.employee_no,
        name: e.name,
        department: e.department ?? null,
        state: s.state,
        scheduled: day?.scheduled ? `${day.scheduled.startTime}–${day.scheduled.endTime}` : null,
        punches: day?.pairs.flatMap((p) => [p.in?.time, p.out?.time].filter((t): t is string => !!t)) ?? [],
        statuses: day?.statuses ?? [],
      };
    });
}
