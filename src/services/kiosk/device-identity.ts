// A kiosk authenticated by its device token: what the punch service and the audit log need to know of it.
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import { prepare } from '../../db/prepared.js';
import type { DeviceRow } from '../../db/schema.js';
import type { ServiceContext } from '../context.js';

export interface DeviceIdentity {
  id: number;
  name: string;
  siteId: number | null;
  direction: DeviceRow['direction'];
  ip: string | null;
  /** The time zone of the device's site (UTC without a site), when the identity was read with it. */
  timeZone?: string;
}

/** The token a kiosk keeps; the server stores only its hash. */
export const newDeviceToken = () => `fcd_${randomBytes(32).toString('base64url')}`;
export const hashDeviceToken = (token: string) => createHash('sha256').update(token).digest('hex');

// With its site's time zone, which every punch needs: one query instead of two. Built once (every request).
const selectDeviceByToken = prepare((db, p: { tokenHash: string }) =>
  db
    .selectFrom('devices')
    .leftJoin('sites', 'sites.id', 'devices.site_id')
    .select([
      'devices.id',
      'devices.name',
      'devices.site_id',
      'devices.direction',
      'devices.status',
      'sites.time_zone',
    ])
    .where('devices.token_hash', '=', p.tokenHash),
);

/** The device a token belongs to; a revoked or unknown token is refused with its own code. */
export async function authenticateDevice(
  ctx: ServiceContext,
  token: string | undefined,
  ip: string | null,
): Promise<DeviceIdentity> {
  if (!token || token.length > 200) throw new AppError('device_unauthenticated', 401);
  const [row] = await selectDeviceByToken(ctx.db.kysely, { tokenHash: hashDeviceToken(token) });
  if (!row) throw new AppError('device_unauthenticated', 401);
  if (row.status === 'revoked') throw new AppError('device_revoked', 401);
  return {
    id: row.id,
    name: row.name,
    siteId: row.site_id,
    direction: row.direction,
    ip,
    timeZone: row.time_zone ?? 'UTC',
  };
}

/** How a device appears as the actor of an audit entry. */
export const deviceAuditActor = (device: DeviceIdentity) => ({
  userId: null,
  username: `device:${device.id}:${device.name}`,
  ip: device.ip,
});
