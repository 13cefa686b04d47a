// Each detector has a switch and its tuning; unknown or invalid values fall back to the defaults.
import type { AnomalyKind, Severity } from './types.js';

export interface DetectorSettings {
  unusualTime: {
    enabled: boolean;
    /** Working days of history looked at (the person's own). */
    historyDays: number;
    /** Fewer days than this: too little history to judge. */
    minDays: number;
    /** Robust z-score (median and MAD) above which a time is unusual. */
    threshold: number;
    /** …and at least this many minutes from the median. */
    minMinutes: number;
  };
  siteHopping: { enabled: boolean; maxPlaces: number; periodHours: number; by: 'site' | 'device' };
  impossibleTravel: { enabled: boolean; maxSpeedKmh: number; minDistanceKm: number };
  deviceFailures: { enabled: boolean; count: number; windowMinutes: number };
  spoof: { enabled: boolean; count: number; windowMinutes: number };
  challengeFailed: { enabled: boolean };
  lowMargin: { enabled: boolean; margin: number };
  punchOnLeave: { enabled: boolean };
  punchTerminated: { enabled: boolean };
  nonFacePerson: { enabled: boolean; count: number; periodDays: number };
  nonFaceDevice: { enabled: boolean; people: number; windowMinutes: number };
  deviceClock: { enabled: boolean; toleranceMinutes: number };
  deviceOffline: { enabled: boolean };
}

export const defaultDetectorSettings: DetectorSettings = {
  unusualTime: { enabled: true, historyDays: 30, minDays: 10, threshold: 3.5, minMinutes: 90 },
  siteHopping: { enabled: true, maxPlaces: 3, periodHours: 24, by: 'site' },
  impossibleTravel: { enabled: true, maxSpeedKmh: 300, minDistanceKm: 5 },
  deviceFailures: { enabled: true, count: 5, windowMinutes: 10 },
  spoof: { enabled: true, count: 2, windowMinutes: 30 },
  challengeFailed: { enabled: true },
  lowMargin: { enabled: true, margin: 0.03 },
  punchOnLeave: { enabled: true },
  punchTerminated: { enabled: true },
  nonFacePerson: { enabled: true, count: 5, periodDays: 7 },
  nonFaceDevice: { enabled: true, people: 3, windowMinutes: 5 },
  deviceClock: { enabled: true, toleranceMinutes: 5 },
  deviceOffline: { enabled: true },
};

export const defaultSeverity: Record<AnomalyKind, Severity> = {
  unusual_time: 'info',
  site_hopping: 'warning',
  impossible_travel: 'critical',
  device_failures: 'warning',
  spoof_suspected: 'critical',
  challenge_failed: 'warning',
  low_margin: 'warning',
  punch_on_leave: 'warning',
  punch_terminated: 'critical',
  non_face_person: 'warning',
  non_face_device: 'critical',
  device_clock: 'warning',
  device_offline: 'warning',
};

/** Merges stored settings over the defaults, keeping only known keys of the right type. */
export function mergeDetectorSettings(stored: unknown): DetectorSettings {
  const out = structuredClone(defaultDetectorSettings) as unknown as Record<string, Record<string, unknown>>;
  if (!stored || typeof stored !== 'object') return out as unknown as DetectorSettings;
  for (const [name, group] of Object.entries(out)) {
    const given = (stored as Record<string, unknown>)[name];
    if (!given || typeof given !== 'object') continue;
    for (const [key, fallback] of Object.entries(group)) {
      const value = (given as Record<string, unknown>)[key];
      if (typeof value !== typeof fallback) continue;
      if (typeof value === 'number' && !(Number.isFinite(value) && value >= 0)) continue;
      if (key === 'by' && value !== 'site' && value !== 'device') continue;
      group[key] = value;
    }
  }
  return out as unknown as DetectorSettings;
}
