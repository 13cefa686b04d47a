// Group commit for small, frequent write transactions (kiosk punches). On SQLite every commit writes its pages
// to the write-ahead log and one writer commits at a time, so at a morning rush most of a punch's cost was its
// own commit. Here the transactions that arrive while one group is being written wait together, and the next
// group runs them one after another inside one transaction, each in its own savepoint: a transaction that
// fails is rolled back alone and the others are kept. Nobody is answered before the group's commit, so an
// acknowledged write is a stored write, as before. PostgreSQL runs each transaction on its own, as its
// transactions run side by side on a pool and take locks the next one in a group could wait for.
import { type Kysely, sql } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';

type Work<T> = (trx: Kysely<Database>) => Promise<T>;

interface Waiting {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Queue {
  waiting: Waiting[];
  running: boolean;
  /** The first group of a drain already starts on a turn of its own. */
  yieldFirst?: boolean;
}

/** Transactions in one group at most: a bound on how long one group holds the database. */
export const MAX_GROUP = 64;

/**
 * Members run back to back between two turns of the event loop, at most. Their queries are synchronous on
 * SQLite and chained by promises, so a whole group would otherwise run without a turn: meanwhile no socket is
 * read and no connection accepted (kiosks connecting at once were served one per group).
 */
const YIELD_EVERY = 4;

const queues = new WeakMap<Db, Queue>();

/**
 * Runs `work` in a transaction, committed together with the other transactions waiting at the time (SQLite).
 * `work` must use only the transaction it is given, never the database directly.
 */
export function inGroupTransaction<T>(db: Db, work: Work<T>): Promise<T> {
  if (db.dialect !== 'sqlite') return db.kysely.transaction().execute(work);
  let queue = queues.get(db);
  if (!queue) {
    queue = { waiting: [], running: false };
    queues.set(db, queue);
  }
  const q = queue;
  return new Promise<T>((resolve, reject) => {
    q.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
    // Started on the next turn of the event loop, so that writes arriving in the same turn join the group.
    if (!q.running) {
      q.running = true;
      setImmediate(() => void drain(db, q));
    }
  });
}

async function drain(db: Db, queue: Queue) {
  try {
    while (queue.waiting.length > 0) {
      // Between groups, a turn of the event loop: the members' queries run back to back without one, and
      // requests waiting in their sockets would otherwise wait for the whole queue.
      if (queue.yieldFirst) await new Promise((resolve) => setImmediate(resolve));
      queue.yieldFirst = true;
      const group = queue.waiting.splice(0, MAX_GROUP);
      const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
      try {
        await db.kysely.transaction().execute(async (trx) => {
          for (const [i, w] of group.entries()) {
            if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
            await sql`savepoint group_member`.execute(trx);
            try {
              const value = await w.work(trx);
              await sql`release savepoint group_member`.execute(trx);
              outcomes.push({ ok: true, value });
            } catch (error) {
              await sql`rollback to savepoint group_member`.execute(trx);
              await sql`release savepoint group_member`.execute(trx);
              outcomes.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        // The group's commit failed: nothing of it is stored.
        for (const w of group) w.reject(error);
        continue;
      }
      group.forEach((w, i) => {
        const o = outcomes[i];
        if (o.ok) w.resolve(o.value);
        else w.reject(o.error);
      });
    }
  } finally {
    queue.running = false;
    queue.yieldFirst = false;
  }
}
