// The vocabulary of anomaly detection: the facts detectors read (plain data, times in epoch milliseconds) and
// the findings they produce. A finding's key makes it idempotent: the same finding raised twice is one alert.

export type Severity = 'info' | 'warning' | 'critical';

export const ANOMALY_KINDS = [
  'unusual_time', // a punch far from the person's usual time
  'site_hopping', // too many distinct sites or devices in a period
  'impossible_travel', // two punches farther apart than can be travelled in the time between
  'device_failures', // repeated refused attempts (unknown face, spoof) at one device
  'spoof_suspected', // several presentation-attack refusals at one device
  'challenge_failed', // an active liveness challenge failed
  'low_margin', // a match with a second employee close behind
  'punch_on_leave', // a punch during approved leave or a business trip
  'punch_terminated', // a punch by someone who has left
  'non_face_person', // many PIN/QR punches by one person (代打卡 signal)
  'non_face_device', // several people punching by PIN/QR at one device within minutes (代打卡 signal)
  'device_clock', // a device clock far off
  'device_offline', // a device silent during working hours
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export interface PunchFact {
  id: number;
  employeeId: number;
  at: number;
  siteId: number | null;
  deviceId: number | null;
  method: 'face' | 'pin' | 'qr' | 'manual' | 'import';
  direction: 'in' | 'out' | null;
  matchScore: number | null;
  matchMargin: number | null;
  clockSkewMs: number | null;
}

export interface AttemptFact {
  id: number;
  deviceId: number | null;
  at: number;
  outcome: string;
  employeeId: number | null;
}

export interface SiteFact {
  id: number;
  name: string;
  latitude: number | null;
  longitude: number | null;
}

export interface Finding {
  kind: AnomalyKind;
  severity: Severity;
  /** Same key, same alert: a finding seen again does not open a second one. */
  key: string;
  occurredAt: number;
  employeeId?: number | null;
  deviceId?: number | null;
  siteId?: number | null;
  /** What was found, for the alert text (numbers, names of sites). */
  details: Record<string, unknown>;
  evidence: { punchIds?: number[]; attemptIds?: number[]; scores?: Record<string, number> };
}
