// Schemas of the device routes of the console.
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../schemas.js';

const Direction = Type.Union([Type.Literal('in'), Type.Literal('out'), Type.Literal('both')]);

export const Device = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  siteId: Nullable(Type.Integer()),
  siteName: Nullable(Type.String()),
  direction: Direction,
  status: Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('revoked')]),
  state: Type.Union([
    Type.Literal('pending'),
    Type.Literal('online'),
    Type.Literal('offline'),
    Type.Literal('revoked'),
  ]),
  appVersion: Nullable(Type.String()),
  faceBackend: Nullable(Type.String()),
  camera: Nullable(Type.String()),
  clockOffsetMs: Nullable(Type.Integer()),
  lastSeenAt: Nullable(Type.String()),
  lastPunchAt: Nullable(Type.String()),
  punchesToday: Type.Integer(),
  failureStreak: Type.Integer(),
  pairingExpiresAt: Nullable(Type.String()),
  pairedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const DeviceBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  siteId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  direction: Type.Optional(Direction),
});

export const DeviceWithPairing = Type.Object({
  device: Device,
  pairing: Type.Object({
    code: Type.String(),
    expiresAt: Type.String(),
    url: Type.String(),
    qrDataUrl: Type.String(),
  }),
});

export const DeviceAlert = Type.Object({
  id: Type.Integer(),
  deviceId: Type.Integer(),
  deviceName: Type.String(),
  kind: Type.Union([Type.Literal('offline'), Type.Literal('failures')]),
  at: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
  resolvedAt: Nullable(Type.String()),
});

export const KioskSettings = Type.Object({
  repeatWindowMinutes: Type.Number({ minimum: 0, maximum: 240 }),
  clockToleranceSeconds: Type.Number({ minimum: 1, maximum: 86_400 }),
  challengeMode: Type.Union([Type.Literal('always'), Type.Literal('uncertain')]),
  sureAntispoof: Type.Number({ minimum: 0, maximum: 1 }),
  sureLiveness: Type.Number({ minimum: 0, maximum: 1 }),
  failureAlertThreshold: Type.Integer({ minimum: 0, maximum: 100 }),
  qrPeriodSeconds: Type.Integer({ minimum: 10, maximum: 600 }),
  workStart: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
  workEnd: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
  workWeekdays: Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { maxItems: 7 }),
  offlineAfterMinutes: Type.Number({ minimum: 2, maximum: 1440 }),
  evidenceRetentionDays: Type.Integer({ minimum: 0, maximum: 3650 }),
});
