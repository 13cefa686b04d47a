// Attendance groups (考勤组) and their rosters (排班): a weekly schedule or a rotating cycle, versions with
// an effective-from date, per-date overrides (the schedule grid), and which employees belong when.

import { dayInfo } from '../calendar/calendar.js';
import type { Calendar, DayType } from '../calendar/types.js';
import { toEpochDay, weekday } from '../time/date.js';
import type { ShiftSource } from './evaluate-day.js';
import type { RuleOverrides } from './rules.js';
import type { Shift } from './shift.js';

export type WeekdayKey = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
export const WEEKDAY_KEYS: readonly WeekdayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface WeeklySchedule {
  kind: 'weekly';
  /** Shift id per weekday; missing or null is a day off. */
  days: Partial<Record<WeekdayKey, string | null>>;
  /**
   * Follow the holiday calendar (default true): calendar rest days and holidays are off even if the
   * week has a shift, and a weekend day the calendar makes a workday (调休上班) gets `makeUpShift`
   * (default: Monday's shift, else the first shift of the week).
   */
  followCalendar?: boolean;
  makeUpShift?: string;
}

export interface RotatingSchedule {
  kind: 'rotating';
  /** Shift id per day of the cycle, null for a day off: ['day','day','night','night',null,null]. */
  cycle: (string | null)[];
  /** The date that is day 1 of the cycle. */
  anchorDate: string;
  /** Take statutory holidays off instead of working them at 300% (default false). */
  holidaysOff?: boolean;
}

export type Schedule = WeeklySchedule | RotatingSchedule;

export interface ScheduleVersion {
  effectiveFrom: string;
  schedule: Schedule;
}

export interface ScheduleOverride {
  date: string;
  /** The shift for that date, or null for a day off. */
  shift: string | null;
  /** Only this employee (a cell of the schedule grid); omitted: the whole group. */
  employeeId?: string;
  /** Force the day type; default: a statutory holiday stays one, otherwise workday with a shift, rest day without. */
  dayType?: DayType;
}

export interface AttendanceGroup {
  id: string;
  name?: string;
  /** The site's IANA time zone. */
  zone: string;
  calendarId?: string;
  rules?: RuleOverrides;
  versions: ScheduleVersion[];
  overrides?: ScheduleOverride[];
}

/** An employee in a group from a date (the roll-out of face punching for that employee). */
export interface Assignment {
  employeeId: string;
  groupId: string;
  from: string;
  /** Last date in the group, included; open-ended when omitted. */
  to?: string;
}

export interface ScheduleContext {
  groups: ReadonlyMap<string, AttendanceGroup>;
  shifts: ReadonlyMap<string, Shift>;
  calendars: ReadonlyMap<string, Calendar>;
  /** Assignments per employee, sorted by `from`. */
  assignments: ReadonlyMap<string, readonly Assignment[]>;
}

export interface DayPlanInfo {
  employeeId: string;
  date: string;
  groupId: string;
  zone: string;
  dayType: DayType;
  holidayName?: string;
  dayTypeSource: string;
  shift: Shift | null;
  shiftSource?: ShiftSource;
  rules?: RuleOverrides;
}

export function createScheduleContext(input: {
  groups: readonly AttendanceGroup[];
  shifts: readonly Shift[];
  calendars: readonly Calendar[];
  assignments: readonly Assignment[];
}): ScheduleContext {
  const assignments = new Map<string, Assignment[]>();
  for (const a of input.assignments) {
    const list = assignments.get(a.employeeId) ?? [];
    list.push(a);
    assignments.set(a.employeeId, list);
  }
  for (const list of assignments.values()) list.sort((a, b) => (a.from < b.from ? -1 : 1));
  return {
    groups: new Map(
      input.groups.map((g) => [
        g.id,
        { ...g, versions: [...g.versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1)) },
      ]),
    ),
    shifts: new Map(input.shifts.map((s) => [s.id, s])),
    calendars: new Map(input.calendars.map((c) => [c.id, c])),
    assignments,
  };
}

export function assignmentOn(ctx: ScheduleContext, employeeId: string, date: string): Assignment | null {
  const list = ctx.assignments.get(employeeId);
  if (!list) return null;
  let found: Assignment | null = null;
  for (const a of list) {
    if (a.from <= date && (!a.to || date <= a.to)) found = a;
  }
  return found;
}

function versionOn(group: AttendanceGroup, date: string): ScheduleVersion | null {
  let found: ScheduleVersion | null = null;
  for (const v of group.versions) if (v.effectiveFrom <= date) found = v;
  return found;
}

function shiftById(ctx: ScheduleContext, id: string | null | undefined): Shift | null {
  if (id === null || id === undefined) return null;
  const shift = ctx.shifts.get(id);
  if (!shift) throw new RangeError(`unknown shift ${JSON.stringify(id)}`);
  return shift;
}

