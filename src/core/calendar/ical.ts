// One year of a calendar as iCalendar (RFC 5545): one all-day VEVENT per listed date, the day type in
// X-FACECLOCK-DAYTYPE. Import also accepts multi-day all-day events (every date in DTSTART..DTEND).

import { addDays, datesInRange, isValidDate } from '../time/date.js';
import { parseDayType } from './csv.js';
import type { CalendarEntry } from './types.js';
import { CalendarParseError, DAY_TYPES } from './types.js';

export function calendarToIcal(
  entries: readonly CalendarEntry[],
  calendarName = 'FaceClock calendar',
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//FaceClock//Attendance calendar//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(calendarName)}`,
  ];
  for (const e of [...entries].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const day = e.date.replace(/-/g, '');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${day}-${e.type}@faceclock`,
      `DTSTAMP:${day}T000000Z`,
      `DTSTART;VALUE=DATE:${day}`,
      `DTEND;VALUE=DATE:${addDays(e.date, 1).replace(/-/g, '')}`,
      `SUMMARY:${escapeText(e.name ?? e.type)}`,
      `X-FACECLOCK-DAYTYPE:${e.type}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

export function calendarFromIcal(text: string, year?: number): CalendarEntry[] {
  const lines = unfold(text);
  const entries: CalendarEntry[] = [];
  const seen = new Map<string, number>();
  let inCalendar = false;
  let event: { line: number; props: Map<string, { params: string; value: string }> } | null = null;
  for (const { line, lineNo } of lines) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) throw new CalendarParseError(`not a property line (no ":"): ${line}`, lineNo);
    const head = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const semi = head.indexOf(';');
    const name = (semi < 0 ? head : head.slice(0, semi)).toUpperCase();
    const params = semi < 0 ? '' : head.slice(semi + 1);
    if (name === 'BEGIN' && value.toUpperCase() === 'VCALENDAR') inCalendar = true;
    else if (!inCalendar) throw new CalendarParseError('file must start with BEGIN:VCALENDAR', lineNo);
    else if (name === 'BEGIN' && value.toUpperCase() === 'VEVENT') {
      if (event) throw new CalendarParseError('BEGIN:VEVENT inside another VEVENT', lineNo);
      event = { line: lineNo, props: new Map() };
    } else if (name === 'END' && value.toUpperCase() === 'VEVENT') {
      if (!event) throw new CalendarParseError('END:VEVENT without BEGIN:VEVENT', lineNo);
      for (const entry of eventEntries(event.props, event.line)) {
        if (year !== undefined && Number(entry.date.slice(0, 4)) !== year) {
          throw new CalendarParseError(`${entry.date} is not in ${year}`, event.line);
        }
        const previous = seen.get(entry.date);
        if (previous !== undefined) {
          throw new CalendarParseError(
            `${entry.date} already listed by the event on line ${previous}`,
            event.line,
          );
        }
        seen.set(entry.date, event.line);
        entries.push(entry);
      }
      event = null;
    } else if (event) event.props.set(name, { params, value });
  }
  if (!inCalendar) throw new CalendarParseError('no BEGIN:VCALENDAR found', 0);
  if (event) throw new CalendarParseError('VEVENT not closed with END:VEVENT', event.line);
  return entries.sort((a, b) => (a.date < b.date ? -1 : 1));
}

function eventEntries(
  props: Map<string, { params: string; value: string }>,
  lineNo: number,
): CalendarEntry[] {
  const start = props.get('DTSTART');
  if (!start) throw new CalendarParseError('VEVENT has no DTSTART', lineNo);
  const from = icalDate(start.value, lineNo);
  const endProp = props.get('DTEND');
  const to = endProp ? addDays(icalDate(endProp.value, lineNo), -1) : from;
  if (to < from) throw new CalendarParseError('DTEND is not after DTSTART', lineNo);
  const rawType = props.get('X-FACECLOCK-DAYTYPE')?.value ?? props.get('CATEGORIES')?.value;
  if (!rawType) {
    throw new CalendarParseError(
      `VEVENT for ${from} has no X-FACECLOCK-DAYTYPE (or CATEGORIES) saying ${DAY_TYPES.join(', ')}`,
      lineNo,
    );
  }
  const type = parseDayType(rawType.split(',')[0]);
  if (!type) throw new CalendarParseError(`"${rawType}" is not a day type (${DAY_TYPES.join(', ')})`, lineNo);
  const summary = props.get('SUMMARY')?.value;
  const name = summary && summary !== type ? unescapeText(summary) : undefined;
  return datesInRange(from, to).map((date) => (name ? { date, type, name } : { date, type }));
}

function icalDate(value: string, lineNo: number): string {
  const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value.trim());
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || !isValidDate(date))
    throw new CalendarParseError(`"${value}" is not an iCalendar date YYYYMMDD`, lineNo);
  return date;
}

function unfold(text: string): { line: string; lineNo: number }[] {
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: { line: string; lineNo: number }[] = [];
  raw.forEach((line, i) => {
    if ((line.startsWith(' ') || line.startsWith('\t')) && out.length > 0) {
      out[out.length - 1].line += line.slice(1);
    } else out.push({ line, lineNo: i + 1 });
  });
  return out;
}

function foldLine(line: string): string {
  // Fold every 60 characters: a 3-byte CJK character keeps a line within the 75-octet limit.
  const chars = [...line];
  if (chars.length <= 60) return line;
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += 60) parts.push(chars.slice(i, i + 60).join(''));
  return parts.join('\r\n ');
}

function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
