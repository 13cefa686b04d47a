// Shapes of the alert centre's API answers (src/http/routes/alerts/schemas.ts).
export type AlertStatus = 'open' | 'acknowledged' | 'resolved' | 'false_positive';
export type AlertSeverity = 'info' | 'warning' | 'critical';

export const ALERT_STATUSES: AlertStatus[] = ['open', 'acknowledged', 'resolved', 'false_positive'];
export const SEVERITIES: AlertSeverity[] = ['info', 'warning', 'critical'];
export const ALERT_KINDS = [
  'unusual_time',
  'site_hopping',
  'impossible_travel',
  'device_failures',
  'spoof_suspected',
  'challenge_failed',
  'low_margin',
  'punch_on_leave',
  'punch_terminated',
  'non_face_person',
  'non_face_device',
  'device_clock',
  'device_offline',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const SEVERITY_COLOURS: Record<AlertSeverity, string> = {
  info: 'blue',
  warning: 'orange',
  critical: 'red',
};
export const STATUS_COLOURS: Record<AlertStatus, string> = {
  open: 'red',
  acknowledged: 'gold',
  resolved: 'green',
  false_positive: 'default',
};

export interface Alert {
  id: number;
  kind: string;
  severity: AlertSeverity;
  status: AlertStatus;
  employee: { id: number; employeeNo: string; name: string; departmentId: number | null } | null;
  device: { id: number; name: string } | null;
  site: { id: number; name: string } | null;
  details: Record<string, unknown>;
  occurredAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface AlertDetail extends Alert {
  scores: Record<string, number>;
  punches: {
    id: number;
    at: string;
    method: string;
    direction: string | null;
    employee: { id: number; employeeNo: string; name: string };
    site: string | null;
    device: string | null;
    matchScore: number | null;
    matchMargin: number | null;
    clockSkewMs: number | null;
    flags: string[];
    hasEvidence: boolean;
  }[];
  attempts: {
    id: number;
    at: string;
    outcome: string;
    reason: string | null;
    method: string | null;
    device: string | null;
    scores: Record<string, unknown>;
    hasEvidence: boolean;
  }[];
  history: { at: string; actorName: string; action: string; status: string | null; note: string | null }[];
  canViewEvidence: boolean;
}

export interface AlertList {
  total: number;
  items: Alert[];
  counts: Record<AlertStatus, number>;
}

export const isKnownKind = (kind: string): kind is AlertKind =>
  (ALERT_KINDS as readonly string[]).includes(kind);