/** What an employee's date is: group, zone, day type and shift; null when not in any group that day. */
export function resolveDay(ctx: ScheduleContext, employeeId: string, date: string): DayPlanInfo | null {
  const assignment = assignmentOn(ctx, employeeId, date);
  if (!assignment) return null;
  const group = ctx.groups.get(assignment.groupId);
  if (!group) throw new RangeError(`employee ${employeeId}: unknown attendance group ${assignment.groupId}`);
  const calendar = ctx.calendars.get(group.calendarId ?? 'default') ?? ctx.calendars.values().next().value;
  if (!calendar) throw new RangeError(`group ${group.id}: no calendar`);
  const info = dayInfo(calendar, date);
  const base = { employeeId, date, groupId: group.id, zone: group.zone, rules: group.rules };

  const override =
    group.overrides?.find((o) => o.date === date && o.employeeId === employeeId) ??
    group.overrides?.find((o) => o.date === date && o.employeeId === undefined);
  if (override) {
    const shift = shiftById(ctx, override.shift);
    // A shift put on a date makes it a workday, a day off makes it a rest day; statutory holidays stay.
    const dayType =
      override.dayType ??
      (info.type === 'statutoryHoliday' ? 'statutoryHoliday' : shift ? 'workday' : 'restDay');
    return {
      ...base,
      dayType,
      holidayName: info.name,
      dayTypeSource: override.dayType || info.type !== 'statutoryHoliday' ? 'override' : info.source,
      shift,
      shiftSource: 'override',
    };
  }

  const version = versionOn(group, date);
  if (!version) return { ...base, dayType: 'restDay', dayTypeSource: 'roster', shift: null };
  const schedule = version.schedule;
  if (schedule.kind === 'weekly') {
    const weekShift = schedule.days[WEEKDAY_KEYS[weekday(date)]] ?? null;
    if (schedule.followCalendar === false) {
      return {
        ...base,
        dayType: info.type === 'statutoryHoliday' ? 'statutoryHoliday' : weekShift ? 'workday' : 'restDay',
        holidayName: info.name,
        dayTypeSource: info.type === 'statutoryHoliday' ? info.source : 'roster',
        shift: shiftById(ctx, weekShift),
        shiftSource: 'weekly',
      };
    }
    if (info.type !== 'workday') {
      return { ...base, dayType: info.type, holidayName: info.name, dayTypeSource: info.source, shift: null };
    }
    if (weekShift) {
      return {
        ...base,
        dayType: 'workday',
        holidayName: info.name,
        dayTypeSource: info.source,
        shift: shiftById(ctx, weekShift),
        shiftSource: 'weekly',
      };
    }
    if (info.source === 'calendar') {
      // A weekend day the calendar makes a workday (调休上班).
      const makeUp =
        schedule.makeUpShift ??
        schedule.days.mon ??
        WEEKDAY_KEYS.map((k) => schedule.days[k]).find((s) => s) ??
        null;
      return {
        ...base,
        dayType: 'workday',
        holidayName: info.name,
        dayTypeSource: info.source,
        shift: shiftById(ctx, makeUp),
        shiftSource: 'makeUpWorkday',
      };
    }
    return { ...base, dayType: 'restDay', dayTypeSource: 'roster', shift: null };
  }
  // Rotating cycle.
  const n = schedule.cycle.length;
  const index = (((toEpochDay(date) - toEpochDay(schedule.anchorDate)) % n) + n) % n;
  const cycleShift = schedule.cycle[index];
  if (info.type === 'statutoryHoliday') {
    return {
      ...base,
      dayType: 'statutoryHoliday',
      holidayName: info.name,
      dayTypeSource: info.source,
      shift: schedule.holidaysOff ? null : shiftById(ctx, cycleShift),
      shiftSource: 'rotating',
    };
  }
  return {
    ...base,
    dayType: cycleShift ? 'workday' : 'restDay',
    dayTypeSource: 'roster',
    shift: shiftById(ctx, cycleShift),
    shiftSource: 'rotating',
  };
}

export interface Employee {
  id: string;
  name?: string;
  department?: string;
}

export interface GroupMembership {
  groupId: string;
  employees?: string[];
  departments?: string[];
  /** Roll-out: members punch in this group from this date. */
  from: string;
  to?: string;
}

/** Turn group memberships by employee or department into per-employee assignments. */
export function assignmentsFromMemberships(
  employees: readonly Employee[],
  memberships: readonly GroupMembership[],
): Assignment[] {
  const out: Assignment[] = [];
  for (const m of memberships) {
    for (const e of employees) {
      const byId = m.employees?.includes(e.id) ?? false;
      const byDept = e.department !== undefined && (m.departments?.includes(e.department) ?? false);
      if (byId || byDept) out.push({ employeeId: e.id, groupId: m.groupId, from: m.from, to: m.to });
    }
  }
  return out;
}
