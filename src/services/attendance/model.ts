// The attendance model: everything the engine needs besides punches and requests, loaded from the database
// and turned into the engine's ScheduleContext. Engine ids are strings: employees and groups by their row
// id, shifts by their code, calendars by their row id.
import type { Kysely } from 'kysely';
import type { LeaveType } from '../../core/attendance/leave.js';
import {
  type Assignment,
  type AttendanceGroup,
  createScheduleContext,
  type ScheduleContext,
  type ScheduleOverride,
  type ScheduleVersion,
} from '../../core/attendance/roster.js';
import type { RuleOverrides } from '../../core/attendance/rules.js';
import type { Shift } from '../../core/attendance/shift.js';
import { createCalendar } from '../../core/calendar/calendar.js';
import type { Calendar, CalendarEntry, DayType } from '../../core/calendar/types.js';
import { withDescendants } from '../../core/org/department-tree.js';
import { addDays } from '../../core/time/date.js';
import type { Database } from '../../db/schema.js';
import { configVersion } from './settings.js';

export interface ModelEmployee {
  id: number;
  departmentId: number | null;
  hireDate: string | null;
  terminationDate: string | null;
}

export interface ModelMember {
  groupId: number;
  employeeId: number | null;
  departmentId: number | null;
  from: string;
  to: string | null;
}

export interface ModelGroup {
  id: number;
  name: string;
  zone: string;
  calendarId: number | null;
  rules: RuleOverrides;
  versions: ScheduleVersion[];
  overrides: ScheduleOverride[];
}

/** The stored configuration, before it becomes a context (a rule preview edits this copy). */
export interface RawModel {
  shifts: Shift[];
  groups: ModelGroup[];
  members: ModelMember[];
  calendars: { id: number; weekend: number[]; entries: CalendarEntry[]; daysOff: CalendarEntry[] }[];
  employees: ModelEmployee[];
  departments: { id: number; parentId: number | null }[];
  leaveTypes: LeaveType[];
}

export interface Model {
  raw: RawModel;
  context: ScheduleContext;
  employees: Map<number, ModelEmployee>;
  /** Employee ids per group id (anyone assigned to the group at any date). */
  groupMembers: Map<number, Set<number>>;
  leaveTypes: LeaveType[];
}

export const engineShiftOf = (code: string, definition: string): Shift =>
  ({ ...(JSON.parse(definition) as object), id: code }) as Shift;

export async function loadRawModel(db: Kysely<Database>): Promise<RawModel> {
  const [shifts, groups, members, overrides, calendars, days, employees, departments, leaveTypes] =
    await Promise.all([
      db.selectFrom('shifts').select(['code', 'definition']).execute(),
      db.selectFrom('attendance_groups').selectAll().orderBy('id').execute(),
      db.selectFrom('attendance_group_members').selectAll().orderBy('id').execute(),
      db.selectFrom('schedule_overrides').selectAll().orderBy('id').execute(),
      db.selectFrom('holiday_calendars').select(['id', 'weekend']).orderBy('id').execute(),
      db.selectFrom('calendar_days').selectAll().execute(),
      db.selectFrom('employees').select(['id', 'department_id', 'hire_date', 'termination_date']).execute(),
      db.selectFrom('departments').select(['id', 'parent_id']).execute(),
      db.selectFrom('leave_types').selectAll().execute(),
    ]);
  const overridesByGroup = new Map<number, ScheduleOverride[]>();
  for (const o of overrides) {
    const list = overridesByGroup.get(o.group_id) ?? [];
    list.push({
      date: o.date,
      shift: o.shift_code,
      ...(o.employee_id !== null ? { employeeId: String(o.employee_id) } : {}),
      ...(o.day_type ? { dayType: o.day_type } : {}),
    });
    overridesByGroup.set(o.group_id, list);
  }
  return {
    shifts: shifts.map((s) => engineShiftOf(s.code, s.definition)),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      zone: g.zone,
      calendarId: g.calendar_id,
      rules: JSON.parse(g.rules) as RuleOverrides,
      versions: JSON.parse(g.versions) as ScheduleVersion[],
      overrides: overridesByGroup.get(g.id) ?? [],
    })),
    members: members.map((m) => ({
      groupId: m.group_id,
      employeeId: m.employee_id,
      departmentId: m.department_id,
      from: m.from_date,
      to: m.to_date,
    })),
    calendars: calendars.map((c) => {
      const own = days.filter((d) => d.calendar_id === c.id);
      const entry = (d: (typeof own)[number]): CalendarEntry => ({
        date: d.date,
        type: d.type as DayType,
        ...(d.name ? { name: d.name } : {}),
      });
      return {
        id: c.id,
        weekend: JSON.parse(c.weekend) as number[],
        entries: own.filter((d) => d.kind === 'entry').map(entry),
        daysOff: own.filter((d) => d.kind === 'dayOff').map(entry),
      };
    }),
    employees: employees.map((e) => ({
      id: e.id,
      departmentId: e.department_id,
      hireDate: e.hire_date,
      terminationDate: e.termination_date,
    })),
    departments: departments.map((d) => ({ id: d.id, parentId: d.parent_id })),
    leaveTypes: leaveTypes
      .filter((t) => t.active)
      .map((t) => ({
        id: t.code,
        name: t.name,
        unit: t.unit,
        paid: !!t.paid,
        hasBalance: !!t.has_balance,
      })),
  };
}

