// Who hears of an alert: per kind, any of the employee concerned, their managers, HR, and a security group of
// chosen users; plus webhook channels and e-mail.
import { ANOMALY_KINDS, type AnomalyKind, type Severity } from './types.js';

export const RECIPIENTS = ['employee', 'manager', 'hr', 'security'] as const;
export type Recipient = (typeof RECIPIENTS)[number];

export interface RouteRule {
  recipients: Recipient[];
  /** Webhook channel ids. */
  channels: number[];
  email: boolean;
}

export interface RoutingSettings {
  routes: Record<AnomalyKind, RouteRule>;
  /** Users who are the 'security' recipient. */
  securityUserIds: number[];
  /** Employees are told about their own late, early-leave, absent and missing-punch days. */
  attendanceNotices: boolean;
  /** Daily digest of open alerts and yesterday's exceptions to managers, at this local time. */
  managerDigest: { enabled: boolean; at: string };
}

const staff: RouteRule = { recipients: ['hr', 'security'], channels: [], email: false };

export const defaultRouting: RoutingSettings = {
  routes: Object.fromEntries(
    ANOMALY_KINDS.map((kind) => {
      // A punch during one's own leave is most often a leave to cancel: the employee is told too.
      if (kind === 'punch_on_leave')
        return [kind, { recipients: ['employee', 'manager', 'hr'], channels: [], email: false }];
      const personal = ['unusual_time', 'site_hopping', 'non_face_person'].includes(kind);
      return [kind, personal ? { recipients: ['manager', 'hr'], channels: [], email: false } : { ...staff }];
    }),
  ) as Record<AnomalyKind, RouteRule>,
  securityUserIds: [],
  attendanceNotices: true,
  managerDigest: { enabled: true, at: '08:30' },
};

const isIdList = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((x) => Number.isInteger(x) && x > 0);

export function mergeRouting(stored: unknown): RoutingSettings {
  const out = structuredClone(defaultRouting);
  if (!stored || typeof stored !== 'object') return out;
  const s = stored as Partial<Record<keyof RoutingSettings, unknown>>;
  const routes = (s.routes ?? {}) as Record<string, Partial<RouteRule>>;
  for (const kind of ANOMALY_KINDS) {
    const r = routes[kind];
    if (!r || typeof r !== 'object') continue;
    if (Array.isArray(r.recipients))
      out.routes[kind].recipients = [
        ...new Set(r.recipients.filter((x) => (RECIPIENTS as readonly string[]).includes(x))),
      ];
    if (isIdList(r.channels)) out.routes[kind].channels = [...new Set(r.channels)];
    if (typeof r.email === 'boolean') out.routes[kind].email = r.email;
  }
  if (isIdList(s.securityUserIds)) out.securityUserIds = [...new Set(s.securityUserIds)];
  if (typeof s.attendanceNotices === 'boolean') out.attendanceNotices = s.attendanceNotices;
  const digest = s.managerDigest as Partial<RoutingSettings['managerDigest']> | undefined;
  if (digest && typeof digest.enabled === 'boolean') out.managerDigest.enabled = digest.enabled;
  if (digest && typeof digest.at === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(digest.at))
    out.managerDigest.at = digest.at;
  return out;
}

/** Severity order, for sorting and for "at least" filters. */
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
