// Attendance groups (考勤组): zone, calendar, rules, schedule versions (weekly or rotating, each with an
// effective-from date), members (employees or whole departments, from a roll-out date) and the schedule
// grid's per-date overrides.
import type { Kysely } from 'kysely';
import { planDay } from '../../core/attendance/range.js';
import type { ScheduleVersion } from '../../core/attendance/roster.js';
import type { RuleOverrides } from '../../core/attendance/rules.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { datesInRange, daysBetween } from '../../core/time/date.js';
import { isValidTimeZone } from '../../core/time/zone.js';
import type { AttendanceGroupRow, Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { assertMonthsOpen, inScope } from './access.js';
import { configChange } from './config-change.js';
import { loadModel } from './model.js';
import { checkRules, checkVersions } from './validation.js';

type DayType = 'workday' | 'restDay' | 'statutoryHoliday';

export interface MemberDto {
  employeeId: number | null;
  departmentId: number | null;
  from: string;
  to: string | null;
}

export interface GroupDto {
  id: number;
  name: string;
  zone: string;
  calendarId: number | null;
  rules: RuleOverrides;
  versions: ScheduleVersion[];
  members: MemberDto[];
  /** Employees the members resolve to today or later. */
  employeeCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface GroupInput {
  name: string;
  zone: string;
  calendarId?: number | null;
  rules?: RuleOverrides;
  versions?: ScheduleVersion[];
}

async function toGroupDto(ctx: ServiceContext, r: AttendanceGroupRow, db: Kysely<Database> = ctx.db.kysely) {
  const members = await db
    .selectFrom('attendance_group_members')
    .selectAll()
    .where('group_id', '=', r.id)
    .orderBy('id')
    .execute();
  // Inside a transaction read through it: SQLite has one connection, held by the transaction.
  const model = await loadModel(db);
  return {
    id: r.id,
    name: r.name,
    zone: r.zone,
    calendarId: r.calendar_id,
    rules: JSON.parse(r.rules) as RuleOverrides,
    versions: JSON.parse(r.versions) as ScheduleVersion[],
    members: members.map((m) => ({
      employeeId: m.employee_id,
      departmentId: m.department_id,
      from: m.from_date,
      to: m.to_date,
    })),
    employeeCount: model.groupMembers.get(r.id)?.size ?? 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  } satisfies GroupDto;
}

async function checkGroupInput(trx: Kysely<Database>, input: Partial<GroupInput>) {
  if (input.name !== undefined && !input.name.trim()) throw invalid('name is required');
  if (input.zone !== undefined && !isValidTimeZone(input.zone))
    throw invalid(`unknown time zone ${input.zone}`);
  if (input.rules !== undefined) checkRules(input.rules);
  if (input.calendarId != null) {
    const cal = await trx
      .selectFrom('holiday_calendars')
      .select('id')
      .where('id', '=', input.calendarId)
      .executeTakeFirst();
    if (!cal) throw notFound('calendar', input.calendarId);
  }
  if (input.versions !== undefined) {
    const codes = new Set((await trx.selectFrom('shifts').select('code').execute()).map((s) => s.code));
    checkVersions(input.versions, codes);
  }
}

export async function listGroups(ctx: ServiceContext, actor: Actor | null): Promise<GroupDto[]> {
  authorize(actor, 'attendance.read');
  const rows = await ctx.db.kysely.selectFrom('attendance_groups').selectAll().orderBy('name').execute();
  return Promise.all(rows.map((r) => toGroupDto(ctx, r)));
}

async function loadGroup(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom('attendance_groups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('attendance group', id);
  return row;
}

export async function getGroup(ctx: ServiceContext, actor: Actor | null, id: number): Promise<GroupDto> {
  authorize(actor, 'attendance.read');
  return toGroupDto(ctx, await loadGroup(ctx.db.kysely, id));
}

/** The earliest effective-from date that differs between two version lists. */
function firstVersionChange(a: ScheduleVersion[], b: ScheduleVersion[]): string | undefined {
  const key = (v: ScheduleVersion) => JSON.stringify(v);
  const ka = new Set(a.map(key));
  const kb = new Set(b.map(key));
  const dates = [...a.filter((v) => !kb.has(key(v))), ...b.filter((v) => !ka.has(key(v)))].map(
    (v) => v.effectiveFrom,
  );
  return dates.sort()[0];
}

export async function createGroup(ctx: ServiceContext, actor: Actor | null, input: GroupInput) {
  authorize(actor, 'attendance.configure');
  return configChange(ctx, actor, `group ${input.name} created`, async (trx) => {
    await checkGroupInput(trx, input);
    const dup = await trx
      .selectFrom('attendance_groups')
      .select('id')
      .where('name', '=', input.name.trim())
      .executeTakeFirst();
    if (dup) throw conflict(`group ${input.name} exists`);
    const now = nowIso(ctx);
    const row = await trx
      .insertInto('attendance_groups')
      .values({
        name: input.name.trim(),
        zone: input.zone,
        calendar_id: input.calendarId ?? null,
        rules: JSON.stringify(input.rules ?? {}),
        versions: JSON.stringify(input.versions ?? []),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: await toGroupDto(ctx, row, trx),
      audit: {
        action: 'group.create',
        targetType: 'attendance_group',
        targetId: row.id,
        details: { name: row.name },
      },
      scope: { employeeIds: [] },
    };
  });
}

export async function updateGroup(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  patch: Partial<GroupInput>,
) {
  authorize(actor, 'attendance.configure');
  return configChange(ctx, actor, `group #${id} changed`, async (trx) => {
    const before = await loadGroup(trx, id);
    await checkGroupInput(trx, patch);
    if (patch.name !== undefined && patch.name.trim() !== before.name) {
      const dup = await trx
        .selectFrom('attendance_groups')
        .select('id')
        .where('name', '=', patch.name.trim())
        .executeTakeFirst();
      if (dup) throw conflict(`group ${patch.name} exists`);
    }
    const from = patch.versions
      ? firstVersionChange(JSON.parse(before.versions) as ScheduleVersion[], patch.versions)
      : undefined;
    const row = await trx
      .updateTable('attendance_groups')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.zone !== undefined ? { zone: patch.zone } : {}),
        ...(patch.calendarId !== undefined ? { calendar_id: patch.calendarId } : {}),
        ...(patch.rules !== undefined ? { rules: JSON.stringify(patch.rules) } : {}),
        ...(patch.versions !== undefined ? { versions: JSON.stringify(patch.versions) } : {}),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: await toGroupDto(ctx, row, trx),
      audit: {
        action: 'group.update',
        targetType: 'attendance_group',
        targetId: id,
        details: { changed: Object.keys(patch), ...(patch.rules ? { rules: patch.rules } : {}) },
      },
      scope: {
        groupIds: [id],
        ...(from && !patch.rules && !patch.zone && patch.calendarId === undefined ? { from } : {}),
      },
    };
  });
}

export async function deleteGroup(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'attendance.configure');
  return configChange(ctx, actor, `group #${id} deleted`, async (trx) => {
    const row = await loadGroup(trx, id);
    await trx.deleteFrom('attendance_groups').where('id', '=', id).execute();
    return {
      result: { ok: true as const },
      audit: {
        action: 'group.delete',
        targetType: 'attendance_group',
        targetId: id,
        details: { name: row.name },
      },
      scope: { groupIds: [id] },
    };
  });
}

export async function setMembers(ctx: ServiceContext, actor: Actor | null, id: number, members: MemberDto[]) {
  authorize(actor, 'attendance.configure');
  members.forEach((m, i) => {
    if ((m.employeeId == null) === (m.departmentId == null)) {
      throw invalid(`members[${i}]: give either employeeId or departmentId`);
    }
    if (m.to && m.to < m.from) throw invalid(`members[${i}]: to is before from`);
  });
  return configChange(ctx, actor, `group #${id} members changed`, async (trx) => {
    await loadGroup(trx, id);
    for (const m of members) {
      const table = m.employeeId != null ? 'employees' : 'departments';
      const refId = (m.employeeId ?? m.departmentId)!;
      const found = await trx.selectFrom(table).select('id').where('id', '=', refId).executeTakeFirst();
      if (!found) throw notFound(m.employeeId != null ? 'employee' : 'department', refId);
    }
    const old = await trx
      .selectFrom('attendance_group_members')
      .selectAll()
      .where('group_id', '=', id)
      .execute();
    await trx.deleteFrom('attendance_group_members').where('group_id', '=', id).execute();
    if (members.length > 0) {
      await trx
        .insertInto('attendance_group_members')
        .values(
          members.map((m) => ({
            group_id: id,
            employee_id: m.employeeId ?? null,
            department_id: m.departmentId ?? null,
            from_date: m.from,
            to_date: m.to ?? null,
          })),
        )
        .execute();
    }
    const from = [...old.map((m) => m.from_date), ...members.map((m) => m.from)].sort()[0];
    return {
      result: { ok: true as const, members: members.length },
      audit: {
        action: 'group.members',
        targetType: 'attendance_group',
        targetId: id,
        details: { before: old.length, after: members.length },
      },
      scope: { groupIds: [id], ...(from ? { from } : {}) },
    };
  });
}

export interface OverrideCell {
  date: string;
  employeeId?: number | null;
  shift: string | null;
  dayType?: DayType | null;
}

export async function setOverrides(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  input: { set?: OverrideCell[]; remove?: { date: string; employeeId?: number | null }[] },
) {
  authorize(actor, 'attendance.configure');
  const set = input.set ?? [];
  const remove = input.remove ?? [];
  const dates = [...set, ...remove].map((c) => c.date);
  if (dates.length === 0) throw invalid('nothing to set or remove');
  return configChange(ctx, actor, `schedule of group #${id} changed`, async (trx) => {
    await loadGroup(trx, id);
    await assertMonthsOpen(trx, dates);
    const codes = new Set((await trx.selectFrom('shifts').select('code').execute()).map((s) => s.code));
    for (const c of set)
      if (c.shift !== null && !codes.has(c.shift)) throw invalid(`unknown shift ${c.shift}`);
    for (const c of [...set, ...remove]) {
      let q = trx.deleteFrom('schedule_overrides').where('group_id', '=', id).where('date', '=', c.date);
      q =
        c.employeeId != null ? q.where('employee_id', '=', c.employeeId) : q.where('employee_id', 'is', null);
      await q.execute();
    }
    if (set.length > 0) {
      await trx
        .insertInto('schedule_overrides')
        .values(
          set.map((c) => ({
            group_id: id,
            date: c.date,
            employee_id: c.employeeId ?? null,
            shift_code: c.shift,
            day_type: c.dayType ?? null,
          })),
        )
        .execute();
    }
    const employees = [...set, ...remove].every((c) => c.employeeId != null)
      ? [...new Set([...set, ...remove].map((c) => c.employeeId!))]
      : undefined;
    return {
      result: { ok: true as const, set: set.length, removed: remove.length },
      audit: {
        action: 'group.schedule',
        targetType: 'attendance_group',
        targetId: id,
        details: { set, remove },
      },
      scope: { from: dates.sort()[0], ...(employees ? { employeeIds: employees } : { groupIds: [id] }) },
    };
  });
}

export interface ScheduleGrid {
  from: string;
  to: string;
  total: number;
  rows: {
    employeeId: number;
    employeeNo: string;
    name: string;
    cells: { date: string; shift: string | null; dayType: DayType; source: string; override: boolean }[];
  }[];
}

/** The schedule grid: for each member and date, the shift and day type the roster gives (排班表). */
export async function scheduleGrid(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  query: { from: string; to: string; limit?: number; offset?: number },
): Promise<ScheduleGrid> {
  authorize(actor, 'attendance.read');
  if (query.to < query.from || daysBetween(query.from, query.to) > 62) {
    throw invalid('from..to must be a range of at most 62 days');
  }
  await loadGroup(ctx.db.kysely, id);
  const model = await loadModel(ctx.db.kysely);
  const memberIds = [...(model.groupMembers.get(id) ?? [])];
  const employees = memberIds.length
    ? await ctx.db.kysely
        .selectFrom('employees')
        .select(['id', 'employee_no', 'name', 'department_id'])
        .where('id', 'in', memberIds)
        .orderBy('employee_no')
        .execute()
    : [];
  const visible = employees.filter((e) => inScope(actor, e));
  const page = visible.slice(query.offset ?? 0, (query.offset ?? 0) + (query.limit ?? 200));
  const dates = datesInRange(query.from, query.to);
  return {
    from: query.from,
    to: query.to,
    total: visible.length,
    rows: page.map((e) => ({
      employeeId: e.id,
      employeeNo: e.employee_no,
      name: e.name,
      cells: dates.map((date) => {
        const day = planDay(model.context, String(e.id), date);
        if (!day || day.info.groupId !== String(id)) {
          return { date, shift: null, dayType: 'restDay' as DayType, source: 'notInGroup', override: false };
        }
        return {
          date,
          shift: day.info.shift?.id ?? null,
          dayType: day.info.dayType,
          source: day.info.shiftSource ?? day.info.dayTypeSource,
          override: day.info.shiftSource === 'override',
        };
      }),
    })),
  };
}
