// The outbox: e-mails and webhook messages waiting for delivery, kept in the database so that nothing is lost
// when the server stops. Each message is claimed before it is sent (a lease), so several servers never send one
// twice; a failed try is logged and retried with back-off.
import type { Kysely } from 'kysely';
import type { Database, NotifyOutboxTable } from '../../db/schema.js';
import { nowIso, type ServiceContext } from '../context.js';
import { sendMailNow, smtpConfigured } from './smtp.js';
import { MAX_ATTEMPTS, type MailInput, retryDelaySeconds } from './types.js';
import { sendWebhookNow, type WebhookMessage } from './webhooks.js';

/** How long a claimed message is reserved for the server that claimed it. */
const LEASE_MS = 2 * 60_000;

export interface StoredMail extends Omit<MailInput, 'attachments'> {
  attachments?: { filename: string; content: string; contentType?: string }[]; // content in base64
}

export async function enqueue(
  db: Kysely<Database>,
  at: string,
  entry: {
    channel: NotifyOutboxTable['channel'];
    channelId?: number | null;
    kind: string;
    summary: string;
    payload: StoredMail | WebhookMessage;
  },
): Promise<number> {
  const row = await db
    .insertInto('notify_outbox')
    .values({
      channel: entry.channel,
      channel_id: entry.channelId ?? null,
      kind: entry.kind,
      summary: entry.summary.slice(0, 300),
      payload: JSON.stringify(entry.payload),
      status: 'pending',
      next_attempt_at: at,
      locked_until: null,
      last_error: null,
      created_at: at,
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface DeliveryRun {
  sent: number;
  failed: number;
  retrying: number;
  /** E-mails left queued because no SMTP server is configured. */
  heldEmails: number;
}

async function claim(ctx: ServiceContext, id: number): Promise<boolean> {
  const now = nowIso(ctx);
  const result = await ctx.db.kysely
    .updateTable('notify_outbox')
    .set({ locked_until: new Date(ctx.now().getTime() + LEASE_MS).toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function deliverOne(
  ctx: ServiceContext,
  row: { id: number; channel: string; channel_id: number | null; payload: string; attempts: number },
) {
  const started = Date.now();
  let error: string | null = null;
  let detail = 'ok';
  try {
    if (row.channel === 'email') {
      detail = await sendMailNow(ctx, JSON.parse(row.payload) as StoredMail);
    } else {
      detail = await sendWebhookNow(ctx, row.channel_id, JSON.parse(row.payload) as WebhookMessage);
    }
  } catch (e) {
    error = (e as Error).message || String(e);
  }
  const at = nowIso(ctx);
  const attempts = row.attempts + 1;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('notify_deliveries')
      .values({
        outbox_id: row.id,
        at,
        ok: error ? 0 : 1,
        detail: (error ?? detail).slice(0, 1000),
        duration_ms: Date.now() - started,
      })
      .execute();
    const giveUp = error !== null && attempts >= MAX_ATTEMPTS;
    await trx
      .updateTable('notify_outbox')
      .set({
        attempts,
        status: error === null ? 'sent' : giveUp ? 'failed' : 'pending',
        sent_at: error === null ? at : null,
        last_error: error ? error.slice(0, 1000) : null,
        locked_until: null,
        next_attempt_at:
          error === null || giveUp
            ? at
            : new Date(ctx.now().getTime() + retryDelaySeconds(attempts) * 1000).toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
  });
  return error === null ? 'sent' : attempts >= MAX_ATTEMPTS ? 'failed' : 'retrying';
}

const running = new WeakMap<ServiceContext, Promise<DeliveryRun>>();

async function deliverBatch(ctx: ServiceContext, limit: number): Promise<DeliveryRun> {
  const out: DeliveryRun = { sent: 0, failed: 0, retrying: 0, heldEmails: 0 };
  const now = nowIso(ctx);
  const withSmtp = smtpConfigured(ctx);
  let q = ctx.db.kysely
    .selectFrom('notify_outbox')
    .select(['id', 'channel', 'channel_id', 'payload', 'attempts'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]));
  if (!withSmtp) q = q.where('channel', '<>', 'email');
  const rows = await q.orderBy('id').limit(limit).execute();
  for (const row of rows) {
    if (!(await claim(ctx, row.id))) continue;
    const outcome = await deliverOne(ctx, row);
    out[outcome] += 1;
  }
  if (!withSmtp) {
    const held = await ctx.db.kysely
      .selectFrom('notify_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .where('channel', '=', 'email')
      .executeTakeFirstOrThrow();
    out.heldEmails = Number(held.n);
  }
  return out;
}

/**
 * Sends every message that is due now: run by the delivery job, and in the background right after a message is
 * queued. Runs in this process never overlap; another server's run is kept apart by the claim.
 */
export function deliverDue(ctx: ServiceContext, limit = 200): Promise<DeliveryRun> {
  const previous = running.get(ctx) ?? Promise.resolve(null);
  const next = previous
    .catch(() => null)
    .then(() => deliverBatch(ctx, limit))
    .finally(() => {
      if (running.get(ctx) === next) running.delete(ctx);
    });
  running.set(ctx, next);
  return next;
}

const kicks = new WeakMap<ServiceContext, NodeJS.Timeout>();

/** Starts a delivery shortly, without waiting for it (several calls in a row make one run). */
export function kickDelivery(ctx: ServiceContext): void {
  if (kicks.has(ctx)) return;
  const timer = setTimeout(() => {
    kicks.delete(ctx);
    deliverDue(ctx).catch((error) => ctx.log.warn({ err: error }, 'notification delivery failed'));
  }, 50);
  timer.unref();
  kicks.set(ctx, timer);
}

/** Removes delivered or failed messages (with their delivery log) and read notices older than the given days. */
export async function pruneNotifications(
  ctx: ServiceContext,
  days = { outbox: 90, readNotices: 365 },
): Promise<{ messages: number; notices: number }> {
  const cutoff = (d: number) => new Date(ctx.now().getTime() - d * 86_400_000).toISOString();
  const messages = await ctx.db.kysely
    .deleteFrom('notify_outbox')
    .where('status', 'in', ['sent', 'failed'])
    .where('created_at', '<', cutoff(days.outbox))
    .executeTakeFirst();
  const notices = await ctx.db.kysely
    .deleteFrom('notices')
    .where('read_at', 'is not', null)
    .where('created_at', '<', cutoff(days.readNotices))
    .executeTakeFirst();
  return { messages: Number(messages.numDeletedRows), notices: Number(notices.numDeletedRows) };
}
