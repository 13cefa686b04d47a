// A configuration change (shift, group, members, schedule cells, calendar): written with its audit entry and
// a bump of the configuration version, then the days whose plan changed are recomputed.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { type AuditInput, writeWithAudit } from '../audit.service.js';
import { nowIso, type ServiceContext } from '../context.js';
import {
  calendarDays,
  horizonFrom,
  type RecomputeOutcome,
  runRecompute,
  scheduleDays,
  todayOf,
} from './changes.js';
import { loadModel } from './model.js';
import { targetFromDays } from './recompute.js';
import { bumpConfigVersion } from './settings.js';

/** Which days the change may affect: a date range (and employees), or calendar dates. */
export interface ChangeScope {
  from?: string;
  employeeIds?: Iterable<number>;
  /** Everyone in these groups before or after the change. */
  groupIds?: number[];
  calendarDates?: string[];
}

export async function configChange<T>(
  ctx: ServiceContext,
  actor: Actor,
  cause: string,
  work: (trx: Kysely<Database>) => Promise<{ result: T; audit: AuditInput; scope: ChangeScope }>,
): Promise<T & { recompute: RecomputeOutcome }> {
  const before = await loadModel(ctx.db.kysely);
  let scope: ChangeScope = {};
  const result = await writeWithAudit(ctx, actor, async (trx) => {
    const out = await work(trx);
    scope = out.scope;
    await bumpConfigVersion(trx, nowIso(ctx));
    return { result: out.result, audit: out.audit };
  });
  const after = await loadModel(ctx.db.kysely);
  const today = await todayOf(ctx);
  const horizon = await horizonFrom(ctx.db.kysely, today);
  const from = scope.from && scope.from > horizon ? scope.from : horizon;
  let employees = scope.employeeIds ? [...scope.employeeIds] : undefined;
  if (scope.groupIds) {
    const set = new Set(employees ?? []);
    for (const id of scope.groupIds) {
      for (const e of before.groupMembers.get(id) ?? []) set.add(e);
      for (const e of after.groupMembers.get(id) ?? []) set.add(e);
    }
    employees = [...set];
  }
  const days = scope.calendarDates
    ? calendarDays(before, after, scope.calendarDates, from, today, employees)
    : scheduleDays(before, after, from, today, employees);
  const recompute = await runRecompute(ctx, actor, targetFromDays(days), cause);
  return { ...result, recompute };
}
