// Instants: ISO-8601 strings with an offset or 'Z', or epoch milliseconds.

import { fromEpochDay } from './date.js';

export type InstantInput = string | number;

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export const MINUTE_MS = 60_000;

/** Epoch milliseconds of an instant. A string must carry its offset ('Z' or '+08:00'). */
export function parseInstant(value: InstantInput): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`instant must be a finite number, got ${value}`);
    return value;
  }
  if (!ISO_RE.test(value)) {
    throw new RangeError(
      `instant must be ISO-8601 with a zone offset such as 2025-03-03T01:02:00Z, got ${JSON.stringify(value)}`,
    );
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not a valid instant: ${JSON.stringify(value)}`);
  return ms;
}

export function isValidInstant(value: InstantInput): boolean {
  try {
    parseInstant(value);
    return true;
  } catch {
    return false;
  }
}

export function toIso(ms: number): string {
  // Whole minutes (every attendance instant) are formatted without a Date: this runs per punch per day.
  if (ms % MINUTE_MS === 0 && ms >= 0) {
    const day = Math.floor(ms / 86_400_000);
    const minute = (ms - day * 86_400_000) / MINUTE_MS;
    const h = Math.floor(minute / 60);
    const m = minute % 60;
    return `${fromEpochDay(day)}T${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:00.000Z`;
  }
  return new Date(ms).toISOString();
}

/** Drop seconds: attendance counts whole minutes (09:00:59 is 09:00). */
export function truncateToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

export function minutesBetween(start: number, end: number): number {
  return Math.round((end - start) / MINUTE_MS);
}
