// Request counters for @fastify/rate-limit that count across server instances: on PostgreSQL each counter is a
// row of rate_limits, incremented with one atomic upsert, so a limit holds whichever instance a request lands
// on. SQLite has one instance and keeps the plugin's own in-memory counters (nothing is returned here).
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { prepare } from '../db/prepared.js';
import type { ServiceContext } from '../services/context.js';

/** One request more on a counter, which starts again once its window has passed (built once). */
const countRequest = prepare(
  (_db, p: { key: string; now: number; resetAt: number }) => sql<{ count: number; reset_at: number }>`
    insert into rate_limits (key, count, reset_at) values (${p.key}, 1, ${p.resetAt})
    on conflict (key) do update set
      count = case when rate_limits.reset_at <= ${p.now} then 1 else rate_limits.count + 1 end,
      reset_at = case when rate_limits.reset_at <= ${p.now} then ${p.resetAt} else rate_limits.reset_at end
    returning count, reset_at`,
);

type Done = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface StoreParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

/** Expired counters are swept now and then, by whichever instance gets there. */
const SWEEP_EVERY_MS = 60_000;

function databaseStore(db: Db, log: ServiceContext['log']) {
  let nextSweep = 0;
  const sweep = (now: number) => {
    if (now < nextSweep) return;
    nextSweep = now + SWEEP_EVERY_MS;
    db.kysely
      .deleteFrom('rate_limits')
      .where('reset_at', '<', now)
      .execute()
      .catch((error) => log.warn({ err: error }, 'rate limits: sweeping expired counters failed'));
  };

  return class DatabaseRateLimitStore {
    readonly prefix: string;
    constructor(params: StoreParams = {}) {
      const route = params.routeInfo;
      const method = Array.isArray(route?.method) ? route.method.join(',') : (route?.method ?? '');
      this.prefix = route?.url ? `${method} ${route.url}|` : '';
    }

    incr(key: string, done: Done, timeWindow: number, _max: number) {
      const now = Date.now();
      const fullKey = (this.prefix + key).slice(0, 500);
      countRequest(db.kysely, { key: fullKey, now, resetAt: now + timeWindow })
        .then(([row]) => {
          if (!row) throw new Error('rate limit upsert returned no row');
          done(null, { current: Number(row.count), ttl: Math.max(0, Number(row.reset_at) - now) });
          sweep(now);
        })
        .catch((error: Error) => done(error));
    }

    child(params: StoreParams) {
      return new DatabaseRateLimitStore(params);
    }
  };
}

/** Options for the rate-limit plugin: a shared store on PostgreSQL, the default in-memory one on SQLite. */
export function rateLimitStoreOptions(ctx: ServiceContext): Partial<RateLimitPluginOptions> {
  if (ctx.db.dialect !== 'postgres') return {};
  return { store: databaseStore(ctx.db, ctx.log) as unknown as RateLimitPluginOptions['store'] };
}
