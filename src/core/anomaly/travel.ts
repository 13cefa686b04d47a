// Where a person punches: too many distinct places in a period, and impossible travel between two sites.
import type { DetectorSettings } from './settings.js';
import { defaultSeverity } from './settings.js';
import type { Finding, PunchFact, SiteFact } from './types.js';

const HOUR_MS = 3_600_000;

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
) {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * More than `maxPlaces` distinct sites (or devices) among the person's punches in the `periodHours` up to and
 * including `current`. `recent` are the person's other punches (any order).
 */
export function detectSiteHopping(
  current: PunchFact,
  recent: readonly PunchFact[],
  settings: DetectorSettings['siteHopping'],
): Finding | null {
  if (!settings.enabled) return null;
  const from = current.at - settings.periodHours * HOUR_MS;
  const inPeriod = [
    ...recent.filter((p) => p.id !== current.id && p.at >= from && p.at <= current.at),
    current,
  ];
  const placeOf = (p: PunchFact) => (settings.by === 'device' ? p.deviceId : p.siteId);
  const places = new Set(inPeriod.map(placeOf).filter((x): x is number => x !== null));
  if (places.size <= settings.maxPlaces) return null;
  // Raised once per person and period: the key is the period's start hour.
  return {
    kind: 'site_hopping',
    severity: defaultSeverity.site_hopping,
    key: `site_hopping:${current.employeeId}:${Math.floor(from / (settings.periodHours * HOUR_MS))}`,
    occurredAt: current.at,
    employeeId: current.employeeId,
    deviceId: current.deviceId,
    siteId: current.siteId,
    details: {
      places: places.size,
      by: settings.by,
      periodHours: settings.periodHours,
      placeIds: [...places],
    },
    evidence: { punchIds: inPeriod.map((p) => p.id).sort((a, b) => a - b) },
  };
}

/**
 * The person's punch just before `current` was at a site so far away that reaching this one in the time between
 * needs more than `maxSpeedKmh`. Sites without coordinates are skipped.
 */
export function detectImpossibleTravel(
  current: PunchFact,
  previous: PunchFact | null,
  sites: ReadonlyMap<number, SiteFact>,
  settings: DetectorSettings['impossibleTravel'],
): Finding | null {
  if (!settings.enabled || !previous || previous.siteId === null || current.siteId === null) return null;
  if (previous.siteId === current.siteId) return null;
  const a = sites.get(previous.siteId);
  const b = sites.get(current.siteId);
  if (a?.latitude == null || a.longitude == null || b?.latitude == null || b.longitude == null) return null;
  const km = distanceKm(
    { latitude: a.latitude, longitude: a.longitude },
    { latitude: b.latitude, longitude: b.longitude },
  );
  if (km < settings.minDistanceKm) return null;
  const hours = Math.abs(current.at - previous.at) / HOUR_MS;
  const speed = hours === 0 ? Number.POSITIVE_INFINITY : km / hours;
  if (speed <= settings.maxSpeedKmh) return null;
  return {
    kind: 'impossible_travel',
    severity: defaultSeverity.impossible_travel,
    key: `impossible_travel:${current.id}`,
    occurredAt: current.at,
    employeeId: current.employeeId,
    deviceId: current.deviceId,
    siteId: current.siteId,
    details: {
      fromSite: a.name,
      toSite: b.name,
      distanceKm: Math.round(km * 10) / 10,
      minutes: Math.round(hours * 60),
      speedKmh: Number.isFinite(speed) ? Math.round(speed) : null,
    },
    evidence: { punchIds: [previous.id, current.id] },
  };
}
