// Device alerts: a kiosk offline during working hours at its site, or several refused attempts in a row. They
// are listed in the console beside the devices; the anomaly alerts of the attendance rules build on them.
import type { Kysely } from 'kysely';
import { deviceState, withinWorkingHours } from '../../core/kiosk/device-status.js';
import { parseClock } from '../../core/time/clock.js';
import type { Database, DeviceAlertsTable } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { readKioskSettings } from './settings.js';

export interface DeviceAlertDto {
  id: number;
  deviceId: number;
  deviceName: string;
  kind: DeviceAlertsTable['kind'];
  at: string;
  details: Record<string, unknown>;
  resolvedAt: string | null;
}

export async function raiseDeviceAlert(
  trx: Kysely<Database>,
  deviceId: number,
  kind: DeviceAlertsTable['kind'],
  at: string,
  details: Record<string, unknown>,
) {
  await trx
    .insertInto('device_alerts')
    .values({ device_id: deviceId, kind, at, details: JSON.stringify(details), resolved_at: null })
    .execute();
}

export async function listDeviceAlerts(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { open?: boolean; limit?: number },
): Promise<DeviceAlertDto[]> {
  authorize(actor, 'devices.read');
  let q = ctx.db.kysely
    .selectFrom('device_alerts')
    .innerJoin('devices', 'devices.id', 'device_alerts.device_id')
    .select([
      'device_alerts.id',
      'device_alerts.device_id',
      'devices.name',
      'device_alerts.kind',
      'device_alerts.at',
      'device_alerts.details',
      'device_alerts.resolved_at',
    ]);
  if (query.open) q = q.where('device_alerts.resolved_at', 'is', null);
  const rows = await q
    .orderBy('device_alerts.id', 'desc')
    .limit(Math.min(query.limit ?? 100, 500))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    deviceId: r.device_id,
    deviceName: r.name,
    kind: r.kind,
    at: r.at,
    details: JSON.parse(r.details) as Record<string, unknown>,
    resolvedAt: r.resolved_at,
  }));
}

/**
 * Raises an 'offline' alert for each paired kiosk that has gone silent during working hours at its site (one
 * open alert per device; a heartbeat resolves it). Run by a scheduled job.
 */
export async function checkOfflineDevices(ctx: ServiceContext): Promise<{ raised: number[] }> {
  const settings = await readKioskSettings(ctx.db.kysely);
  const nowMs = ctx.now().getTime();
  const hours = {
    startMinute: parseClock(settings.workStart),
    endMinute: parseClock(settings.workEnd),
    weekdays: settings.workWeekdays,
  };
  const devices = await ctx.db.kysely
    .selectFrom('devices')
    .leftJoin('sites', 'sites.id', 'devices.site_id')
    .select(['devices.id', 'devices.status', 'devices.last_seen_at', 'sites.time_zone'])
    .where('devices.status', '=', 'active')
    .execute();
  const open = new Set(
    (
      await ctx.db.kysely
        .selectFrom('device_alerts')
        .select('device_id')
        .where('kind', '=', 'offline')
        .where('resolved_at', 'is', null)
        .execute()
    ).map((r) => r.device_id),
  );
  const raised: number[] = [];
  for (const d of devices) {
    const lastSeen = d.last_seen_at ? Date.parse(d.last_seen_at) : null;
    if (deviceState(d.status, lastSeen, nowMs, settings.offlineAfterMinutes * 60) !== 'offline') continue;
    if (open.has(d.id) || !withinWorkingHours(nowMs, d.time_zone ?? 'UTC', hours)) continue;
    await raiseDeviceAlert(ctx.db.kysely, d.id, 'offline', nowIso(ctx), { lastSeenAt: d.last_seen_at });
    raised.push(d.id);
  }
  return { raised };
}
