// What the kiosk shows after a punch: the day is recomputed at once, and its standing (late by how much, left
// early by how much) comes back on the result card. Punches arriving together are recomputed together.
import { prepare } from '../../db/prepared.js';
import type { ServiceContext } from '../context.js';
import { recomputeAfterPunchBatched } from './punch-batch.js';

export interface PunchDayStatus {
  date: string;
  statuses: string[];
  lateMinutes: number;
  earlyLeaveMinutes: number;
}

export async function dayStatusAfterPunch(
  ctx: ServiceContext,
  employeeId: number,
  punchId: number,
  at: string,
): Promise<PunchDayStatus | null> {
  await recomputeAfterPunchBatched(ctx, employeeId, at);
  // The punch belongs to the day it falls on, or to the day before for a shift that crossed midnight.
  const from = new Date(Date.parse(at) - 2 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.parse(at) + 86_400_000).toISOString().slice(0, 10);
  const rows = await selectDays(ctx.db.kysely, { employeeId, from, to });
  const owner = rows.find((r) => r.result.includes(`"id":"${punchId}"`));
  if (!owner) return null;
  return {
    date: owner.date,
    statuses: owner.statuses ? owner.statuses.split(',') : [],
    lateMinutes: owner.late_minutes,
    earlyLeaveMinutes: owner.early_leave_minutes,
  };
}

// Read after every punch: built once.
const selectDays = prepare((db, p: { employeeId: number; from: string; to: string }) =>
  db
    .selectFrom('day_results')
    .select(['date', 'statuses', 'late_minutes', 'early_leave_minutes', 'result'])
    .where('employee_id', '=', p.employeeId)
    .where('date', '>=', p.from)
    .where('date', '<=', p.to)
    .orderBy('date', 'desc'),
);
