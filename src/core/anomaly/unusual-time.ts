// A punch at an unusual time for that person: compared with the same direction of punch on their own last
// working days, by median and MAD (a few odd days in the history do not hide a real outlier).
import { mad, median, robustZ } from './robust.js';
import type { DetectorSettings } from './settings.js';
import { defaultSeverity } from './settings.js';
import type { Finding, PunchFact } from './types.js';

export interface LocalPunch {
  punch: PunchFact;
  /** Local date and minutes after local midnight, in the punch's site zone. */
  date: string;
  minutes: number;
}

/** The MAD is floored at this many minutes: a person who always punches at 08:58 is not alarmed at 09:05. */
const MIN_SPREAD_MINUTES = 10;

/**
 * `history` holds the person's earlier punches (any order). For each of the last `historyDays` distinct dates the
 * first punch in (or last punch out) is that day's time for the direction.
 */
export function detectUnusualTime(
  current: LocalPunch,
  history: readonly LocalPunch[],
  settings: DetectorSettings['unusualTime'],
): Finding | null {
  if (!settings.enabled) return null;
  const direction = current.punch.direction ?? 'in';
  const perDay = new Map<string, number>();
  for (const h of history) {
    if (h.date >= current.date || (h.punch.direction ?? 'in') !== direction) continue;
    const seen = perDay.get(h.date);
    if (seen === undefined || (direction === 'in' ? h.minutes < seen : h.minutes > seen))
      perDay.set(h.date, h.minutes);
  }
  const days = [...perDay.keys()].sort().slice(-settings.historyDays);
  if (days.length < settings.minDays) return null;
  const minutes = days.map((d) => perDay.get(d) as number);
  const m = median(minutes);
  const spread = Math.max(mad(minutes), MIN_SPREAD_MINUTES);
  const z = robustZ(current.minutes, m, spread);
  const deviation = current.minutes - m;
  if (Math.abs(z) < settings.threshold || Math.abs(deviation) < settings.minMinutes) return null;
  return {
    kind: 'unusual_time',
    severity: defaultSeverity.unusual_time,
    key: `unusual_time:${current.punch.id}`,
    occurredAt: current.punch.at,
    employeeId: current.punch.employeeId,
    deviceId: current.punch.deviceId,
    siteId: current.punch.siteId,
    details: {
      direction,
      localTime: clock(current.minutes),
      usualTime: clock(Math.round(m)),
      deviationMinutes: Math.round(deviation),
      days: days.length,
    },
    evidence: { punchIds: [current.punch.id], scores: { robustZ: Math.round(z * 100) / 100 } },
  };
}

function clock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
