// Several server instances on one PostgreSQL database. Each instance opens one listening connection and:
// - keeps its in-memory face index in step: the database announces every change to face_templates, the
//   instance applies it; after the connection comes back it compares the whole store (a missed change);
// - forwards its live punch events to the others and replays theirs, so a console's live stream shows every
//   punch whichever instance recorded it.
// Scheduled jobs (src/jobs/scheduler.ts), sessions and rate limits (src/http/rate-limit-store.ts) need no
// bus: they live in the database. On SQLite there is one instance and nothing here runs.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ServiceContext } from '../context.js';
import { ensureFaceRuntime } from '../face/runtime.js';
import { type NotificationListener, startListener } from './listener.js';
import { EVENTS_CHANNEL, FACES_CHANNEL, packEvents, parseEventBatch, parseFaceChange } from './messages.js';
import { forwardPunchEvents } from './punch-relay.js';

export interface Cluster {
  /** This instance's name in messages. */
  readonly instance: string;
  /** The PostgreSQL schema this instance works in: messages of other schemas are not for it. */
  readonly schema: string;
  connected(): boolean;
  /** Resolves once the listening connection is up and the face index has caught up. */
  ready(): Promise<void>;
  backendPid(): number | null;
  /** Sends an item to the other instances; items sent in one turn of the event loop travel together. */
  publish(topic: string, item: unknown): void;
  /** Items of a topic sent by the other instances. */
  subscribe(topic: string, handler: (item: unknown) => void): () => void;
  close(): Promise<void>;
}

const clusters = new WeakMap<Db, Cluster>();

/** The running cluster link of this database handle, if any. */
export function clusterOf(db: Db): Cluster | undefined {
  return clusters.get(db);
}

export async function startCluster(ctx: ServiceContext): Promise<Cluster | null> {
  const { db } = ctx;
  if (db.dialect !== 'postgres' || !ctx.config.databaseUrl) return null;
  const existing = clusters.get(db);
  if (existing) return existing;
  const schemaRow = await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely);
  const schema = schemaRow.rows[0]?.s ?? 'public';
  const instance = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const face = ensureFaceRuntime(ctx);
  const handlers = new Map<string, Set<(item: unknown) => void>>();
  let outbox: { topic: string; item: unknown }[] = [];
  let flushing: NodeJS.Immediate | null = null;
  let markReady: () => void = () => undefined;
  const readyOnce = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const flush = async () => {
    flushing = null;
    const batch = outbox;
    outbox = [];
    const byTopic = new Map<string, unknown[]>();
    for (const { topic, item } of batch) byTopic.set(topic, [...(byTopic.get(topic) ?? []), item]);
    for (const [topic, items] of byTopic) {
      for (const payload of packEvents({ s: schema, from: instance, t: topic }, items)) {
        await sql`select pg_notify(${EVENTS_CHANNEL}, ${payload})`
          .execute(db.kysely)
          .catch((error) => ctx.log.warn({ err: error, topic }, 'cluster: could not send an event'));
      }
    }
  };

  const onNotify = (channel: string, payload: string) => {
    if (channel === FACES_CHANNEL) {
      const change = parseFaceChange(payload);
      if (!change || change.s !== schema) return;
      const work = change.op === 'reload' ? face.reload(db) : face.refresh(db, change.ids, change.op);
      work.catch((error) => ctx.log.error({ err: error }, 'cluster: face index update failed'));
      return;
    }
    const batch = parseEventBatch(payload);
    if (!batch || batch.s !== schema || batch.from === instance) return;
    for (const handler of handlers.get(batch.t) ?? []) {
      for (const item of batch.d) {
        try {
          handler(item);
        } catch (error) {
          ctx.log.error({ err: error, topic: batch.t }, 'cluster: event handler failed');
        }
      }
    }
  };

  const listener: NotificationListener = startListener({
    connectionString: ctx.config.databaseUrl,
    channels: [FACES_CHANNEL, EVENTS_CHANNEL],
    onNotify,
    async onUp() {
      // Listening already: a change from now on is announced; one made while no one listened is found by
      // comparing the whole store.
      await face.reload(db);
      face.setFollowing(true);
      markReady();
    },
    onDown() {
      face.setFollowing(false);
    },
    log: ctx.log,
  });

  let stopRelay: () => void = () => undefined;
  const cluster: Cluster = {
    instance,
    schema,
    connected: () => listener.connected(),
    ready: () => readyOnce,
    backendPid: () => listener.backendPid(),
    publish(topic, item) {
      outbox.push({ topic, item });
      flushing ??= setImmediate(() => void flush());
    },
    subscribe(topic, handler) {
      const set = handlers.get(topic) ?? new Set();
      set.add(handler);
      handlers.set(topic, set);
      return () => set.delete(handler);
    },
    async close() {
      stopRelay();
      clusters.delete(db);
      face.setFollowing(false);
      if (flushing) {
        clearImmediate(flushing);
        await flush();
      }
      await listener.close();
    },
  };
  clusters.set(db, cluster);
  stopRelay = forwardPunchEvents(db, cluster);
  return cluster;
}
