// Recomputes after punches, batched: at a morning rush hundreds of punches arrive each second, and a
// recompute per punch would load the model, read the settings and write its days one punch at a time, all
// behind the one-recompute-at-a-time lock. Instead punches that arrive while a recompute runs wait together
// and the next recompute takes all their days at once (group commit): each punch still gets its day's
// standing before its answer, a quiet kiosk still waits for its own punch only.
import type { Db } from '../../db/database.js';
import type { ServiceContext } from '../context.js';
import { punchDays, todayOf } from './changes.js';
import { loadModel } from './model.js';
import { recompute, serially, targetFromDays } from './recompute.js';

interface Waiting {
  employeeId: number;
  at: string;
  done(error?: unknown): void;
}

interface Queue {
  waiting: Waiting[];
  running: boolean;
}

/** Punches recomputed together at most (a bound on how long one batch holds the lock). */
const MAX_BATCH = 250;

const queues = new WeakMap<Db, Queue>();

/** Re-evaluates the days this punch belongs to, together with any other punches waiting at the time. */
export function recomputeAfterPunchBatched(
  ctx: ServiceContext,
  employeeId: number,
  at: string,
): Promise<void> {
  let queue = queues.get(ctx.db);
  if (!queue) {
    queue = { waiting: [], running: false };
    queues.set(ctx.db, queue);
  }
  const q = queue;
  return new Promise<void>((resolve, reject) => {
    q.waiting.push({ employeeId, at, done: (error) => (error ? reject(error) : resolve()) });
    // Started on the next turn of the event loop, so that punches arriving in the same turn join the batch.
    if (!q.running) {
      q.running = true;
      setImmediate(() => void drain(ctx, q));
    }
  });
}

async function drain(ctx: ServiceContext, queue: Queue) {
  queue.running = true;
  try {
    let first = true;
    while (queue.waiting.length > 0) {
      // Between batches, a turn of the event loop, so that requests waiting in their sockets are read.
      if (!first) await new Promise((resolve) => setImmediate(resolve));
      first = false;
      const batch = queue.waiting.splice(0, MAX_BATCH);
      try {
        await serially(async () => {
          const model = await loadModel(ctx.db.kysely);
          const today = await todayOf(ctx);
          const days = batch.flatMap((w) => punchDays(model, w.employeeId, w.at, today));
          if (days.length > 0) await recompute(ctx, model, targetFromDays(days), 'punch');
        });
        for (const w of batch) w.done();
      } catch (error) {
        for (const w of batch) w.done(error);
      }
    }
  } finally {
    queue.running = false;
  }
}
