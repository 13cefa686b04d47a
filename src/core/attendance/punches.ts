// Punches (打卡): normalising to whole minutes, adding approved corrections (补卡), dropping duplicates.

import { type InstantInput, parseInstant, toIso, truncateToMinute } from '../time/instant.js';
import type { Interval } from './intervals.js';
import type { DayRequest } from './requests.js';
import { isApproved } from './requests.js';

export interface Punch {
  at: InstantInput;
  id?: string;
  employeeId?: string;
  /** How the punch was made: 'face' (default), 'pin', 'qr', … */
  source?: string;
}

export interface DayPunch {
  ms: number;
  id?: string;
  source: string;
  correctionRequestId?: string;
}

export interface DuplicatePunch {
  punch: DayPunch;
  kept: DayPunch;
}

/** Punches owned by a day: inside its region, whole minutes, sorted, corrections included. */
export function punchesInRegion(
  punches: readonly Punch[],
  requests: readonly DayRequest[],
  region: Interval,
): DayPunch[] {
  const out: DayPunch[] = [];
  for (const p of punches) {
    const ms = truncateToMinute(parseInstant(p.at));
    if (ms >= region.start && ms < region.end) out.push({ ms, id: p.id, source: p.source ?? 'face' });
  }
  for (const r of requests) {
    if (r.kind !== 'punchCorrection' || !isApproved(r)) continue;
    const ms = truncateToMinute(parseInstant(r.at));
    if (ms >= region.start && ms < region.end)
      out.push({ ms, source: 'correction', correctionRequestId: r.id });
  }
  // A device punch sorts before a correction at the same minute, so the real one is kept.
  return out.sort((a, b) => a.ms - b.ms || (a.correctionRequestId ? 1 : 0) - (b.correctionRequestId ? 1 : 0));
}

/** Drop punches at most `withinMinutes` after the previous kept punch (a second look at the kiosk). */
export function dropDuplicates(
  punches: readonly DayPunch[],
  withinMinutes: number,
): { kept: DayPunch[]; duplicates: DuplicatePunch[] } {
  const kept: DayPunch[] = [];
  const duplicates: DuplicatePunch[] = [];
  const windowMs = withinMinutes * 60_000;
  for (const p of punches) {
    const last = kept[kept.length - 1];
    if (last && p.ms - last.ms <= windowMs) {
      duplicates.push({ punch: p, kept: last });
    } else kept.push(p);
  }
  return { kept, duplicates };
}

export function punchIso(p: DayPunch): string {
  return toIso(p.ms);
}
