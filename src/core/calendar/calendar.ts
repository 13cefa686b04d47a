// Building a calendar and asking what a date is.

import { assertDate, weekday } from '../time/date.js';
import type { Calendar, CalendarEntry, DayInfo, DayType } from './types.js';
import { DAY_TYPES } from './types.js';

export interface CalendarOptions {
  id?: string;
  weekend?: readonly number[];
  entries?: readonly CalendarEntry[];
  companyDaysOff?: readonly (CalendarEntry | string)[];
}

export function createCalendar(options: CalendarOptions = {}): Calendar {
  const entries = new Map<string, CalendarEntry>();
  for (const entry of options.entries ?? []) {
    assertEntry(entry);
    entries.set(entry.date, entry);
  }
  const companyDaysOff = new Map<string, CalendarEntry>();
  for (const raw of options.companyDaysOff ?? []) {
    const entry: CalendarEntry = typeof raw === 'string' ? { date: raw, type: 'restDay' } : raw;
    assertDate(entry.date, 'company day off');
    companyDaysOff.set(entry.date, { date: entry.date, type: 'restDay', name: entry.name });
  }
  const weekend = options.weekend ?? [0, 6];
  for (const d of weekend) {
    if (!Number.isInteger(d) || d < 0 || d > 6)
      throw new RangeError(`weekend days are 0 (Sunday) to 6, got ${d}`);
  }
  return { id: options.id ?? 'default', weekend, entries, companyDaysOff };
}

/** Entries later in the list win over earlier ones for the same date. */
export function withEntries(calendar: Calendar, entries: readonly CalendarEntry[]): Calendar {
  const merged = new Map(calendar.entries);
  for (const entry of entries) {
    assertEntry(entry);
    merged.set(entry.date, entry);
  }
  return { ...calendar, entries: merged };
}

export function dayInfo(calendar: Calendar, date: string): DayInfo {
  const entry = calendar.entries.get(date);
  const off = calendar.companyDaysOff.get(date);
  if (entry) {
    if (off && entry.type === 'workday')
      return { date, type: 'restDay', name: off.name, source: 'companyDayOff' };
    return { date, type: entry.type, name: entry.name, source: 'calendar' };
  }
  const isWeekend = calendar.weekend.includes(weekday(date));
  if (isWeekend) return { date, type: 'restDay', source: 'weekend' };
  if (off) return { date, type: 'restDay', name: off.name, source: 'companyDayOff' };
  return { date, type: 'workday', source: 'weekday' };
}

export function dayType(calendar: Calendar, date: string): DayType {
  return dayInfo(calendar, date).type;
}

/** The listed entries of one year, sorted by date. */
export function entriesOfYear(calendar: Calendar, year: number): CalendarEntry[] {
  const prefix = `${String(year).padStart(4, '0')}-`;
  return [...calendar.entries.values()]
    .filter((e) => e.date.startsWith(prefix))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

function assertEntry(entry: CalendarEntry): void {
  assertDate(entry.date, 'calendar date');
  if (!DAY_TYPES.includes(entry.type)) {
    throw new RangeError(
      `calendar type for ${entry.date} must be one of ${DAY_TYPES.join(', ')}, got ${entry.type}`,
    );
  }
}
