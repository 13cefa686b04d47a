// Configuring delivery: webhook channels (with a test button), the outbox and its delivery log, SMTP status.
import { invalid, notFound } from '../../core/errors.js';
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { deliverDue, enqueue, kickDelivery } from './outbox.js';
import { sealWebhookSecret } from './secret.js';
import { smtpConfigured } from './smtp.js';
import { CHANNEL_KINDS, type ChannelKind, type WebhookMessage } from './webhooks.js';

export interface ChannelDto {
  id: number;
  kind: ChannelKind;
  name: string;
  url: string;
  hasSecret: boolean;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelInput {
  kind: ChannelKind;
  name: string;
  url: string;
  /** Signing secret; on update, undefined keeps the current one and null or '' removes it. */
  secret?: string | null;
  enabled?: boolean;
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('the webhook address is not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw invalid('use an http or https address');
  return parsed.toString();
}

function toDto(r: {
  id: number;
  kind: ChannelKind;
  name: string;
  url: string;
  secret: Uint8Array | null;
  enabled: number;
  created_at: string;
  updated_at: string;
}): ChannelDto {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    url: r.url,
    hasSecret: !!r.secret,
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listChannels(ctx: ServiceContext, actor: Actor | null): Promise<ChannelDto[]> {
  authorize(actor, 'notify.configure');
  const rows = await ctx.db.kysely.selectFrom('notify_channels').selectAll().orderBy('id').execute();
  return rows.map(toDto);
}

async function loadChannel(ctx: ServiceContext, id: number) {
  const row = await ctx.db.kysely
    .selectFrom('notify_channels')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('channel', id);
  return row;
}

export async function createChannel(ctx: ServiceContext, actor: Actor | null, input: ChannelInput) {
  authorize(actor, 'notify.configure');
  if (!CHANNEL_KINDS.includes(input.kind)) throw invalid('unknown channel kind');
  const url = checkUrl(input.url);
  const at = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx
      .insertInto('notify_channels')
      .values({
        kind: input.kind,
        name: input.name.trim(),
        url,
        secret: null,
        enabled: input.enabled === false ? 0 : 1,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The secret is sealed bound to the channel's id, so it is written once the row has one.
    if (input.secret) {
      row.secret = sealWebhookSecret(ctx, row.id, input.secret);
      await trx.updateTable('notify_channels').set({ secret: row.secret }).where('id', '=', row.id).execute();
    }
    return {
      result: toDto(row),
      audit: {
        action: 'notify.channel_created',
        targetType: 'notify_channel',
        targetId: row.id,
        details: { kind: row.kind, name: row.name },
      },
    };
  });
}

export async function updateChannel(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  patch: Partial<ChannelInput>,
) {
  authorize(actor, 'notify.configure');
  const current = await loadChannel(ctx, id);
  if (patch.kind !== undefined && !CHANNEL_KINDS.includes(patch.kind)) throw invalid('unknown channel kind');
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx
      .updateTable('notify_channels')
      .set({
        kind: patch.kind ?? current.kind,
        name: patch.name?.trim() ?? current.name,
        url: patch.url !== undefined ? checkUrl(patch.url) : current.url,
        secret:
          patch.secret === undefined
            ? current.secret
            : patch.secret
              ? sealWebhookSecret(ctx, id, patch.secret)
              : null,
        enabled: patch.enabled === undefined ? current.enabled : patch.enabled ? 1 : 0,
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toDto(row),
      audit: {
        action: 'notify.channel_updated',
        targetType: 'notify_channel',
        targetId: id,
        details: {
          fields: Object.keys(patch).filter((k) => k !== 'secret'),
          secretChanged: patch.secret !== undefined,
        },
      },
    };
  });
}

export async function deleteChannel(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'notify.configure');
  const current = await loadChannel(ctx, id);
  await writeWithAudit(ctx, actor, async (trx) => {
    await trx.deleteFrom('notify_channels').where('id', '=', id).execute();
    return {
      result: null,
      audit: {
        action: 'notify.channel_deleted',
        targetType: 'notify_channel',
        targetId: id,
        details: { kind: current.kind, name: current.name },
      },
    };
  });
  return { ok: true as const };
}

/** Queues a test message to one channel and tries it at once; answers with the outcome of that try. */
export async function testChannel(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'notify.configure');
  const channel = await loadChannel(ctx, id);
  const at = nowIso(ctx);
  const message: WebhookMessage = {
    kind: 'notify.test',
    title: { 'zh-CN': 'FaceClock 测试消息', en: 'FaceClock test message' },
    body: {
      'zh-CN': `这是来自 FaceClock 的测试消息（渠道：${channel.name}）。`,
      en: `This is a test message from FaceClock (channel: ${channel.name}).`,
    },
    data: { test: true },
    at,
  };
  const outboxId = await writeWithAudit(ctx, actor, async (trx) => ({
    result: await enqueue(trx, at, {
      channel: 'webhook',
      channelId: id,
      kind: 'notify.test',
      summary: message.title.en,
      payload: message,
    }),
    audit: { action: 'notify.channel_tested', targetType: 'notify_channel', targetId: id },
  }));
  await deliverDue(ctx);
  return outboxEntry(ctx, actor, outboxId);
}

