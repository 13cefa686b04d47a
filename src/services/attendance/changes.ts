// From a change to the days it touches (the engine's affectedDays), then a recompute: in the request for a
// small change, as a background task with progress for a large one.
import type { Kysely } from 'kysely';
import { affectedDays, type EmployeeDay } from '../../core/attendance/affected-days.js';
import { addDays } from '../../core/time/date.js';
import { localDateOf } from '../../core/time/zone.js';
import type { AttendanceRequestRow, Database } from '../../db/schema.js';
import { type Actor, systemActor } from '../actor.js';
import type { ServiceContext } from '../context.js';
import { startTask, type TaskDto } from '../tasks.service.js';
import { toDayRequest } from './inputs.js';
import { loadModel, type Model } from './model.js';
import {
  closedMonths,
  type RecomputeStats,
  type RecomputeTarget,
  recompute,
  serially,
  targetFromDays,
  targetSize,
} from './recompute.js';
import { readSettings } from './settings.js';

export interface RecomputeOutcome {
  mode: 'sync' | 'task' | 'none';
  days: number;
  stats?: RecomputeStats;
  task?: TaskDto;
}

/** Today in the company's zone: days after it are not evaluated yet. */
export async function todayOf(ctx: ServiceContext): Promise<string> {
  const settings = await readSettings(ctx.db.kysely);
  return localDateOf(ctx.now().getTime(), settings.companyZone);
}

/** Where recomputes after a configuration change start: the first open month with results, else this month. */
export async function horizonFrom(db: Kysely<Database>, today: string): Promise<string> {
  const row = await db
    .selectFrom('day_results')
    .select((eb) => eb.fn.min<string>('date').as('first'))
    .executeTakeFirst();
  const closed = await closedMonths(db);
  let month = (row?.first ?? today).slice(0, 7);
  const current = today.slice(0, 7);
  while (month < current && closed.has(month)) month = addDays(`${month}-28`, 5).slice(0, 7);
  return `${month}-01`;
}

function upTo(days: EmployeeDay[], today: string): EmployeeDay[] {
  return days.filter((d) => d.date <= today);
}

export function punchDays(model: Model, employeeId: number, at: string, today: string): EmployeeDay[] {
  return upTo(affectedDays({ kind: 'punch', employeeId: String(employeeId), at }, model.context), today);
}

export function requestDays(model: Model, row: AttendanceRequestRow, today: string): EmployeeDay[] {
  const request = toDayRequest(row, true);
  return upTo(
    affectedDays({ kind: 'request', employeeId: String(row.employee_id), request }, model.context),
    today,
  );
}

export function scheduleDays(
  before: Model,
  after: Model,
  from: string,
  to: string,
  employeeIds?: Iterable<number>,
): EmployeeDay[] {
  if (to < from) return [];
  const ids = employeeIds ? [...employeeIds].map(String) : undefined;
  return affectedDays({ kind: 'schedule', from, to, employeeIds: ids }, before.context, after.context).filter(
    (d) => d.date >= from && d.date <= to,
  );
}

export function calendarDays(
  before: Model,
  after: Model,
  dates: string[],
  from: string,
  to: string,
  employeeIds?: Iterable<number>,
) {
  const within = dates.filter((d) => d >= from && d <= to);
  if (within.length === 0) return [];
  const ids = employeeIds ? [...employeeIds].map(String) : undefined;
  return affectedDays(
    { kind: 'calendar', dates: within, employeeIds: ids },
    before.context,
    after.context,
  ).filter((d) => d.date >= from && d.date <= to);
}

/** Recompute the target now when small, else in a background task; either way one at a time. */
export async function runRecompute(
  ctx: ServiceContext,
  actor: Actor | null,
  target: RecomputeTarget,
  cause: string,
): Promise<RecomputeOutcome> {
  const days = targetSize(target);
  if (days === 0) return { mode: 'none', days };
  const settings = await readSettings(ctx.db.kysely);
  if (days <= settings.syncRecomputeLimit) {
    const stats = await serially(async () => recompute(ctx, await loadModel(ctx.db.kysely), target, cause));
    return { mode: 'sync', days, stats };
  }
  const task = await startTask(ctx, actor ?? systemActor(), 'attendance.recompute', (progress) =>
    serially(async () => {
      const stats = await recompute(ctx, await loadModel(ctx.db.kysely), target, cause, (done, total) =>
        progress.update(done, total, `${done} / ${total} employee-days`),
      );
      return { result: stats };
    }),
  );
  return { mode: 'task', days, task };
}

/**
 * For the punch service (kiosk, PIN, QR, import): re-evaluates the days a new, moved or removed punch
 * belongs to. Call it after the punch's transaction has committed.
 */
export async function recomputeAfterPunch(
  ctx: ServiceContext,
  employeeId: number,
  at: string,
  cause = 'punch',
): Promise<RecomputeOutcome> {
  const model = await loadModel(ctx.db.kysely);
  const days = punchDays(model, employeeId, at, await todayOf(ctx));
  return runRecompute(ctx, null, targetFromDays(days), cause);
}
