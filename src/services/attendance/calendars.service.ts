// Holiday calendars: per date a workday, rest day or statutory holiday (with the 调休 workdays), bundled
// mainland China years from the State Council notices, company days off, import and export per year as
// CSV or iCalendar through the engine's parsers.
import type { Kysely } from 'kysely';
import { createCalendar, dayInfo } from '../../core/calendar/calendar.js';
import { CHINA_NOTICES, noticeEntries } from '../../core/calendar/china.js';
import { calendarFromCsv, calendarToCsv } from '../../core/calendar/csv.js';
import { calendarFromIcal, calendarToIcal } from '../../core/calendar/ical.js';
import { type CalendarEntry, CalendarParseError, type DayType } from '../../core/calendar/types.js';
import { AppError, conflict, invalid, notFound } from '../../core/errors.js';
import { datesInRange, isValidDate } from '../../core/time/date.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { audit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { configChange } from './config-change.js';

export interface CalendarDto {
  id: number;
  name: string;
  weekend: number[];
  /** Years with dated entries. */
  years: number[];
  usedByGroups: number;
}

export interface CalendarYearDto {
  calendarId: number;
  year: number;
  entries: CalendarEntry[];
  daysOff: CalendarEntry[];
  /** Every date of the year with its type and why. */
  days: { date: string; type: DayType; name: string | null; source: string }[];
  bundledAvailable: boolean;
}

export type CalendarFormat = 'csv' | 'ics';

async function loadCalendar(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom('holiday_calendars').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('calendar', id);
  return row;
}

async function toDto(
  db: Kysely<Database>,
  r: { id: number; name: string; weekend: string },
): Promise<CalendarDto> {
  const years = await db
    .selectFrom('calendar_days')
    .select('date')
    .where('calendar_id', '=', r.id)
    .where('kind', '=', 'entry')
    .execute();
  const groups = await db
    .selectFrom('attendance_groups')
    .select('id')
    .where('calendar_id', '=', r.id)
    .execute();
  return {
    id: r.id,
    name: r.name,
    weekend: JSON.parse(r.weekend) as number[],
    years: [...new Set(years.map((d) => Number(d.date.slice(0, 4))))].sort(),
    usedByGroups: groups.length,
  };
}

function checkWeekend(weekend: number[] | undefined) {
  if (weekend?.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    throw invalid('weekend days are 0 (Sunday) to 6 (Saturday)');
  }
}

export async function listCalendars(ctx: ServiceContext, actor: Actor | null): Promise<CalendarDto[]> {
  authorize(actor, 'attendance.read');
  const rows = await ctx.db.kysely.selectFrom('holiday_calendars').selectAll().orderBy('id').execute();
  return Promise.all(rows.map((r) => toDto(ctx.db.kysely, r)));
}

/** Groups using the calendar (those without one use the first calendar). */
async function groupsUsing(db: Kysely<Database>, id: number): Promise<number[]> {
  const first = await db
    .selectFrom('holiday_calendars')
    .select('id')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  const rows = await db.selectFrom('attendance_groups').select(['id', 'calendar_id']).execute();
  return rows
    .filter((g) => g.calendar_id === id || (g.calendar_id === null && first?.id === id))
    .map((g) => g.id);
}

async function replaceYear(
  trx: Kysely<Database>,
  id: number,
  year: number,
  kind: 'entry' | 'dayOff',
  entries: CalendarEntry[],
): Promise<string[]> {
  const prefix = `${year}-`;
  const before = await trx
    .selectFrom('calendar_days')
    .selectAll()
    .where('calendar_id', '=', id)
    .where('kind', '=', kind)
    .where('date', 'like', `${prefix}%`)
    .execute();
  await trx
    .deleteFrom('calendar_days')
    .where('calendar_id', '=', id)
    .where('kind', '=', kind)
    .where('date', 'like', `${prefix}%`)
    .execute();
  for (let i = 0; i < entries.length; i += 100) {
    await trx
      .insertInto('calendar_days')
      .values(
        entries.slice(i, i + 100).map((e) => ({
          calendar_id: id,
          date: e.date,
          kind,
          type: kind === 'dayOff' ? 'restDay' : e.type,
          name: e.name ?? null,
        })),
      )
      .execute();
  }
  // The dates whose entry changed.
  const key = (e: { date: string; type: string; name?: string | null }) =>
    `${e.date}|${e.type}|${e.name ?? ''}`;
  const oldKeys = new Map(before.map((e) => [e.date, key(e)]));
  const newKeys = new Map(
    entries.map((e) => [e.date, key({ ...e, type: kind === 'dayOff' ? 'restDay' : e.type })]),
  );
  const changed = new Set<string>();
  for (const [d, k] of oldKeys) if (newKeys.get(d) !== k) changed.add(d);
  for (const [d, k] of newKeys) if (oldKeys.get(d) !== k) changed.add(d);
  return [...changed].sort();
}

