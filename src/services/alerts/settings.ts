// Detector settings and alert routing, kept in the settings table; read by the scan, changed by HR and admins.
import type { Kysely } from 'kysely';
import { mergeRouting, type RoutingSettings } from '../../core/anomaly/routing.js';
import { type DetectorSettings, mergeDetectorSettings } from '../../core/anomaly/settings.js';
import { invalid } from '../../core/errors.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';

const DETECTORS_KEY = 'alerts.detectors';
const ROUTING_KEY = 'alerts.routing';

export interface AlertSettings {
  detectors: DetectorSettings;
  routing: RoutingSettings;
}

export async function readAlertSettings(db: Kysely<Database>): Promise<AlertSettings> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', [DETECTORS_KEY, ROUTING_KEY])
    .execute();
  const parse = (key: string) => {
    const row = rows.find((r) => r.key === key);
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  };
  return {
    detectors: mergeDetectorSettings(parse(DETECTORS_KEY)),
    routing: mergeRouting(parse(ROUTING_KEY)),
  };
}

export async function getAlertSettings(ctx: ServiceContext, actor: Actor | null): Promise<AlertSettings> {
  authorize(actor, 'notify.configure');
  return readAlertSettings(ctx.db.kysely);
}

export async function updateAlertSettings(
  ctx: ServiceContext,
  actor: Actor | null,
  patch: { detectors?: unknown; routing?: unknown },
): Promise<AlertSettings> {
  authorize(actor, 'notify.configure');
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const before = await readAlertSettings(trx);
    const detectors =
      patch.detectors === undefined
        ? before.detectors
        : mergeDetectorSettings(deepMerge(before.detectors, patch.detectors));
    const routing =
      patch.routing === undefined ? before.routing : mergeRouting(deepMerge(before.routing, patch.routing));
    const userIds = routing.securityUserIds;
    if (userIds.length > 0) {
      const found = await trx.selectFrom('users').select('id').where('id', 'in', userIds).execute();
      if (found.length !== userIds.length) throw invalid('a security recipient is not a user');
    }
    const channelIds = [...new Set(Object.values(routing.routes).flatMap((r) => r.channels))];
    if (channelIds.length > 0) {
      const found = await trx
        .selectFrom('notify_channels')
        .select('id')
        .where('id', 'in', channelIds)
        .execute();
      if (found.length !== channelIds.length) throw invalid('a route names a channel that does not exist');
    }
    for (const [key, value] of [
      [DETECTORS_KEY, JSON.stringify(detectors)],
      [ROUTING_KEY, JSON.stringify(routing)],
    ] as const) {
      await trx
        .insertInto('settings')
        .values({ key, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    }
    const after = { detectors, routing };
    return {
      result: after,
      audit: { action: 'alerts.settings_updated', targetType: 'settings', details: { before, after } },
    };
  });
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  if (!base || typeof base !== 'object' || Array.isArray(base)) return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    out[k] = deepMerge((base as Record<string, unknown>)[k], v);
  }
  return out;
}

/** Active console users, for choosing the security recipients (HR may not read the user list otherwise). */
export async function listRecipientCandidates(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'notify.configure');
  const rows = await ctx.db.kysely
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('status', '=', 'active')
    .orderBy('username')
    .execute();
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
}
