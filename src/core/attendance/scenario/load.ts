// Reading a scenario: schema validation, then checks the schema cannot express (references, real dates,
// time zones, leave units), then compiling it into the engine's inputs.

import { createCalendar } from '../../calendar/calendar.js';
import { chinaCalendar } from '../../calendar/china.js';
import type { Calendar, CalendarEntry } from '../../calendar/types.js';
import { isValidClock } from '../../time/clock.js';
import { isValidDate } from '../../time/date.js';
import { parseInstant } from '../../time/instant.js';
import { fromLocal, isValidTimeZone, localDateOf } from '../../time/zone.js';
import { BUILTIN_LEAVE_TYPES, type LeaveType, leaveUnitProblem } from '../leave.js';
import type { Punch } from '../punches.js';
import type { DayRequest } from '../requests.js';
import { isDateRange, requestProblems } from '../requests.js';
import {
  type Assignment,
  type AttendanceGroup,
  assignmentOn,
  assignmentsFromMemberships,
  createScheduleContext,
  type Schedule,
  type ScheduleContext,
  type ScheduleOverride,
} from '../roster.js';
import type { RuleOverrides } from '../rules.js';
import { type Shift, shiftProblems } from '../shift.js';
import { type SchemaError, validateJson } from './json-schema.js';
import { scenarioSchema } from './schema.js';

export interface ScenarioGroup {
  id: string;
  name?: string;
  zone?: string;
  rules?: RuleOverrides;
  schedule?: Schedule;
  versions?: { effectiveFrom: string; schedule: Schedule }[];
  overrides?: ScheduleOverride[];
  members?: { employees?: string[]; departments?: string[]; from?: string; to?: string };
}

export interface Scenario {
  name?: string;
  description?: string;
  period?: { from: string; to: string };
  zone?: string;
  rules?: RuleOverrides;
  calendar?: {
    bundled?: number[];
    weekend?: number[];
    entries?: CalendarEntry[];
    companyDaysOff?: (string | { date: string; name?: string })[];
  };
  shifts: Shift[];
  leaveTypes?: LeaveType[];
  groups: ScenarioGroup[];
  employees: { id: string; name?: string; department?: string; group?: string }[];
  assignments?: Assignment[];
  punches?: (Omit<Punch, 'at'> & { employeeId: string; at: string | number })[];
  requests?: (DayRequest & { employeeId: string })[];
}

export interface CompiledScenario {
  name: string;
  period: { from: string; to: string };
  context: ScheduleContext;
  employees: { id: string; name?: string; department?: string }[];
  leaveTypes: LeaveType[];
  punches: Map<string, Punch[]>;
  requests: Map<string, DayRequest[]>;
}

