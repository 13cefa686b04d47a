// Half-open time intervals [start, end) in epoch milliseconds, kept sorted and disjoint.

import { MINUTE_MS } from '../time/instant.js';

export interface Interval {
  start: number;
  end: number;
}

export function normalize(intervals: readonly Interval[]): Interval[] {
  // Most inputs are already sorted and disjoint: check in one pass before sorting.
  let clean = true;
  for (let k = 0; k < intervals.length && clean; k++) {
    const i = intervals[k];
    if (!(i.end > i.start) || (k > 0 && i.start <= intervals[k - 1].end)) clean = false;
  }
  if (clean) return intervals.slice();
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (end > start) out.push({ start, end });
    }
  }
  return normalize(out);
}

export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  let current = normalize(a);
  if (b.length === 0) return current;
  for (const cut of normalize(b)) {
    const next: Interval[] = [];
    for (const x of current) {
      if (cut.end <= x.start || cut.start >= x.end) next.push(x);
      else {
        if (cut.start > x.start) next.push({ start: x.start, end: cut.start });
        if (cut.end < x.end) next.push({ start: cut.end, end: x.end });
      }
    }
    current = next;
  }
  return current;
}

export function totalMinutes(intervals: readonly Interval[]): number {
  let ms = 0;
  for (const i of intervals) ms += i.end - i.start;
  return Math.round(ms / MINUTE_MS);
}

export function overlapMinutes(a: readonly Interval[], b: readonly Interval[]): number {
  return totalMinutes(intersect(a, b));
}

export function contains(i: Interval, t: number): boolean {
  return t >= i.start && t < i.end;
}