/** Queues a test e-mail to an address (delivered like any other). */
export async function testEmail(ctx: ServiceContext, actor: Actor | null, to: string) {
  authorize(actor, 'notify.configure');
  if (!/^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/.test(to.trim())) throw invalid('not an e-mail address');
  const at = nowIso(ctx);
  const outboxId = await writeWithAudit(ctx, actor, async (trx) => ({
    result: await enqueue(trx, at, {
      channel: 'email',
      kind: 'notify.test',
      summary: 'FaceClock test e-mail',
      payload: {
        to: [to.trim()],
        subject: 'FaceClock 测试邮件 / test e-mail',
        text: '这是来自 FaceClock 的测试邮件。\n\nThis is a test e-mail from FaceClock.',
      },
    }),
    audit: { action: 'notify.email_tested', targetType: 'notify_outbox', details: { to: to.trim() } },
  }));
  if (smtpConfigured(ctx)) await deliverDue(ctx);
  return outboxEntry(ctx, actor, outboxId);
}

export interface OutboxDto {
  id: number;
  channel: 'email' | 'webhook';
  channelId: number | null;
  channelName: string | null;
  kind: string;
  summary: string;
  recipients: string[];
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveries: { at: string; ok: boolean; detail: string | null; durationMs: number }[];
}

type OutboxRow = {
  id: number;
  channel: 'email' | 'webhook';
  channel_id: number | null;
  name: string | null;
  kind: string;
  summary: string;
  payload: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
};

function outboxQuery(ctx: ServiceContext) {
  return ctx.db.kysely
    .selectFrom('notify_outbox')
    .leftJoin('notify_channels', 'notify_channels.id', 'notify_outbox.channel_id')
    .select([
      'notify_outbox.id',
      'notify_outbox.channel',
      'notify_outbox.channel_id',
      'notify_channels.name',
      'notify_outbox.kind',
      'notify_outbox.summary',
      'notify_outbox.payload',
      'notify_outbox.status',
      'notify_outbox.attempts',
      'notify_outbox.next_attempt_at',
      'notify_outbox.last_error',
      'notify_outbox.created_at',
      'notify_outbox.sent_at',
    ]);
}

async function toOutboxDtos(ctx: ServiceContext, rows: OutboxRow[]): Promise<OutboxDto[]> {
  const ids = rows.map((r) => r.id);
  const deliveries =
    ids.length === 0
      ? []
      : await ctx.db.kysely
          .selectFrom('notify_deliveries')
          .selectAll()
          .where('outbox_id', 'in', ids)
          .orderBy('id')
          .execute();
  return rows.map((r) => {
    const payload = JSON.parse(r.payload) as { to?: string[] };
    return {
      id: r.id,
      channel: r.channel,
      channelId: r.channel_id,
      channelName: r.name,
      kind: r.kind,
      summary: r.summary,
      recipients: r.channel === 'email' ? (payload.to ?? []) : [],
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
      lastError: r.last_error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      deliveries: deliveries
        .filter((d) => d.outbox_id === r.id)
        .map((d) => ({ at: d.at, ok: d.ok === 1, detail: d.detail, durationMs: d.duration_ms })),
    };
  });
}

async function outboxEntry(ctx: ServiceContext, actor: Actor, id: number): Promise<OutboxDto> {
  authorize(actor, 'notify.configure');
  const row = await outboxQuery(ctx).where('notify_outbox.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('message', id);
  const [dto] = await toOutboxDtos(ctx, [row]);
  return dto;
}

export async function listOutbox(
  ctx: ServiceContext,
  actor: Actor | null,
  query: {
    status?: 'pending' | 'sent' | 'failed';
    channel?: 'email' | 'webhook';
    limit?: number;
    offset?: number;
  },
): Promise<{ total: number; items: OutboxDto[] }> {
  authorize(actor, 'notify.configure');
  let q = outboxQuery(ctx);
  if (query.status) q = q.where('notify_outbox.status', '=', query.status);
  if (query.channel) q = q.where('notify_outbox.channel', '=', query.channel);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('notify_outbox.id', 'desc')
    .limit(Math.min(query.limit ?? 50, 200))
    .offset(query.offset ?? 0)
    .execute();
  return { total: Number(total.n), items: await toOutboxDtos(ctx, rows) };
}

/** Sends a failed (or waiting) message again now. */
export async function retryOutbox(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'notify.configure');
  const row = await ctx.db.kysely
    .selectFrom('notify_outbox')
    .select(['id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('message', id);
  if (row.status === 'sent') throw invalid('the message was already sent');
  await writeWithAudit(ctx, actor, async (trx) => {
    await trx
      .updateTable('notify_outbox')
      .set({ status: 'pending', next_attempt_at: nowIso(ctx), locked_until: null })
      .where('id', '=', id)
      .execute();
    return { result: null, audit: { action: 'notify.retried', targetType: 'notify_outbox', targetId: id } };
  });
  await deliverDue(ctx);
  return outboxEntry(ctx, actor, id);
}

export async function deliveryStatus(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'notify.configure');
  const rows = await ctx.db.kysely
    .selectFrom('notify_outbox')
    .select(['channel', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '<>', 'sent')
    .groupBy(['channel', 'status'])
    .execute();
  const count = (channel: string, status: string) =>
    Number(rows.find((r) => r.channel === channel && r.status === status)?.n ?? 0);
  kickDelivery(ctx);
  return {
    smtpConfigured: smtpConfigured(ctx),
    smtpFrom: ctx.config.smtpFrom,
    emailsPending: count('email', 'pending'),
    emailsFailed: count('email', 'failed'),
    webhooksPending: count('webhook', 'pending'),
    webhooksFailed: count('webhook', 'failed'),
  };
}
