// Evaluating one chunk of employees: the engine over each employee's dates, turned into rows to store. Pure
// computation on loaded inputs, so it runs in the request thread or in an evaluation worker alike.
import type { Punch } from '../../core/attendance/punches.js';
import { evaluateRange } from '../../core/attendance/range.js';
import type { DayRequest } from '../../core/attendance/requests.js';
import { assignmentOn } from '../../core/attendance/roster.js';
import { type DayRowValues, dayRowValues } from './day-rows.js';
import type { Model } from './model.js';

export interface ChunkInput {
  /** Each employee with the sorted dates to evaluate. */
  employees: { id: number; dates: string[] }[];
  punches: Map<number, Punch[]>;
  requests: Map<number, DayRequest[]>;
}

export interface ChunkOutput {
  rows: DayRowValues[];
  /** Days no attendance group covers: a stored result for them is removed. */
  outOfScope: { employeeId: number; date: string }[];
  evaluated: number;
}

export function evaluateChunk(model: Model, input: ChunkInput): ChunkOutput {
  const rows: DayRowValues[] = [];
  const outOfScope: { employeeId: number; date: string }[] = [];
  let evaluated = 0;
  for (const { id, dates } of input.employees) {
    const wanted = new Set(dates);
    const results = evaluateRange({
      context: model.context,
      employeeId: String(id),
      from: dates[0],
      to: dates[dates.length - 1],
      punches: input.punches.get(id) ?? [],
      requests: input.requests.get(id) ?? [],
      leaveTypes: model.leaveTypes,
    });
    for (const r of results) {
      if (!wanted.has(r.date)) continue;
      evaluated++;
      if (r.statuses.includes('outOfScope')) {
        outOfScope.push({ employeeId: id, date: r.date });
        continue;
      }
      const a = assignmentOn(model.context, String(id), r.date);
      rows.push(dayRowValues(id, a ? Number(a.groupId) : null, r));
    }
  }
  return { rows, outOfScope, evaluated };
}
