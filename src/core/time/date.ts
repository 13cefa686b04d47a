// Calendar dates as 'YYYY-MM-DD' strings (no time, no zone), and arithmetic on them.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6; // 0 = Sunday … 6 = Saturday

export function isValidDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function assertDate(value: string, what = 'date'): string {
  if (!isValidDate(value))
    throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Attendance touches few distinct dates over and over; both directions are memoised (bounded).
const epochDayCache = new Map<string, number>();
const dateCache = new Map<number, string>();
const CACHE_LIMIT = 50_000;

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(date: string): number {
  const hit = epochDayCache.get(date);
  if (hit !== undefined) return hit;
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date: ${JSON.stringify(date)}`);
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = Math.round(d.getTime() / DAY_MS);
  if (epochDayCache.size >= CACHE_LIMIT) epochDayCache.clear();
  epochDayCache.set(date, day);
  return day;
}

export function fromEpochDay(day: number): string {
  const hit = dateCache.get(day);
  if (hit !== undefined) return hit;
  const d = new Date(day * DAY_MS);
  const date = `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  if (dateCache.size >= CACHE_LIMIT) dateCache.clear();
  dateCache.set(day, date);
  return date;
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function weekday(date: string): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((toEpochDay(date) + 4) % 7) + 7) % 7) as Weekday;
}

/** Every date from `from` to `to`, both included. */
export function datesInRange(from: string, to: string): string[] {
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  const out: string[] = [];
  for (let d = start; d <= end; d++) out.push(fromEpochDay(d));
  return out;
}

export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** The same month and day `years` later; 29 Feb falls back to 28 Feb in a common year. */
export function addYears(date: string, years: number): string {
  const year = yearOf(date) + years;
  const month = Number(date.slice(5, 7));
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** Whole years from `from` to `to` (an anniversary counts on its day). */
export function wholeYearsBetween(from: string, to: string): number {
  if (to < from) return -wholeYearsBetween(to, from);
  let years = yearOf(to) - yearOf(from);
  if (addYears(from, years) > to) years--;
  return years;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}
