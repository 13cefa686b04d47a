// What a device sees: bursts of refused attempts (unknown faces, spoof suspicions), failed liveness challenges,
// a clock far off.
import type { DetectorSettings } from './settings.js';
import { defaultSeverity } from './settings.js';
import type { AttemptFact, Finding, PunchFact } from './types.js';

const MINUTE_MS = 60_000;

/** Outcomes that count as a recognition failure at the device. */
const FAILURES = new Set(['unknown', 'spoof', 'challenge_failed']);

function burst(
  current: AttemptFact,
  recent: readonly AttemptFact[],
  windowMinutes: number,
  count: number,
  counts: (a: AttemptFact) => boolean,
): AttemptFact[] | null {
  if (current.deviceId === null || !counts(current)) return null;
  const from = current.at - windowMinutes * MINUTE_MS;
  const hits = [
    ...recent.filter(
      (a) =>
        a.id !== current.id &&
        a.deviceId === current.deviceId &&
        a.at >= from &&
        a.at <= current.at &&
        counts(a),
    ),
    current,
  ];
  // Raise exactly when the count is reached, so that a long burst is one alert (the window's start as key).
  return hits.length === count ? hits : null;
}

export function detectAttemptAnomalies(
  current: AttemptFact,
  recent: readonly AttemptFact[],
  settings: Pick<DetectorSettings, 'deviceFailures' | 'spoof' | 'challengeFailed'>,
): Finding[] {
  const out: Finding[] = [];
  const base = { occurredAt: current.at, deviceId: current.deviceId, employeeId: current.employeeId };
  if (settings.challengeFailed.enabled && current.outcome === 'challenge_failed') {
    out.push({
      ...base,
      kind: 'challenge_failed',
      severity: defaultSeverity.challenge_failed,
      key: `challenge_failed:${current.id}`,
      details: {},
      evidence: { attemptIds: [current.id] },
    });
  }
  if (settings.spoof.enabled) {
    const hits = burst(
      current,
      recent,
      settings.spoof.windowMinutes,
      settings.spoof.count,
      (a) => a.outcome === 'spoof',
    );
    if (hits)
      out.push({
        ...base,
        employeeId: null,
        kind: 'spoof_suspected',
        severity: defaultSeverity.spoof_suspected,
        key: `spoof_suspected:${current.deviceId}:${hits[0].id}`,
        details: { count: hits.length, windowMinutes: settings.spoof.windowMinutes },
        evidence: { attemptIds: hits.map((a) => a.id) },
      });
  }
  if (settings.deviceFailures.enabled) {
    const hits = burst(
      current,
      recent,
      settings.deviceFailures.windowMinutes,
      settings.deviceFailures.count,
      (a) => FAILURES.has(a.outcome),
    );
    if (hits)
      out.push({
        ...base,
        employeeId: null,
        kind: 'device_failures',
        severity: defaultSeverity.device_failures,
        key: `device_failures:${current.deviceId}:${hits[0].id}`,
        details: {
          count: hits.length,
          windowMinutes: settings.deviceFailures.windowMinutes,
          outcomes: [...new Set(hits.map((a) => a.outcome))],
        },
        evidence: { attemptIds: hits.map((a) => a.id) },
      });
  }
  return out;
}

/** A device whose clock is off by more than the tolerance: once per device and UTC day. */
export function detectDeviceClock(
  current: PunchFact,
  settings: DetectorSettings['deviceClock'],
): Finding | null {
  if (!settings.enabled || current.deviceId === null || current.clockSkewMs === null) return null;
  if (Math.abs(current.clockSkewMs) <= settings.toleranceMinutes * MINUTE_MS) return null;
  return {
    kind: 'device_clock',
    severity: defaultSeverity.device_clock,
    key: `device_clock:${current.deviceId}:${new Date(current.at).toISOString().slice(0, 10)}`,
    occurredAt: current.at,
    deviceId: current.deviceId,
    siteId: current.siteId,
    details: { offsetSeconds: Math.round(current.clockSkewMs / 1000) },
    evidence: { punchIds: [current.id], scores: { clockSkewMs: current.clockSkewMs } },
  };
}

/** The same check from a device's last heartbeat, for devices nobody punches at: once per device and UTC day. */
export function detectDeviceClockOffset(
  device: { id: number; siteId: number | null; clockOffsetMs: number | null },
  nowMs: number,
  settings: DetectorSettings['deviceClock'],
): Finding | null {
  if (!settings.enabled || device.clockOffsetMs === null) return null;
  if (Math.abs(device.clockOffsetMs) <= settings.toleranceMinutes * MINUTE_MS) return null;
  return {
    kind: 'device_clock',
    severity: defaultSeverity.device_clock,
    key: `device_clock:${device.id}:${new Date(nowMs).toISOString().slice(0, 10)}`,
    occurredAt: nowMs,
    deviceId: device.id,
    siteId: device.siteId,
    details: { offsetSeconds: Math.round(device.clockOffsetMs / 1000) },
    evidence: { scores: { clockOffsetMs: device.clockOffsetMs } },
  };
}