/** Cut [from, to] around the given ranges (which win over it). */
function subtractRanges(
  from: string,
  to: string | null,
  cuts: readonly { from: string; to: string | null }[],
): { from: string; to: string | null }[] {
  let pieces: { from: string; to: string | null }[] = [{ from, to }];
  for (const cut of cuts) {
    const next: typeof pieces = [];
    for (const p of pieces) {
      const overlaps = (p.to === null || cut.from <= p.to) && (cut.to === null || p.from <= cut.to);
      if (!overlaps) {
        next.push(p);
        continue;
      }
      if (p.from < cut.from) next.push({ from: p.from, to: addDays(cut.from, -1) });
      if (cut.to !== null && (p.to === null || cut.to < p.to))
        next.push({ from: addDays(cut.to, 1), to: p.to });
    }
    pieces = next;
  }
  return pieces;
}

/**
 * Per-employee assignments: a membership naming the employee wins over one by department; a department
 * membership covers its sub-departments; nobody is evaluated before hiring or after leaving.
 */
export function assignmentsOf(raw: RawModel): Assignment[] {
  const deptSets = raw.members.map((m) =>
    m.departmentId === null ? null : withDescendants(raw.departments, [m.departmentId]),
  );
  const byEmployee = new Map<number, { groupId: number; from: string; to: string | null }[]>();
  raw.members.forEach((m) => {
    if (m.employeeId === null) return;
    const list = byEmployee.get(m.employeeId) ?? [];
    list.push({ groupId: m.groupId, from: m.from, to: m.to });
    byEmployee.set(m.employeeId, list);
  });
  const out: Assignment[] = [];
  for (const e of raw.employees) {
    const own = byEmployee.get(e.id) ?? [];
    const ranges: { groupId: number; from: string; to: string | null }[] = [...own];
    if (e.departmentId !== null) {
      raw.members.forEach((m, i) => {
        const set = deptSets[i];
        if (!set?.has(e.departmentId!)) return;
        for (const piece of subtractRanges(m.from, m.to, own)) ranges.push({ groupId: m.groupId, ...piece });
      });
    }
    for (const r of ranges) {
      const from = e.hireDate && e.hireDate > r.from ? e.hireDate : r.from;
      const to = e.terminationDate && (r.to === null || e.terminationDate < r.to) ? e.terminationDate : r.to;
      if (to !== null && to < from) continue;
      out.push({
        employeeId: String(e.id),
        groupId: String(r.groupId),
        from,
        ...(to !== null ? { to } : {}),
      });
    }
  }
  return out;
}

export function buildModel(raw: RawModel): Model {
  const calendars: Calendar[] = raw.calendars.map((c) =>
    createCalendar({ id: String(c.id), weekend: c.weekend, entries: c.entries, companyDaysOff: c.daysOff }),
  );
  const defaultCalendar = raw.calendars[0]?.id;
  const groups: AttendanceGroup[] = raw.groups.map((g) => ({
    id: String(g.id),
    name: g.name,
    zone: g.zone,
    calendarId: String(g.calendarId ?? defaultCalendar ?? 'default'),
    rules: g.rules,
    versions: g.versions,
    overrides: g.overrides,
  }));
  const assignments = assignmentsOf(raw);
  const groupMembers = new Map<number, Set<number>>();
  for (const a of assignments) {
    const set = groupMembers.get(Number(a.groupId)) ?? new Set<number>();
    set.add(Number(a.employeeId));
    groupMembers.set(Number(a.groupId), set);
  }
  return {
    raw,
    context: createScheduleContext({
      groups,
      shifts: raw.shifts,
      calendars: calendars.length ? calendars : [createCalendar()],
      assignments,
    }),
    employees: new Map(raw.employees.map((e) => [e.id, e])),
    groupMembers,
    leaveTypes: raw.leaveTypes,
  };
}

// One cached model per database, reloaded when the configuration or the employees change.
const cache = new WeakMap<Kysely<Database>, { key: string; model: Model }>();

async function cacheKey(db: Kysely<Database>): Promise<string> {
  // Employees and departments carry change counters kept by triggers (migration 0013): one indexed read
  // instead of counting every employee before each punch's recompute.
  const [version, tables] = await Promise.all([
    configVersion(db),
    db.selectFrom('table_versions').select(['name', 'version']).orderBy('name').execute(),
  ]);
  return `${version}|${tables.map((t) => `${t.name}:${t.version}`).join(',')}`;
}

export async function loadModel(db: Kysely<Database>): Promise<Model> {
  const key = await cacheKey(db);
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.model;
  const model = buildModel(await loadRawModel(db));
  cache.set(db, { key, model });
  return model;
}
