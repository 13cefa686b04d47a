import { Type } from '@sinclair/typebox';
import type { RoutingSettings } from '../../../core/anomaly/routing.js';
import type { DetectorSettings } from '../../../core/anomaly/settings.js';
import { Id, Nullable } from '../../schemas.js';

export const AlertStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('acknowledged'),
  Type.Literal('resolved'),
  Type.Literal('false_positive'),
]);
export const AlertSeverity = Type.Union([
  Type.Literal('info'),
  Type.Literal('warning'),
  Type.Literal('critical'),
]);

const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

export const Alert = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  severity: AlertSeverity,
  status: AlertStatus,
  employee: Nullable(
    Type.Object({
      id: Type.Integer(),
      employeeNo: Type.String(),
      name: Type.String(),
      departmentId: Nullable(Type.Integer()),
    }),
  ),
  device: Nullable(Ref),
  site: Nullable(Ref),
  details: Type.Record(Type.String(), Type.Unknown()),
  occurredAt: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const AlertDetail = Type.Intersect([
  Alert,
  Type.Object({
    scores: Type.Record(Type.String(), Type.Number()),
    punches: Type.Array(
      Type.Object({
        id: Type.Integer(),
        at: Type.String(),
        method: Type.String(),
        direction: Nullable(Type.String()),
        employee: Type.Object({ id: Type.Integer(), employeeNo: Type.String(), name: Type.String() }),
        site: Nullable(Type.String()),
        device: Nullable(Type.String()),
        matchScore: Nullable(Type.Number()),
        matchMargin: Nullable(Type.Number()),
        clockSkewMs: Nullable(Type.Number()),
        flags: Type.Array(Type.String()),
        hasEvidence: Type.Boolean(),
      }),
    ),
    attempts: Type.Array(
      Type.Object({
        id: Type.Integer(),
        at: Type.String(),
        outcome: Type.String(),
        reason: Nullable(Type.String()),
        method: Nullable(Type.String()),
        device: Nullable(Type.String()),
        scores: Type.Record(Type.String(), Type.Unknown()),
        hasEvidence: Type.Boolean(),
      }),
    ),
    history: Type.Array(
      Type.Object({
        at: Type.String(),
        actorName: Type.String(),
        action: Type.String(),
        status: Nullable(Type.String()),
        note: Nullable(Type.String()),
      }),
    ),
    canViewEvidence: Type.Boolean(),
  }),
]);

const Instant = Type.String({ minLength: 10, maxLength: 30, pattern: '^\\d{4}-\\d{2}-\\d{2}' });

export const AlertQuery = Type.Object({
  status: Type.Optional(Type.Array(AlertStatus, { maxItems: 4 })),
  severity: Type.Optional(Type.Array(AlertSeverity, { maxItems: 3 })),
  kind: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  employeeId: Type.Optional(Id()),
  deviceId: Type.Optional(Id()),
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

export const StatusBody = Type.Object({
  status: AlertStatus,
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const NoteBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) });

export const EvidenceQuery = Type.Object({
  punchId: Type.Optional(Id()),
  attemptId: Type.Optional(Id()),
});

/** Settings are checked and merged by the service (unknown keys and bad values fall back to defaults). */
export const AlertSettings = Type.Object({
  detectors: Type.Unsafe<DetectorSettings>(
    Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown())),
  ),
  routing: Type.Object({
    routes: Type.Unsafe<RoutingSettings['routes']>(
      Type.Record(
        Type.String(),
        Type.Object({
          recipients: Type.Array(Type.String()),
          channels: Type.Array(Type.Integer()),
          email: Type.Boolean(),
        }),
      ),
    ),
    securityUserIds: Type.Array(Type.Integer()),
    attendanceNotices: Type.Boolean(),
    managerDigest: Type.Object({ enabled: Type.Boolean(), at: Type.String() }),
  }),
});

export const AlertSettingsPatch = Type.Object({
  detectors: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown()))),
  routing: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
