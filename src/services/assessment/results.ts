// One employee's month: its day results summed by the attendance month summary, scored by the formula and
// priced by the reward and penalty rules; stored with a version, the earlier versions kept.
import type { Kysely, Selectable } from 'kysely';
import { metricsOf, scoreOf } from '../../core/assessment/formula.js';
import { type Adjustment, ledgerOf, monthEnd } from '../../core/assessment/ledger.js';
import { monthSummary } from '../../core/attendance/month-summary.js';
import type { DayResult } from '../../core/attendance/result.js';
import type { AssessmentResultsTable, Database } from '../../db/schema.js';
import type { AssessmentSettings } from './settings.js';

export interface Correction {
  kind: 'punch' | 'request' | 'adjustment' | 'none';
  at?: string;
  request?: {
    kind: 'leave' | 'businessTrip' | 'fieldWork';
    leaveType?: string;
    startDate?: string;
    endDate?: string;
    startHalf?: 'am' | 'pm';
    endHalf?: 'am' | 'pm';
    startAt?: string;
    endAt?: string;
  };
  amountFen?: number;
  note?: string;
}

export async function loadMonthDays(db: Kysely<Database>, employeeId: number, month: string) {
  const rows = await db
    .selectFrom('day_results')
    .select('result')
    .where('employee_id', '=', employeeId)
    .where('date', '>=', `${month}-01`)
    .where('date', '<=', monthEnd(month))
    .orderBy('date')
    .execute();
  return rows.map((r) => JSON.parse(r.result) as DayResult);
}

async function adjustmentsOf(db: Kysely<Database>, employeeId: number, month: string): Promise<Adjustment[]> {
  const rows = await db
    .selectFrom('appeals')
    .select(['id', 'correction'])
    .where('employee_id', '=', employeeId)
    .where('month', '=', month)
    .where('status', '=', 'overturned')
    .orderBy('id')
    .execute();
  const out: Adjustment[] = [];
  for (const r of rows) {
    const c = r.correction ? (JSON.parse(r.correction) as Correction) : null;
    if (c?.kind === 'adjustment' && c.amountFen) {
      out.push({ amountFen: c.amountFen, note: c.note ?? '', appealId: r.id });
    }
  }
  return out;
}

export function gradeOf(settings: AssessmentSettings, positionId: number | null): string | null {
  return (
    (positionId !== null ? settings.positionGrades[String(positionId)] : undefined) ?? settings.defaultGrade
  );
}

export interface MonthInputs {
  days: DayResult[];
  adjustments: Adjustment[];
}

/** The day results and adjustments of many employees' month, in a few queries. */
export async function loadMonthInputs(
  db: Kysely<Database>,
  month: string,
  employeeIds: readonly number[],
): Promise<Map<number, MonthInputs>> {
  const out = new Map<number, MonthInputs>(employeeIds.map((id) => [id, { days: [], adjustments: [] }]));
  for (let i = 0; i < employeeIds.length; i += 500) {
    const ids = employeeIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('day_results')
      .select(['employee_id', 'result'])
      .where('employee_id', 'in', ids)
      .where('date', '>=', `${month}-01`)
      .where('date', '<=', monthEnd(month))
      .orderBy('employee_id')
      .orderBy('date')
      .execute();
    for (const r of rows) out.get(r.employee_id)?.days.push(JSON.parse(r.result) as DayResult);
  }
  const appeals = await db
    .selectFrom('appeals')
    .select(['id', 'employee_id', 'correction'])
    .where('month', '=', month)
    .where('status', '=', 'overturned')
    .orderBy('id')
    .execute();
  for (const a of appeals) {
    const c = a.correction ? (JSON.parse(a.correction) as Correction) : null;
    if (c?.kind === 'adjustment' && c.amountFen)
      out
        .get(a.employee_id)
        ?.adjustments.push({ amountFen: c.amountFen, note: c.note ?? '', appealId: a.id });
  }
  return out;
}

export async function evaluateEmployeeMonth(
  db: Kysely<Database>,
  settings: AssessmentSettings,
  employee: { id: number; position_id: number | null },
  month: string,
  inputs?: MonthInputs,
) {
  const days = inputs?.days ?? (await loadMonthDays(db, employee.id, month));
  const summary = monthSummary(days);
  const metrics = metricsOf(summary);
  const score = scoreOf(settings.formula, metrics);
  const grade = gradeOf(settings, employee.position_id);
  const ledger = ledgerOf({
    month,
    days,
    summary,
    grade,
    rules: settings.rules,
    adjustments: inputs?.adjustments ?? (await adjustmentsOf(db, employee.id, month)),
  });
  return { days, summary, metrics, score, grade, ledger };
}

/** Writes the result when it changed (a new version, the old one kept in the history); returns whether it did. */
export async function storeResult(
  trx: Kysely<Database>,
  month: string,
  employeeId: number,
  r: Awaited<ReturnType<typeof evaluateEmployeeMonth>>,
  cause: string,
  now: string,
  /** The stored result when already loaded (null: none). */
  stored?: Selectable<AssessmentResultsTable> | null,
): Promise<boolean> {
  const values = {
    summary: JSON.stringify({ ...r.summary, metrics: r.metrics }),
    score: r.score.score,
    score_lines: JSON.stringify(r.score),
    ledger: JSON.stringify(r.ledger.lines),
    total_fen: r.ledger.totalFen,
    grade: r.grade,
  };
  const old =
    stored !== undefined
      ? stored
      : await trx
          .selectFrom('assessment_results')
          .selectAll()
          .where('month', '=', month)
          .where('employee_id', '=', employeeId)
          .executeTakeFirst();
  if (!old) {
    await trx
      .insertInto('assessment_results')
      .values({ month, employee_id: employeeId, ...values, version: 1, cause, computed_at: now })
      .execute();
    return true;
  }
  if (
    old.summary === values.summary &&
    old.ledger === values.ledger &&
    old.score_lines === values.score_lines &&
    old.grade === values.grade
  )
    return false;
  await trx
    .insertInto('assessment_result_history')
    .values({
      month,
      employee_id: employeeId,
      version: old.version,
      score: old.score,
      total_fen: old.total_fen,
      summary: old.summary,
      ledger: old.ledger,
      cause: old.cause,
      computed_at: old.computed_at,
    })
    .execute();
  await trx
    .updateTable('assessment_results')
    .set({ ...values, version: old.version + 1, cause, computed_at: now })
    .where('id', '=', old.id)
    .execute();
  return true;
}

/**
 * Every listed employee's month evaluated and stored (only the changed ones are written); returns how many
 * changed. Runs inside the caller's transaction.
 */
export async function writeMonthResults(
  trx: Kysely<Database>,
  settings: AssessmentSettings,
  month: string,
  employees: readonly { id: number; position_id: number | null }[],
  cause: string,
  now: string,
  onProgress?: (done: number) => Promise<void>,
): Promise<number> {
  const inputs = await loadMonthInputs(
    trx,
    month,
    employees.map((e) => e.id),
  );
  const stored = new Map(
    (await trx.selectFrom('assessment_results').selectAll().where('month', '=', month).execute()).map((r) => [
      r.employee_id,
      r,
    ]),
  );
  let changed = 0;
  for (const [i, e] of employees.entries()) {
    const r = await evaluateEmployeeMonth(trx, settings, e, month, inputs.get(e.id));
    if (await storeResult(trx, month, e.id, r, cause, now, stored.get(e.id) ?? null)) changed++;
    if (onProgress && i % 100 === 0) await onProgress(i);
  }
  return changed;
}
