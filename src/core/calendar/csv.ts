// One year of a calendar as CSV: a header `date,type,name` and one line per listed date.

import { isValidDate } from '../time/date.js';
import type { CalendarEntry, DayType } from './types.js';
import { CalendarParseError, DAY_TYPES } from './types.js';

const TYPE_ALIASES: Record<string, DayType> = {
  workday: 'workday',
  restday: 'restDay',
  statutoryholiday: 'statutoryHoliday',
  holiday: 'statutoryHoliday',
  工作日: 'workday',
  上班: 'workday',
  休息日: 'restDay',
  休息: 'restDay',
  法定节假日: 'statutoryHoliday',
};

export function parseDayType(raw: string): DayType | undefined {
  return TYPE_ALIASES[raw.trim().toLowerCase()] ?? TYPE_ALIASES[raw.trim()];
}

export function calendarToCsv(entries: readonly CalendarEntry[]): string {
  const lines = ['date,type,name'];
  for (const e of [...entries].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    lines.push(`${e.date},${e.type},${csvField(e.name ?? '')}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Parse calendar CSV. `year`, when given, requires every date to be in that year (one file per year).
 * Errors name the line and what is wrong.
 */
export function calendarFromCsv(text: string, year?: number): CalendarEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries: CalendarEntry[] = [];
  const seen = new Map<string, number>();
  let headerSeen = false;
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const fields = splitCsvLine(line, lineNo);
    if (!headerSeen) {
      headerSeen = true;
      const header = fields.map((f) => f.trim().toLowerCase());
      if (header[0] === 'date') {
        if (header[1] !== 'type') throw new CalendarParseError('header must be date,type,name', lineNo);
        return;
      }
    }
    if (fields.length < 2 || fields.length > 3) {
      throw new CalendarParseError(`expected 2 or 3 fields (date,type,name), found ${fields.length}`, lineNo);
    }
    const date = fields[0].trim();
    if (!isValidDate(date)) throw new CalendarParseError(`"${date}" is not a date YYYY-MM-DD`, lineNo);
    if (year !== undefined && Number(date.slice(0, 4)) !== year) {
      throw new CalendarParseError(`${date} is not in ${year}`, lineNo);
    }
    const type = parseDayType(fields[1]);
    if (!type) {
      throw new CalendarParseError(
        `"${fields[1].trim()}" is not a day type (${DAY_TYPES.join(', ')})`,
        lineNo,
      );
    }
    const previous = seen.get(date);
    if (previous !== undefined)
      throw new CalendarParseError(`${date} already listed on line ${previous}`, lineNo);
    seen.set(date, lineNo);
    const name = (fields[2] ?? '').trim();
    entries.push(name ? { date, type, name } : { date, type });
  });
  return entries;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function splitCsvLine(line: string, lineNo: number): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"' && current.trim() === '') {
      quoted = true;
      current = '';
    } else if (c === ',') {
      fields.push(current);
      current = '';
    } else current += c;
  }
  if (quoted) throw new CalendarParseError('unterminated quoted field', lineNo);
  fields.push(current);
  return fields;
}
