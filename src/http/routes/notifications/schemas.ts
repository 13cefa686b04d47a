import { Type } from '@sinclair/typebox';
import { Nullable } from '../../schemas.js';

export const Localised = Type.Object({ en: Type.String(), 'zh-CN': Type.String() });

export const Notice = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title: Localised,
  body: Localised,
  link: Nullable(Type.String()),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
});

export const ChannelKind = Type.Union([
  Type.Literal('wecom'),
  Type.Literal('dingtalk'),
  Type.Literal('feishu'),
  Type.Literal('webhook'),
]);

export const Channel = Type.Object({
  id: Type.Integer(),
  kind: ChannelKind,
  name: Type.String(),
  url: Type.String(),
  hasSecret: Type.Boolean(),
  enabled: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const ChannelBody = Type.Object({
  kind: ChannelKind,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  url: Type.String({ minLength: 8, maxLength: 1000 }),
  secret: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  enabled: Type.Optional(Type.Boolean()),
});

const OutboxStatus = Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]);
const OutboxChannel = Type.Union([Type.Literal('email'), Type.Literal('webhook')]);

export const OutboxEntry = Type.Object({
  id: Type.Integer(),
  channel: OutboxChannel,
  channelId: Nullable(Type.Integer()),
  channelName: Nullable(Type.String()),
  kind: Type.String(),
  summary: Type.String(),
  recipients: Type.Array(Type.String()),
  status: OutboxStatus,
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
  deliveries: Type.Array(
    Type.Object({
      at: Type.String(),
      ok: Type.Boolean(),
      detail: Nullable(Type.String()),
      durationMs: Type.Integer(),
    }),
  ),
});

export const OutboxQuery = Type.Object({
  status: Type.Optional(OutboxStatus),
  channel: Type.Optional(OutboxChannel),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

export const DeliveryStatus = Type.Object({
  smtpConfigured: Type.Boolean(),
  smtpFrom: Type.String(),
  emailsPending: Type.Integer(),
  emailsFailed: Type.Integer(),
  webhooksPending: Type.Integer(),
  webhooksFailed: Type.Integer(),
});

export const MyEmail = Type.Object({
  email: Nullable(Type.String()),
  employeeEmail: Nullable(Type.String()),
});
