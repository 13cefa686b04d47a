// Webhook channels: ready message formats for WeCom group bots (企业微信群机器人), DingTalk robots (钉钉机器人,
// with their signature), Feishu bots (飞书机器人, with theirs) and a generic JSON webhook signed with HMAC-SHA256.
import { createHmac } from 'node:crypto';
import type { NotifyChannelsTable } from '../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { openWebhookSecret } from './secret.js';
import type { LocalisedText } from './types.js';

export type ChannelKind = NotifyChannelsTable['kind'];
export const CHANNEL_KINDS: readonly ChannelKind[] = ['wecom', 'dingtalk', 'feishu', 'webhook'];

/** What is queued for a channel: the text in both languages; the request is built (and signed) when sent. */
export interface WebhookMessage {
  kind: string;
  title: LocalisedText;
  body: LocalisedText;
  link?: string;
  /** Structured facts for the generic webhook (alert id, severity…). */
  data?: Record<string, unknown>;
  at: string;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function markdown(message: WebhookMessage, publicUrl: string | undefined): string {
  const link = message.link ? `${publicUrl ? publicUrl.replace(/\/$/, '') : ''}${message.link}` : '';
  return [
    `### ${message.title['zh-CN']}`,
    message.body['zh-CN'],
    '',
    `**${message.title.en}**`,
    message.body.en,
    ...(link ? ['', publicUrl ? `[FaceClock](${link})` : link] : []),
  ].join('\n');
}

function plainText(message: WebhookMessage, publicUrl: string | undefined): string {
  const link = message.link ? `${publicUrl ? publicUrl.replace(/\/$/, '') : ''}${message.link}` : '';
  return [
    message.title['zh-CN'],
    message.body['zh-CN'],
    '',
    message.title.en,
    message.body.en,
    ...(link ? ['', link] : []),
  ].join('\n');
}

/** DingTalk: HMAC-SHA256 over "timestamp\nsecret" keyed by the secret, base64, as query parameters. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu: HMAC-SHA256 keyed by "timestamp\nsecret" over an empty message, base64, in the body. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** Generic webhook: header x-faceclock-signature = "sha256=" + hex HMAC of "timestamp.body" with the secret. */
export function genericSignature(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}

export function buildWebhookRequest(
  channel: { kind: ChannelKind; url: string; secret: string | null },
  message: WebhookMessage,
  nowMs: number,
  publicUrl?: string,
): WebhookRequest {
  const json = { 'content-type': 'application/json' };
  switch (channel.kind) {
    case 'wecom':
      return {
        url: channel.url,
        headers: json,
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown(message, publicUrl) } }),
      };
    case 'dingtalk': {
      let url = channel.url;
      if (channel.secret) {
        const sign = encodeURIComponent(dingtalkSign(channel.secret, nowMs));
        url += `${url.includes('?') ? '&' : '?'}timestamp=${nowMs}&sign=${sign}`;
      }
      return {
        url,
        headers: json,
        body: JSON.stringify({
          msgtype: 'markdown',
          markdown: { title: message.title['zh-CN'], text: markdown(message, publicUrl) },
        }),
      };
    }
    case 'feishu': {
      const timestamp = Math.floor(nowMs / 1000);
      return {
        url: channel.url,
        headers: json,
        body: JSON.stringify({
          ...(channel.secret
            ? { timestamp: String(timestamp), sign: feishuSign(channel.secret, timestamp) }
            : {}),
          msg_type: 'text',
          content: { text: plainText(message, publicUrl) },
        }),
      };
    }
    case 'webhook': {
      const timestamp = Math.floor(nowMs / 1000);
      const body = JSON.stringify({
        kind: message.kind,
        title: message.title,
        body: message.body,
        link: message.link ?? null,
        url: message.link && publicUrl ? `${publicUrl.replace(/\/$/, '')}${message.link}` : null,
        data: message.data ?? {},
        at: message.at,
      });
      return {
        url: channel.url,
        headers: {
          ...json,
          'x-faceclock-timestamp': String(timestamp),
          ...(channel.secret
            ? { 'x-faceclock-signature': genericSignature(channel.secret, timestamp, body) }
            : {}),
        },
        body,
      };
    }
  }
}

/**
 * Reads a bot's answer: WeCom and DingTalk answer 200 with errcode, Feishu with code (or StatusCode); any
 * non-zero code is a failure even on HTTP 200.
 */
export function checkBotAnswer(kind: ChannelKind, status: number, text: string): string {
  if (status < 200 || status >= 300) throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
  if (kind === 'webhook') return `HTTP ${status}`;
  let answer: Record<string, unknown> = {};
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `HTTP ${status}`;
  }
  const code = answer.errcode ?? answer.code ?? answer.StatusCode ?? 0;
  if (Number(code) !== 0) {
    throw new Error(`${kind} answered ${String(code)}: ${String(answer.errmsg ?? answer.msg ?? '')}`);
  }
  return `HTTP ${status}`;
}

export async function sendWebhookNow(
  ctx: ServiceContext,
  channelId: number | null,
  message: WebhookMessage,
): Promise<string> {
  if (channelId === null) throw new Error('the channel of this message was deleted');
  const channel = await ctx.db.kysely
    .selectFrom('notify_channels')
    .select(['kind', 'url', 'secret', 'enabled'])
    .where('id', '=', channelId)
    .executeTakeFirst();
  if (!channel) throw new Error('the channel of this message was deleted');
  const secret = openWebhookSecret(ctx, channelId, channel.secret);
  const request = buildWebhookRequest(
    { ...channel, secret },
    message,
    ctx.now().getTime(),
    ctx.config.publicUrl,
  );
  const res = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
    redirect: 'error',
  });
  return checkBotAnswer(channel.kind, res.status, await res.text());
}
