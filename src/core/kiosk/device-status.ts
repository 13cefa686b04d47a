// Whether a kiosk is online (it sends a heartbeat every minute), and when its silence is worth an alert: during
// working hours at its site, on a weekday, past a grace period.
import { weekday } from '../time/date.js';
import { toLocal } from '../time/zone.js';

export const HEARTBEAT_SECONDS = 60;

export type DeviceState = 'pending' | 'online' | 'offline' | 'revoked';

export function deviceState(
  status: 'pending' | 'active' | 'revoked',
  lastSeenMs: number | null,
  nowMs: number,
  offlineAfterSeconds: number,
): DeviceState {
  if (status === 'revoked') return 'revoked';
  if (status === 'pending') return 'pending';
  if (lastSeenMs === null || nowMs - lastSeenMs > offlineAfterSeconds * 1000) return 'offline';
  return 'online';
}

export interface WorkingHours {
  /** Minutes after local midnight. */
  startMinute: number;
  endMinute: number;
  /** Weekdays 0 (Sunday) … 6 (Saturday). */
  weekdays: readonly number[];
}

export function withinWorkingHours(nowMs: number, zone: string, hours: WorkingHours): boolean {
  const local = toLocal(nowMs, zone);
  return (
    hours.weekdays.includes(weekday(local.date)) &&
    local.minutes >= hours.startMinute &&
    local.minutes < hours.endMinute
  );
}
