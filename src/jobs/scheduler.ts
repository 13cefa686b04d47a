// Runs scheduled jobs. Every instance ticks, but a run is claimed by inserting its (job, slot) row: the unique
// constraint lets exactly one instance win, on SQLite and on PostgreSQL alike.
import { randomBytes } from 'node:crypto';
import { dueSlot, type Schedule } from '../core/jobs/slots.js';
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

/** Runs each job whose current slot has not run yet anywhere. */
export async function runDueJobs(ctx: ServiceContext, jobs: readonly ScheduledJob[]): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    const slot = dueSlot(job.schedule, ctx.now().getTime());
    if (!(await claim(ctx, job.name, slot))) {
      outcomes.push({ job: job.name, slot, status: 'skipped' });
      continue;
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
    outcomes.push({ job: job.name, slot, status, result });
  }
  return outcomes;
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