export async function createCalendarRecord(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { name: string; weekend?: number[]; bundledYears?: number[] },
) {
  authorize(actor, 'attendance.configure');
  checkWeekend(input.weekend);
  for (const y of input.bundledYears ?? [])
    if (!CHINA_NOTICES[y]) throw invalid(`no bundled calendar for ${y}`);
  return configChange(ctx, actor, `calendar ${input.name} created`, async (trx) => {
    const dup = await trx
      .selectFrom('holiday_calendars')
      .select('id')
      .where('name', '=', input.name.trim())
      .executeTakeFirst();
    if (dup) throw conflict(`calendar ${input.name} exists`);
    const now = nowIso(ctx);
    const row = await trx
      .insertInto('holiday_calendars')
      .values({
        name: input.name.trim(),
        weekend: JSON.stringify(input.weekend ?? [0, 6]),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const y of input.bundledYears ?? [])
      await replaceYear(trx, row.id, y, 'entry', noticeEntries(CHINA_NOTICES[y]));
    return {
      result: await toDto(trx, row),
      audit: {
        action: 'calendar.create',
        targetType: 'calendar',
        targetId: row.id,
        details: { name: row.name, bundledYears: input.bundledYears ?? [] },
      },
      scope: { employeeIds: [] },
    };
  });
}

export async function updateCalendarRecord(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  patch: { name?: string; weekend?: number[] },
) {
  authorize(actor, 'attendance.configure');
  checkWeekend(patch.weekend);
  return configChange(ctx, actor, `calendar #${id} changed`, async (trx) => {
    await loadCalendar(trx, id);
    const row = await trx
      .updateTable('holiday_calendars')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.weekend !== undefined ? { weekend: JSON.stringify(patch.weekend) } : {}),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: await toDto(trx, row),
      audit: {
        action: 'calendar.update',
        targetType: 'calendar',
        targetId: id,
        details: { changed: Object.keys(patch) },
      },
      scope: { groupIds: patch.weekend ? await groupsUsing(trx, id) : [] },
    };
  });
}

export async function deleteCalendarRecord(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'attendance.configure');
  return configChange(ctx, actor, `calendar #${id} deleted`, async (trx) => {
    const row = await loadCalendar(trx, id);
    const used = await groupsUsing(trx, id);
    if (used.length > 0) {
      throw new AppError('in_use', 409, { what: 'calendar', by: `${used.length} attendance group(s)` });
    }
    await trx.deleteFrom('holiday_calendars').where('id', '=', id).execute();
    return {
      result: { ok: true as const },
      audit: { action: 'calendar.delete', targetType: 'calendar', targetId: id, details: { name: row.name } },
      scope: { employeeIds: [] },
    };
  });
}

export async function calendarYear(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  year: number,
): Promise<CalendarYearDto> {
  authorize(actor, 'attendance.read');
  const row = await loadCalendar(ctx.db.kysely, id);
  const rows = await ctx.db.kysely
    .selectFrom('calendar_days')
    .selectAll()
    .where('calendar_id', '=', id)
    .where('date', 'like', `${year}-%`)
    .orderBy('date')
    .execute();
  const entry = (d: (typeof rows)[number]): CalendarEntry => ({
    date: d.date,
    type: d.type,
    ...(d.name ? { name: d.name } : {}),
  });
  const entries = rows.filter((d) => d.kind === 'entry').map(entry);
  const daysOff = rows.filter((d) => d.kind === 'dayOff').map(entry);
  const calendar = createCalendar({
    id: String(id),
    weekend: JSON.parse(row.weekend) as number[],
    entries,
    companyDaysOff: daysOff,
  });
  return {
    calendarId: id,
    year,
    entries,
    daysOff,
    days: datesInRange(`${year}-01-01`, `${year}-12-31`).map((date) => {
      const info = dayInfo(calendar, date);
      return { date, type: info.type, name: info.name ?? null, source: info.source };
    }),
    bundledAvailable: !!CHINA_NOTICES[year],
  };
}

