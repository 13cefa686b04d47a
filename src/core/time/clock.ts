// Wall-clock times of day ('HH:MM'), as minutes after a date's local midnight.

import { pad2 } from './date.js';

const CLOCK_RE = /^(\d{1,2}):(\d{2})(\+1)?$/;

/**
 * Parse 'HH:MM' into minutes after midnight. 'HH:MM+1' means the next day (adds 1440), and hours
 * up to 47 are accepted ('26:00' = 02:00 next day), so a night shift can be written either way.
 */
export function parseClock(value: string): number {
  const m = CLOCK_RE.exec(value);
  if (!m)
    throw new RangeError(`time of day must be HH:MM (optionally HH:MM+1), got ${JSON.stringify(value)}`);
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59 || hours > 47) throw new RangeError(`time of day out of range: ${JSON.stringify(value)}`);
  return hours * 60 + minutes + (m[3] ? 1440 : 0);
}

export function isValidClock(value: string): boolean {
  try {
    parseClock(value);
    return true;
  } catch {
    return false;
  }
}

/** Minutes after a date's midnight → 'HH:MM', with '+1' (or '-1', '+2') when on another day. */
export function formatClock(minutes: number): string {
  const dayOffset = Math.floor(minutes / 1440);
  const within = minutes - dayOffset * 1440;
  const text = `${pad2(Math.floor(within / 60))}:${pad2(within % 60)}`;
  if (dayOffset === 0) return text;
  return dayOffset > 0 ? `${text}+${dayOffset}` : `${text}${dayOffset}`;
}
