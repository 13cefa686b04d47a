// Kiosk devices (考勤机): register, pair, rename, move, revoke; heartbeats; the console's device list with
// status, last seen and punches today; device alerts.

import { AppError, invalid, notFound } from '../../core/errors.js';
import { type DeviceState, deviceState, HEARTBEAT_SECONDS } from '../../core/kiosk/device-status.js';
import { normalisePairingCode } from '../../core/kiosk/pairing-code.js';
import { localDateOf, startOfLocalDay } from '../../core/time/zone.js';
import type { DeviceRow, DevicesTable } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { recordAudit, writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { faceRuntimeOf } from '../face/runtime.js';
import { type DeviceIdentity, deviceAuditActor, hashDeviceToken, newDeviceToken } from './device-identity.js';
import {
  hashPairingCode,
  newPairingDigits,
  PAIRING_MINUTES,
  type PairingDto,
  pairingDto,
} from './pairing.js';
import { readKioskSettings } from './settings.js';

export type Direction = DevicesTable['direction'];

export interface DeviceDto {
  id: number;
  name: string;
  siteId: number | null;
  siteName: string | null;
  direction: Direction;
  status: DeviceRow['status'];
  /** pending (not paired yet), online, offline or revoked. */
  state: DeviceState;
  appVersion: string | null;
  faceBackend: string | null;
  camera: string | null;
  clockOffsetMs: number | null;
  lastSeenAt: string | null;
  lastPunchAt: string | null;
  punchesToday: number;
  failureStreak: number;
  pairingExpiresAt: string | null;
  pairedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export interface DeviceInput {
  name: string;
  siteId?: number | null;
  direction?: Direction;
}

const DIRECTIONS: readonly Direction[] = ['in', 'out', 'both'];

function check(input: Partial<DeviceInput>) {
  if (input.name !== undefined && input.name.trim() === '') throw invalid('name is required');
  if (input.direction !== undefined && !DIRECTIONS.includes(input.direction))
    throw invalid('direction must be in, out or both');
}

async function siteZones(ctx: ServiceContext) {
  const sites = await ctx.db.kysely.selectFrom('sites').select(['id', 'name', 'time_zone']).execute();
  return new Map(sites.map((s) => [s.id, s]));
}

async function toDtos(ctx: ServiceContext, rows: DeviceRow[]): Promise<DeviceDto[]> {
  if (rows.length === 0) return [];
  const sites = await siteZones(ctx);
  const settings = await readKioskSettings(ctx.db.kysely);
  const nowMs = ctx.now().getTime();
  // Punches today, each device in its own site's day (UTC for a device without a site).
  const zoneOf = (r: DeviceRow) =>
    (r.site_id !== null ? sites.get(r.site_id)?.time_zone : undefined) ?? 'UTC';
  const earliest = Math.min(...rows.map((r) => startOfLocalDay(localDateOf(nowMs, zoneOf(r)), zoneOf(r))));
  const punches = await ctx.db.kysely
    .selectFrom('punches')
    .select(['device_id', 'at'])
    .where(
      'device_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('at', '>=', new Date(earliest).toISOString())
    .execute();
  return rows.map((r) => {
    const dayStart = startOfLocalDay(localDateOf(nowMs, zoneOf(r)), zoneOf(r));
    const today = punches.filter((p) => p.device_id === r.id && Date.parse(p.at) >= dayStart).length;
    return {
      id: r.id,
      name: r.name,
      siteId: r.site_id,
      siteName: r.site_id !== null ? (sites.get(r.site_id)?.name ?? null) : null,
      direction: r.direction,
      status: r.status,
      state: deviceState(
        r.status,
        r.last_seen_at ? Date.parse(r.last_seen_at) : null,
        nowMs,
        settings.offlineAfterMinutes * 60,
      ),
      appVersion: r.app_version,
      faceBackend: r.face_backend,
      camera: r.camera,
      clockOffsetMs: r.clock_offset_ms,
      lastSeenAt: r.last_seen_at,
      lastPunchAt: r.last_punch_at,
      punchesToday: today,
      failureStreak: r.failure_streak,
      pairingExpiresAt: r.status === 'pending' ? r.pairing_expires_at : null,
      pairedAt: r.paired_at,
      revokedAt: r.revoked_at,
      createdAt: r.created_at,
    };
  });
}

export async function listDevices(ctx: ServiceContext, actor: Actor | null): Promise<DeviceDto[]> {
  authorize(actor, 'devices.read');
  const rows = await ctx.db.kysely.selectFrom('devices').selectAll().orderBy('name').orderBy('id').execute();
  return toDtos(ctx, rows);
}

async function siteExists(ctx: ServiceContext, siteId: number | null | undefined) {
  if (siteId === null || siteId === undefined) return;
  const site = await ctx.db.kysely
    .selectFrom('sites')
    .select('id')
    .where('id', '=', siteId)
    .executeTakeFirst();
  if (!site) throw notFound('site', siteId);
}

export async function createDevice(
  ctx: ServiceContext,
  actor: Actor | null,
  input: DeviceInput,
  origin: string,
): Promise<{ device: DeviceDto; pairing: PairingDto }> {
  authorize(actor, 'devices.manage');
  check(input);
  await siteExists(ctx, input.siteId);
  const now = nowIso(ctx);
  const digits = newPairingDigits();
  const expiresAt = new Date(ctx.now().getTime() + PAIRING_MINUTES * 60_000).toISOString();
  const row = await writeWithAudit(ctx, actor, async (trx) => {
    const inserted = await trx
      .insertInto('devices')
      .values({
        name: input.name.trim(),
        site_id: input.siteId ?? null,
        direction: input.direction ?? 'both',
        status: 'pending',
        pairing_code_hash: hashPairingCode(digits),
        pairing_expires_at: expiresAt,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: inserted,
      audit: {
        action: 'device.create',
        targetType: 'device',
        targetId: inserted.id,
        details: { name: inserted.name, siteId: inserted.site_id, direction: inserted.direction },
      },
    };
  });
  const [device] = await toDtos(ctx, [row]);
  return { device, pairing: await pairingDto(digits, expiresAt, origin) };
}

export async function updateDevice(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  patch: Partial<DeviceInput>,
): Promise<DeviceDto> {
  authorize(actor, 'devices.manage');
  check(patch);
  await siteExists(ctx, patch.siteId);
  const row = await writeWithAudit(ctx, actor, async (trx) => {
    const before = await trx.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('device', id);
    const updated = await trx
      .updateTable('devices')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.siteId !== undefined ? { site_id: patch.siteId } : {}),
        ...(patch.direction !== undefined ? { direction: patch.direction } : {}),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: updated,
      audit: {
        action: 'device.update',
        targetType: 'device',
        targetId: id,
        details: {
          before: { name: before.name, siteId: before.site_id, direction: before.direction },
          after: { name: updated.name, siteId: updated.site_id, direction: updated.direction },
        },
      },
    };
  });
  return (await toDtos(ctx, [row]))[0];
}

/** A new pairing code; the device's current token stops working until the kiosk pairs again. */
export async function renewPairing(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  origin: string,
): Promise<{ device: DeviceDto; pairing: PairingDto }> {
  authorize(actor, 'devices.manage');
  const digits = newPairingDigits();
  const expiresAt = new Date(ctx.now().getTime() + PAIRING_MINUTES * 60_000).toISOString();
  const row = await writeWithAudit(ctx, actor, async (trx) => {
    const updated = await trx
      .updateTable('devices')
      .set({
        status: 'pending',
        token_hash: null,
        pairing_code_hash: hashPairingCode(digits),
        pairing_expires_at: expiresAt,
        revoked_at: null,
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw notFound('device', id);
    return { result: updated, audit: { action: 'device.pairing', targetType: 'device', targetId: id } };
  });
  return { device: (await toDtos(ctx, [row]))[0], pairing: await pairingDto(digits, expiresAt, origin) };
}

export async function revokeDevice(ctx: ServiceContext, actor: Actor | null, id: number): Promise<DeviceDto> {
  authorize(actor, 'devices.manage');
  const now = nowIso(ctx);
  const row = await writeWithAudit(ctx, actor, async (trx) => {
    const updated = await trx
      .updateTable('devices')
      // The token hash stays, so the kiosk is told it was revoked rather than that it is unknown.
      .set({ status: 'revoked', pairing_code_hash: null, revoked_at: now, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw notFound('device', id);
    return { result: updated, audit: { action: 'device.revoke', targetType: 'device', targetId: id } };
  });
  return (await toDtos(ctx, [row]))[0];
}

export interface KioskConfig {
  device: { id: number; name: string; direction: Direction };
  site: { id: number; name: string; timeZone: string } | null;
  serverTime: string;
  heartbeatSeconds: number;
  challengeMode: 'always' | 'uncertain';
  sureAntispoof: number;
  sureLiveness: number;
  repeatWindowMinutes: number;
  /** The server's quality gate, applied the same way in the browser. */
  quality: Record<string, number>;
}

export async function kioskConfig(ctx: ServiceContext, device: DeviceIdentity): Promise<KioskConfig> {
  const settings = await readKioskSettings(ctx.db.kysely);
  const site =
    device.siteId === null
      ? undefined
      : await ctx.db.kysely
          .selectFrom('sites')
          .select(['id', 'name', 'time_zone'])
          .where('id', '=', device.siteId)
          .executeTakeFirst();
  const rt = await faceRuntimeOf(ctx);
  return {
    device: { id: device.id, name: device.name, direction: device.direction },
    site: site ? { id: site.id, name: site.name, timeZone: site.time_zone } : null,
    serverTime: nowIso(ctx),
    heartbeatSeconds: HEARTBEAT_SECONDS,
    challengeMode: settings.challengeMode,
    sureAntispoof: settings.sureAntispoof,
    sureLiveness: settings.sureLiveness,
    repeatWindowMinutes: settings.repeatWindowMinutes,
    quality: { ...rt.thresholds },
  };
}

export interface PairInput {
  code: string;
  appVersion?: string;
}

/** The kiosk exchanges its one-time code for a device token, returned once. */
export async function pairDevice(
  ctx: ServiceContext,
  input: PairInput,
  ip: string | null,
): Promise<{ token: string; config: KioskConfig }> {
  const digits = normalisePairingCode(input.code);
  if (!digits) throw new AppError('pairing_code_invalid', 400);
  const token = newDeviceToken();
  const now = nowIso(ctx);
  const device = await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('devices')
      .set({
        status: 'active',
        token_hash: hashDeviceToken(token),
        pairing_code_hash: null,
        pairing_expires_at: null,
        paired_at: now,
        last_seen_at: now,
        failure_streak: 0,
        ...(input.appVersion ? { app_version: input.appVersion.slice(0, 50) } : {}),
        updated_at: now,
      })
      .where('pairing_code_hash', '=', hashPairingCode(digits))
      .where('status', '=', 'pending')
      .where('pairing_expires_at', '>', now)
      .returning(['id', 'name', 'site_id', 'direction'])
      .executeTakeFirst();
    if (!row) return null;
    const identity: DeviceIdentity = {
      id: row.id,
      name: row.name,
      siteId: row.site_id,
      direction: row.direction,
      ip,
    };
    await recordAudit(trx, ctx.db.dialect, now, deviceAuditActor(identity), {
      action: 'device.paired',
      targetType: 'device',
      targetId: row.id,
    });
    return identity;
  });
  if (!device) throw new AppError('pairing_code_invalid', 400);
  return { token, config: await kioskConfig(ctx, device) };
}

export interface HeartbeatInput {
  appVersion?: string;
  faceBackend?: string;
  camera?: string;
  /** The device clock when it sent the heartbeat. */
  sentAt: string;
}

export async function recordHeartbeat(
  ctx: ServiceContext,
  device: DeviceIdentity,
  input: HeartbeatInput,
): Promise<KioskConfig> {
  const sent = Date.parse(input.sentAt);
  if (Number.isNaN(sent)) throw invalid('sentAt must be an ISO-8601 instant');
  const now = nowIso(ctx);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('devices')
      .set({
        last_seen_at: now,
        clock_offset_ms: ctx.now().getTime() - sent,
        ...(input.appVersion !== undefined ? { app_version: input.appVersion.slice(0, 50) } : {}),
        ...(input.faceBackend !== undefined ? { face_backend: input.faceBackend.slice(0, 50) } : {}),
        ...(input.camera !== undefined ? { camera: input.camera.slice(0, 50) } : {}),
        updated_at: now,
      })
      .where('id', '=', device.id)
      .execute();
    // The device is back: its offline alert is over.
    await trx
      .updateTable('device_alerts')
      .set({ resolved_at: now })
      .where('device_id', '=', device.id)
      .where('kind', '=', 'offline')
      .where('resolved_at', 'is', null)
      .execute();
  });
  return kioskConfig(ctx, device);
}
