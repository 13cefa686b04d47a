// IANA time-zone arithmetic with Intl.DateTimeFormat only (no tz database of our own).

import { fromEpochDay, toEpochDay } from './date.js';
import { MINUTE_MS } from './instant.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
// Offsets cached per zone and UTC hour; an hour with a transition inside is never cached.
const offsetCache = new Map<string, Map<number, number>>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`unknown IANA time zone: ${JSON.stringify(zone)}`);
    }
    formatters.set(zone, f);
  }
  return f;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function computeOffset(zone: string, ms: number): number {
  const parts = formatterFor(zone).formatToParts(new Date(ms));
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of parts) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') mo = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
    else if (p.type === 'hour') h = Number(p.value);
    else if (p.type === 'minute') mi = Number(p.value);
    else if (p.type === 'second') s = Number(p.value);
  }
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE_MS);
}

/** The zone's offset from UTC in minutes at an instant (+480 for Asia/Shanghai). */
export function offsetMinutes(zone: string, ms: number): number {
  let cache = offsetCache.get(zone);
  if (!cache) {
    formatterFor(zone);
    cache = new Map();
    offsetCache.set(zone, cache);
  }
  const bucket = Math.floor(ms / HOUR_MS);
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  const first = computeOffset(zone, bucket * HOUR_MS);
  const last = computeOffset(zone, bucket * HOUR_MS + HOUR_MS - 1000);
  if (first === last) {
    cache.set(bucket, first);
    return first;
  }
  return computeOffset(zone, ms);
}

export interface LocalTime {
  /** Local calendar date 'YYYY-MM-DD'. */
  date: string;
  /** Minutes after local midnight, 0–1439. */
  minutes: number;
}

export function toLocal(ms: number, zone: string): LocalTime {
  const local = ms + offsetMinutes(zone, ms) * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  return { date: fromEpochDay(day), minutes: Math.floor((local - day * DAY_MS) / MINUTE_MS) };
}

export function localDateOf(ms: number, zone: string): string {
  return toLocal(ms, zone).date;
}

/**
 * The instant of a wall-clock time: `minutes` after local midnight of `date` (may exceed 1440 for
 * the next day). Follows the usual 'compatible' rule at DST changes: a time skipped by a spring-forward
 * gap moves forward by the gap; a repeated time in a fall-back overlap takes the earlier instant.
 */
export function fromLocal(date: string, minutes: number, zone: string): number {
  const wall = toEpochDay(date) * DAY_MS + minutes * MINUTE_MS;
  const before = offsetMinutes(zone, wall - DAY_MS);
  const after = offsetMinutes(zone, wall + DAY_MS);
  const t1 = wall - before * MINUTE_MS;
  if (before === after) {
    const exact = offsetMinutes(zone, t1);
    if (exact === before) return t1;
    return wall - exact * MINUTE_MS;
  }
  const t2 = wall - after * MINUTE_MS;
  const ok1 = offsetMinutes(zone, t1) === before;
  const ok2 = offsetMinutes(zone, t2) === after;
  if (ok1 && ok2) return Math.min(t1, t2);
  if (ok1) return t1;
  if (ok2) return t2;
  return t1; // in the gap: the offset before the change pushes the time forward
}

/** Local midnight of `date` as an instant. */
export function startOfLocalDay(date: string, zone: string): number {
  return fromLocal(date, 0, zone);
}

/** Minutes of `ms` after the local midnight of `date` (may be negative or exceed 1440). */
export function minutesFromLocalDate(ms: number, date: string, zone: string): number {
  const localMinute = Math.floor((ms + offsetMinutes(zone, ms) * MINUTE_MS) / MINUTE_MS);
  return localMinute - toEpochDay(date) * 1440;
}
