// One PostgreSQL connection that LISTENs on a few channels and stays up: when it drops (database restart,
// network, a terminated backend) it is opened again with a growing pause, and `onUp` runs after every
// (re)connect so the caller can catch up on what it missed while no notification could arrive. A periodic
// `select 1` finds a connection that died without closing.
import pg from 'pg';
import type { Logger } from '../context.js';

export interface ListenerOptions {
  connectionString: string;
  channels: readonly string[];
  onNotify(channel: string, payload: string): void;
  /** After each successful LISTEN: catch up. */
  onUp(): Promise<void> | void;
  /** The connection is gone: notifications may be missed until `onUp` runs again. */
  onDown(): void;
  log: Logger;
  heartbeatMs?: number;
}

export interface NotificationListener {
  connected(): boolean;
  /** The backend process id of the listening connection (tests terminate it to prove the catch-up). */
  backendPid(): number | null;
  close(): Promise<void>;
}

const FIRST_RETRY_MS = 200;
const LAST_RETRY_MS = 5_000;

export function startListener(options: ListenerOptions): NotificationListener {
  let client: pg.Client | null = null;
  let pid: number | null = null;
  let up = false;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let retry: NodeJS.Timeout | null = null;

  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, retryMs);
    retry.unref();
    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
  };

  const drop = (c: pg.Client, error?: unknown) => {
    if (c !== client) return;
    client = null;
    pid = null;
    if (error && !closed) options.log.warn({ err: error }, 'cluster: notification connection lost');
    if (up) {
      up = false;
      options.onDown();
    }
    c.end().catch(() => undefined);
    schedule();
  };

  async function connect() {
    if (closed) return;
    const c = new pg.Client({ connectionString: options.connectionString, keepAlive: true });
    c.on('error', (error) => drop(c, error));
    c.on('end', () => drop(c));
    c.on('notification', (message) => {
      if (c === client) options.onNotify(message.channel, message.payload ?? '');
    });
    client = c;
    try {
      await c.connect();
      for (const channel of options.channels) await c.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
      const row = await c.query<{ pid: number }>('select pg_backend_pid() as pid');
      pid = row.rows[0]?.pid ?? null;
    } catch (error) {
      drop(c, error);
      return;
    }
    if (closed || c !== client) return;
    up = true;
    retryMs = FIRST_RETRY_MS;
    try {
      await options.onUp();
    } catch (error) {
      options.log.error({ err: error }, 'cluster: catching up after (re)connecting failed');
    }
  }

  const heartbeat = setInterval(() => {
    const c = client;
    if (!c || !up) return;
    c.query('select 1').catch((error) => drop(c, error));
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  void connect();
  return {
    connected: () => up,
    backendPid: () => pid,
    async close() {
      closed = true;
      clearInterval(heartbeat);
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      up = false;
      await c?.end().catch(() => undefined);
    },
  };
}