function checkYearEntries(entries: CalendarEntry[], year: number, what: string) {
  const seen = new Set<string>();
  for (const e of entries) {
    if (!isValidDate(e.date) || !e.date.startsWith(`${year}-`))
      throw invalid(`${what}: ${e.date} is not a date in ${year}`);
    if (seen.has(e.date)) throw invalid(`${what}: ${e.date} is listed twice`);
    seen.add(e.date);
  }
}

/** Replace a year's dated entries and/or company days off; `bundled` loads the State Council notice. */
export async function setCalendarYear(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  year: number,
  input: { entries?: CalendarEntry[]; daysOff?: { date: string; name?: string }[]; bundled?: boolean },
  source = 'edit',
) {
  authorize(actor, 'attendance.configure');
  let entries = input.entries;
  if (input.bundled) {
    const notice = CHINA_NOTICES[year];
    if (!notice) throw invalid(`no bundled calendar for ${year}`);
    entries = noticeEntries(notice);
  }
  const daysOff = input.daysOff?.map((d) => ({
    date: d.date,
    type: 'restDay' as const,
    ...(d.name ? { name: d.name } : {}),
  }));
  if (entries) checkYearEntries(entries, year, 'entries');
  if (daysOff) checkYearEntries(daysOff, year, 'daysOff');
  if (!entries && !daysOff) throw invalid('give entries, daysOff or bundled');
  let changedDates: string[] = [];
  return configChange(ctx, actor, `calendar #${id} ${year} changed (${source})`, async (trx) => {
    await loadCalendar(trx, id);
    if (entries) changedDates = await replaceYear(trx, id, year, 'entry', entries);
    if (daysOff) changedDates = [...changedDates, ...(await replaceYear(trx, id, year, 'dayOff', daysOff))];
    return {
      result: { ok: true as const, changedDates: changedDates.length },
      audit: {
        action: 'calendar.year',
        targetType: 'calendar',
        targetId: id,
        details: { year, source, changedDates },
      },
      scope: { calendarDates: changedDates, groupIds: await groupsUsing(trx, id) },
    };
  });
}

export async function importCalendarYear(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  year: number,
  format: CalendarFormat,
  data: Buffer,
) {
  authorize(actor, 'attendance.configure');
  let entries: CalendarEntry[];
  try {
    const text = data.toString('utf8');
    entries = format === 'csv' ? calendarFromCsv(text, year) : calendarFromIcal(text, year);
  } catch (error) {
    if (error instanceof CalendarParseError) {
      throw new AppError('calendar_file_invalid', 400, { reason: error.message }, { line: error.line });
    }
    throw error;
  }
  return setCalendarYear(ctx, actor, id, year, { entries }, `import ${format}`);
}

export async function exportCalendarYear(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  year: number,
  format: CalendarFormat,
): Promise<{ fileName: string; contentType: string; body: string }> {
  authorize(actor, 'attendance.read');
  const row = await loadCalendar(ctx.db.kysely, id);
  const rows = await ctx.db.kysely
    .selectFrom('calendar_days')
    .selectAll()
    .where('calendar_id', '=', id)
    .where('kind', '=', 'entry')
    .where('date', 'like', `${year}-%`)
    .execute();
  const entries: CalendarEntry[] = rows.map((d) => ({
    date: d.date,
    type: d.type,
    ...(d.name ? { name: d.name } : {}),
  }));
  await audit(ctx, actor, {
    action: 'calendar.export',
    targetType: 'calendar',
    targetId: id,
    details: { year, format },
  });
  return format === 'csv'
    ? {
        fileName: `calendar-${id}-${year}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: calendarToCsv(entries),
      }
    : {
        fileName: `calendar-${id}-${year}.ics`,
        contentType: 'text/calendar; charset=utf-8',
        body: calendarToIcal(entries, `${row.name} ${year}`),
      };
}