export class ScenarioError extends Error {
  constructor(readonly errors: SchemaError[]) {
    super(`invalid scenario:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

const FAR_PAST = '1900-01-01';
const LOCAL_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

/** Validate and compile; throws ScenarioError listing every problem found. */
export function loadScenario(input: unknown): CompiledScenario {
  const schemaErrors = validateJson(scenarioSchema, input);
  if (schemaErrors.length) throw new ScenarioError(schemaErrors);
  const s = input as Scenario;
  const errors: SchemaError[] = [];
  const err = (path: string, message: string): void => {
    errors.push({ path, message });
  };
  const date = (path: string, value: string | undefined) => {
    if (value !== undefined && !isValidDate(value))
      err(path, `${JSON.stringify(value)} is not a calendar date`);
  };

  const defaultZone = s.zone ?? 'Asia/Shanghai';
  if (!isValidTimeZone(defaultZone)) err('$.zone', `unknown IANA time zone ${JSON.stringify(defaultZone)}`);
  date('$.period.from', s.period?.from);
  date('$.period.to', s.period?.to);
  if (s.period && s.period.to < s.period.from) err('$.period', 'to is before from');

  // Calendar.
  let calendar: Calendar = createCalendar();
  try {
    const bundled = s.calendar?.bundled ?? [2025, 2026];
    const base = bundled.length ? [...chinaCalendar(bundled).entries.values()] : [];
    for (const [i, e] of (s.calendar?.entries ?? []).entries()) date(`$.calendar.entries[${i}].date`, e.date);
    for (const [i, d] of (s.calendar?.companyDaysOff ?? []).entries()) {
      date(`$.calendar.companyDaysOff[${i}]`, typeof d === 'string' ? d : d.date);
    }
    if (!errors.length) {
      calendar = createCalendar({
        id: 'default',
        weekend: s.calendar?.weekend,
        entries: [...base, ...(s.calendar?.entries ?? [])],
        companyDaysOff: s.calendar?.companyDaysOff?.map((d) =>
          typeof d === 'string' ? d : { date: d.date, type: 'restDay' as const, name: d.name },
        ),
      });
    }
  } catch (e) {
    err('$.calendar', (e as Error).message);
  }

  // Shifts.
  const shiftIds = new Set<string>();
  s.shifts.forEach((shift, i) => {
    if (shiftIds.has(shift.id)) err(`$.shifts[${i}].id`, `duplicate shift id ${JSON.stringify(shift.id)}`);
    shiftIds.add(shift.id);
    for (const p of shiftProblems(shift)) err(`$.shifts[${i}]`, p);
    const clocks: [string, string | undefined][] =
      shift.kind === 'fixed'
        ? [['halfDaySplit', shift.halfDaySplit]]
        : shift.kind === 'flexible'
          ? [
              ['earliestStart', shift.earliestStart],
              ['latestStart', shift.latestStart],
            ]
          : [];
    for (const [key, v] of clocks)
      if (v !== undefined && !isValidClock(v)) err(`$.shifts[${i}].${key}`, `${v} is not a time of day`);
  });
  const shiftRef = (path: string, id: string | null | undefined) => {
    if (id !== null && id !== undefined && !shiftIds.has(id))
      err(path, `unknown shift ${JSON.stringify(id)}`);
  };

  // Employees.
  const employeeIds = new Set<string>();
  s.employees.forEach((e, i) => {
    if (employeeIds.has(e.id)) err(`$.employees[${i}].id`, `duplicate employee id ${JSON.stringify(e.id)}`);
    employeeIds.add(e.id);
  });
  const employeeRef = (path: string, id: string | undefined) => {
    if (id !== undefined && !employeeIds.has(id)) err(path, `unknown employee ${JSON.stringify(id)}`);
  };

  // Groups.
  const groupIds = new Set<string>();
  const groups: AttendanceGroup[] = [];
  s.groups.forEach((g, i) => {
    const at = `$.groups[${i}]`;
    if (groupIds.has(g.id)) err(`${at}.id`, `duplicate group id ${JSON.stringify(g.id)}`);
    groupIds.add(g.id);
    const zone = g.zone ?? defaultZone;
    if (!isValidTimeZone(zone)) err(`${at}.zone`, `unknown IANA time zone ${JSON.stringify(zone)}`);
    if (!g.schedule && !g.versions?.length) err(at, 'needs a schedule or versions');
    const versions = g.versions?.length
      ? g.versions
      : g.schedule
        ? [{ effectiveFrom: FAR_PAST, schedule: g.schedule }]
        : [];
    versions.forEach((v, j) => {
      const vp = g.versions?.length ? `${at}.versions[${j}]` : `${at}.schedule`;
      date(`${vp}.effectiveFrom`, v.effectiveFrom);
      const sch = v.schedule;
      const sp = g.versions?.length ? `${vp}.schedule` : vp;
      if (sch.kind === 'weekly') {
        for (const [day, id] of Object.entries(sch.days)) shiftRef(`${sp}.days.${day}`, id);
        shiftRef(`${sp}.makeUpShift`, sch.makeUpShift);
      } else {
        for (const [k, id] of sch.cycle.entries()) shiftRef(`${sp}.cycle[${k}]`, id);
        date(`${sp}.anchorDate`, sch.anchorDate);
      }
    });
    g.overrides?.forEach((o, j) => {
      date(`${at}.overrides[${j}].date`, o.date);
      shiftRef(`${at}.overrides[${j}].shift`, o.shift);
      employeeRef(`${at}.overrides[${j}].employeeId`, o.employeeId);
    });
    for (const [j, id] of (g.members?.employees ?? []).entries())
      employeeRef(`${at}.members.employees[${j}]`, id);
    date(`${at}.members.from`, g.members?.from);
    date(`${at}.members.to`, g.members?.to);
    groups.push({
      id: g.id,
      name: g.name,
      zone,
      calendarId: 'default',
      rules: { ...(s.rules ?? {}), ...(g.rules ?? {}) },
      versions,
      overrides: g.overrides,
    });
  });
  const groupRef = (path: string, id: string | undefined) => {
    if (id !== undefined && !groupIds.has(id)) err(path, `unknown group ${JSON.stringify(id)}`);
  };

  // Assignments: employees[].group, group members, explicit assignments.
  const assignments: Assignment[] = [];
  s.employees.forEach((e, i) => {
    groupRef(`$.employees[${i}].group`, e.group);
    if (e.group) assignments.push({ employeeId: e.id, groupId: e.group, from: FAR_PAST });
  });
  assignments.push(
    ...assignmentsFromMemberships(
      s.employees,
      s.groups
        .filter((g) => g.members)
        .map((g) => ({
          groupId: g.id,
          employees: g.members!.employees,
          departments: g.members!.departments,
          from: g.members!.from ?? FAR_PAST,
          to: g.members!.to,
        })),
    ),
  );
  s.assignments?.forEach((a, i) => {
    employeeRef(`$.assignments[${i}].employeeId`, a.employeeId);
    groupRef(`$.assignments[${i}].groupId`, a.groupId);
    date(`$.assignments[${i}].from`, a.from);
    date(`$.assignments[${i}].to`, a.to);
    assignments.push(a);
  });
  const assigned = new Set(assignments.map((a) => a.employeeId));
  s.employees.forEach((e, i) => {
    if (!assigned.has(e.id)) {
      err(
        `$.employees[${i}]`,
        `employee ${e.id} is in no group (set "group", a group's members, or an assignment)`,
      );
    }
  });

  const leaveTypes = new Map<string, LeaveType>(BUILTIN_LEAVE_TYPES.map((t) => [t.id, t]));
  for (const t of s.leaveTypes ?? []) leaveTypes.set(t.id, t);

  if (errors.length) throw new ScenarioError(errors);
  const context = createScheduleContext({ groups, shifts: s.shifts, calendars: [calendar], assignments });

  // The zone a local time is read in: the employee's group on that date.
  const zoneOn = (employeeId: string, day: string) => {
    const a = assignmentOn(context, employeeId, day);
    return (a && context.groups.get(a.groupId)?.zone) ?? defaultZone;
  };
  const instant = (path: string, employeeId: string, value: string | number): number | null => {
    try {
      if (typeof value === 'string') {
        const m = LOCAL_RE.exec(value);
        if (m) {
          if (!isValidDate(m[1])) throw new RangeError(`${m[1]} is not a calendar date`);
          const ms = Number(m[4] ?? 0) * 1000 + Number((m[5] ?? '0').slice(0, 3).padEnd(3, '0'));
          return fromLocal(m[1], Number(m[2]) * 60 + Number(m[3]), zoneOn(employeeId, m[1])) + ms;
        }
        return parseInstant(value.replace(' ', 'T'));
      }
      return parseInstant(value);
    } catch (e) {
      err(path, (e as Error).message);
      return null;
    }
  };

  const punches = new Map<string, Punch[]>();
  s.punches?.forEach((p, i) => {
    employeeRef(`$.punches[${i}].employeeId`, p.employeeId);
    const at = instant(`$.punches[${i}].at`, p.employeeId, p.at);
    if (at === null) return;
    const list = punches.get(p.employeeId) ?? [];
    list.push({ ...p, at, id: p.id ?? `p${i + 1}` });
    punches.set(p.employeeId, list);
  });

  const requests = new Map<string, DayRequest[]>();
  const requestIds = new Set<string>();
  s.requests?.forEach((raw, i) => {
    const at = `$.requests[${i}]`;
    employeeRef(`${at}.employeeId`, raw.employeeId);
    if (requestIds.has(raw.id)) err(`${at}.id`, `duplicate request id ${JSON.stringify(raw.id)}`);
    requestIds.add(raw.id);
    const r = { ...raw } as DayRequest & Record<string, unknown>;
    if (r.kind === 'punchCorrection') {
      const t = instant(`${at}.at`, raw.employeeId, r.at as string | number);
      if (t === null) return;
      r.at = t;
    } else if (r.kind === 'overtime' || !isDateRange(r as never)) {
      const range = r as unknown as { start: string | number; end: string | number };
      const start = instant(`${at}.start`, raw.employeeId, range.start);
      const end = instant(`${at}.end`, raw.employeeId, range.end);
      if (start === null || end === null) return;
      range.start = start;
      range.end = end;
    } else {
      date(`${at}.startDate`, (r as { startDate: string }).startDate);
      date(`${at}.endDate`, (r as { endDate: string }).endDate);
    }
    for (const p of requestProblems(r)) err(at, p);
    if (r.kind === 'leave') {
      const type = leaveTypes.get(r.leaveType);
      if (!type) err(`${at}.leaveType`, `unknown leave type ${JSON.stringify(r.leaveType)}`);
      else {
        const problem = leaveUnitProblem(type, r);
        if (problem) err(at, problem);
      }
    }
    const list = requests.get(raw.employeeId) ?? [];
    list.push(r);
    requests.set(raw.employeeId, list);
  });
  if (errors.length) throw new ScenarioError(errors);

  const period = s.period ?? derivePeriod(punches, requests, zoneOn);
  if (!period) {
    throw new ScenarioError([
      { path: '$.period', message: 'is missing and there are no punches or requests to derive it from' },
    ]);
  }
  return {
    name: s.name ?? 'scenario',
    period,
    context,
    employees: s.employees.map(({ id, name, department }) => ({ id, name, department })),
    leaveTypes: [...leaveTypes.values()],
    punches,
    requests,
  };
}

function derivePeriod(
  punches: Map<string, Punch[]>,
  requests: Map<string, DayRequest[]>,
  zoneOn: (employeeId: string, day: string) => string,
): { from: string; to: string } | null {
  const dates: string[] = [];
  const local = (employeeId: string, ms: number) => {
    const guess = new Date(ms).toISOString().slice(0, 10);
    return localDateOf(ms, zoneOn(employeeId, guess));
  };
  for (const [employeeId, list] of punches)
    for (const p of list) dates.push(local(employeeId, p.at as number));
  for (const [employeeId, list] of requests) {
    for (const r of list) {
      if (r.kind === 'punchCorrection') dates.push(local(employeeId, r.at as number));
      else if (r.kind !== 'overtime' && isDateRange(r)) dates.push(r.startDate, r.endDate);
      else dates.push(local(employeeId, r.start as number), local(employeeId, r.end as number));
    }
  }
  if (!dates.length) return null;
  dates.sort();
  return { from: dates[0], to: dates[dates.length - 1] };
}
