// Schemas of the kiosk's own routes (device-authenticated).
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../schemas.js';

export const KioskConfig = Type.Object({
  device: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    direction: Type.Union([Type.Literal('in'), Type.Literal('out'), Type.Literal('both')]),
  }),
  site: Nullable(Type.Object({ id: Type.Integer(), name: Type.String(), timeZone: Type.String() })),
  serverTime: Type.String(),
  heartbeatSeconds: Type.Integer(),
  challengeMode: Type.Union([Type.Literal('always'), Type.Literal('uncertain')]),
  sureAntispoof: Type.Number(),
  sureLiveness: Type.Number(),
  repeatWindowMinutes: Type.Number(),
  quality: Type.Record(Type.String(), Type.Number()),
});

export const PairBody = Type.Object({
  code: Type.String({
    minLength: 1,
    maxLength: 20,
    description: 'The one-time pairing code, e.g. 1234-5678',
  }),
  appVersion: Type.Optional(Type.String({ maxLength: 50 })),
});

export const PairResult = Type.Object({
  token: Type.String({ description: 'The device token; send it as x-device-token. Shown once.' }),
  config: KioskConfig,
});

export const HeartbeatBody = Type.Object({
  sentAt: Type.String({ maxLength: 40, description: 'The device clock when sending (ISO-8601)' }),
  appVersion: Type.Optional(Type.String({ maxLength: 50 })),
  faceBackend: Type.Optional(
    Type.String({ maxLength: 50, description: 'TensorFlow.js backend: webgpu, webgl, wasm' }),
  ),
  camera: Type.Optional(Type.String({ maxLength: 50, description: 'Camera resolution, e.g. 1280x720' })),
});

const Score = Nullable(Type.Number());

export const PunchBody = Type.Object({
  method: Type.Union([Type.Literal('face'), Type.Literal('pin'), Type.Literal('qr')]),
  idempotencyKey: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
  capturedAt: Type.String({ maxLength: 40, description: 'Capture instant by the device clock' }),
  sentAt: Type.String({ maxLength: 40, description: 'Send instant by the device clock' }),
  photo: Type.Optional(
    // No maxLength: the route's body limit bounds it, and counting the characters of a photo cost more
    // than the rest of the validation; the service refuses photos over 2 MB.
    Type.String({
      description:
        'Base64 JPEG: the face crop with a margin (face), or the evidence photo (PIN, QR); at most 2 MB',
    }),
  ),
  clientScores: Type.Optional(
    Type.Object(
      { antispoof: Type.Optional(Score), liveness: Type.Optional(Score), detection: Type.Optional(Score) },
      { additionalProperties: false },
    ),
  ),
  challenge: Type.Optional(
    Nullable(
      Type.Object({
        kind: Type.Union([Type.Literal('blink'), Type.Literal('turn_left'), Type.Literal('turn_right')]),
        passed: Type.Boolean(),
      }),
    ),
  ),
  employeeNo: Type.Optional(Type.String({ maxLength: 40 })),
  pin: Type.Optional(Type.String({ maxLength: 20 })),
  qr: Type.Optional(Type.String({ maxLength: 300 })),
  fromQueue: Type.Optional(
    Type.Boolean({
      description: 'Replayed from the offline queue: a needed challenge can no longer be asked for',
    }),
  ),
});

export const PunchResult = Type.Object({
  outcome: Type.Union([
    Type.Literal('recorded'),
    Type.Literal('repeat'),
    Type.Literal('unknown'),
    Type.Literal('refused'),
    Type.Literal('challenge'),
  ]),
  code: Nullable(Type.String()),
  message: Nullable(Type.String({ description: 'What to show and say, in the language of the request' })),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  replayed: Type.Boolean(),
  employee: Nullable(Type.Object({ id: Type.Integer(), employeeNo: Type.String(), name: Type.String() })),
  punch: Nullable(
    Type.Object({
      id: Type.Integer(),
      at: Type.String(),
      direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
      method: Type.String(),
      flags: Type.Array(Type.String()),
    }),
  ),
  attendance: Type.Union([
    Type.Object({
      date: Type.String(),
      statuses: Type.Array(Type.String()),
      lateMinutes: Type.Integer(),
      earlyLeaveMinutes: Type.Integer(),
    }),
    Type.Null(),
  ]),
});
