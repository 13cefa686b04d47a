// Scheduled attendance work: the nightly recompute of yesterday (days nothing triggered, like an absence
// without punches, get their result) and the yearly statutory annual-leave accrual.
import { addDays } from '../../core/time/date.js';
import { systemActor } from '../actor.js';
import type { ServiceContext } from '../context.js';
import { todayOf } from './changes.js';
import { accrueAnnualLeave } from './leave.service.js';
import { loadModel } from './model.js';
import { recompute, serially, targetFromRange } from './recompute.js';

export async function recomputeYesterday(ctx: ServiceContext) {
  const today = await todayOf(ctx);
  const yesterday = addDays(today, -1);
  const stats = await serially(async () => {
    const model = await loadModel(ctx.db.kysely);
    const ids = [...model.groupMembers.values()].flatMap((s) => [...s]);
    return recompute(ctx, model, targetFromRange(new Set(ids), yesterday, yesterday), `nightly ${yesterday}`);
  });
  return { date: yesterday, ...stats };
}

/** Grants this year's statutory annual leave; idempotent, so running it daily picks up new hires. */
export async function accrueThisYear(ctx: ServiceContext) {
  const today = await todayOf(ctx);
  return accrueAnnualLeave(ctx, systemActor('annual-leave-accrual'), Number(today.slice(0, 4)));
}
