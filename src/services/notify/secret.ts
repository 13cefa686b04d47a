// Webhook signing secrets (DingTalk, Feishu, generic HMAC) are sealed at rest with the data keyring, bound to
// their channel (purpose webhook_secret:<id>); key rotation re-encrypts them (see crypto/sealed-columns.ts).
import type { ServiceContext } from '../context.js';
import { open, seal } from '../crypto/seal.js';
import { ensureFaceRuntime } from '../face/runtime.js';

export const webhookSecretPurpose = (channelId: number) => `webhook_secret:${channelId}`;

export function sealWebhookSecret(ctx: ServiceContext, channelId: number, secret: string): Buffer {
  return seal(ensureFaceRuntime(ctx).keyring, Buffer.from(secret, 'utf8'), webhookSecretPurpose(channelId));
}

export function openWebhookSecret(
  ctx: ServiceContext,
  channelId: number,
  sealed: Uint8Array | null,
): string | null {
  if (!sealed || sealed.length === 0) return null;
  return open(ensureFaceRuntime(ctx).keyring, sealed, webhookSecretPurpose(channelId)).toString('utf8');
}
