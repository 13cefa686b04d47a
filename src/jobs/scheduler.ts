// Runs scheduled jobs. Every instance ticks, but a run is claimed by inserting its (job, slot) row: the unique
// constraint lets exactly one instance win, on SQLite and on PostgreSQL alike. On PostgreSQL a job also runs
// under a session advisory lock of its own, so a long run cannot overlap the next slot's run on another
// instance: while the lock is held elsewhere the job is skipped, and its slot stays free for a later tick.
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { dueSlot, type Schedule } from '../core/jobs/slots.js';
import type { Database } from '../db/schema.js';
import { nowIso, type ServiceContext } from '../services/context.js';

export interface ScheduledJob {
  name: string;
  schedule: Schedule;
  run(ctx: ServiceContext, slot: string): Promise<unknown>;
}

export interface JobOutcome {
  job: string;
  slot: string;
  status: 'ok' | 'failed' | 'skipped';
  result?: unknown;
}

export const instanceId = `${process.pid}-${randomBytes(3).toString('hex')}`;

async function claim(ctx: ServiceContext, job: string, slot: string): Promise<boolean> {
  try {
    await ctx.db.kysely
      .insertInto('job_runs')
      .values({
        job,
        slot,
        instance: instanceId,
        status: 'running',
        started_at: nowIso(ctx),
        finished_at: null,
        result: null,
      })
      .execute();
    return true;
  } catch (error) {
    if (/unique|duplicate/i.test((error as Error).message)) return false;
    throw error;
  }
}

/** Advisory lock namespace of scheduled jobs (others: 7210001 audit chain, 7210002 punches). */
const JOB_LOCK = 7210010;

/**
 * Runs `work` holding the job's advisory lock on one pooled connection, or returns `busy` when another
 * instance holds it. The key includes the schema, so two installations on one server do not block each other.
 * SQLite has one instance: the work just runs.
 */
async function underJobLock<T>(
  ctx: ServiceContext,
  job: string,
  work: () => Promise<T>,
): Promise<T | 'busy'> {
  if (ctx.db.dialect !== 'postgres') return work();
  return ctx.db.kysely.connection().execute(async (conn: Kysely<Database>) => {
    const key = sql`hashtext(current_schema() || ':' || ${job})`;
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${JOB_LOCK}, ${key}) as ok`.execute(
      conn,
    );
    if (!got.rows[0]?.ok) return 'busy' as const;
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${JOB_LOCK}, ${key})`.execute(conn);
    }
  });
}

/** Runs each job whose current slot has not run yet anywhere. */
export async function runDueJobs(ctx: ServiceContext, jobs: readonly ScheduledJob[]): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    const slot = dueSlot(job.schedule, ctx.now().getTime());
    const outcome = await underJobLock(ctx, job.name, () => runClaimed(ctx, job, slot));
    outcomes.push(
      outcome === 'busy' ? { job: job.name, slot, status: 'skipped', result: 'running elsewhere' } : outcome,
    );
  }
  return outcomes;
}

/** Claims the slot and runs the job; a slot claimed already is skipped. */
async function runClaimed(ctx: ServiceContext, job: ScheduledJob, slot: string): Promise<JobOutcome> {
  if (!(await claim(ctx, job.name, slot))) {
    return { job: job.name, slot, status: 'skipped' };
  }
  let status: 'ok' | 'failed' = 'ok';
  let result: unknown;
  try {
    result = await job.run(ctx, slot);
  } catch (error) {
    status = 'failed';
    result = { error: (error as Error).message };
    ctx.log.error({ job: job.name, slot, err: error }, 'scheduled job failed');
  }
  await ctx.db.kysely
    .updateTable('job_runs')
    .set({ status, finished_at: nowIso(ctx), result: JSON.stringify(result ?? null) })
    .where('job', '=', job.name)
    .where('slot', '=', slot)
    .execute();
  return { job: job.name, slot, status, result };
}

export interface Scheduler {
  stop(): Promise<void>;
  /** Runs a tick now (tests, and the first tick at start). */
  tick(): Promise<JobOutcome[]>;
}

export function startScheduler(
  ctx: ServiceContext,
  jobs: readonly ScheduledJob[],
  everyMs = 30_000,
): Scheduler {
  let running: Promise<JobOutcome[]> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped) return Promise.resolve([]);
    running ??= runDueJobs(ctx, jobs).finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    tick().catch((error) => ctx.log.error({ err: error }, 'scheduler tick failed'));
  }, everyMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running.catch(() => undefined);
    },
  };
}
