// One employee's month: its day results summed by the attendance month summary, scored by the formula and
// priced by the reward and penalty rules; stored with a version, the earlier versions kept.
import type { Kysely } from 'kysely';
import { metricsOf, scoreOf } from '../../core/assessment/formula.js';
import { type Adjustment, ledgerOf, monthEnd } from '../../core/assessment/ledger.js';
import { monthSummary } from '../../core/attendance/month-summary.js';
import type { DayResult } from '../../core/attendance/result.js';
import type { Database } from '../../db/schema.js';
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

export async function evaluateEmployeeMonth(
  db: Kysely<Database>,
  settings: AssessmentSettings,
  employee: { id: number; position_id: number | null },
  month: string,
) {
  const days = await loadMonthDays(db, employee.id, month);
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
    adjustments: await adjustmentsOf(db, employee.id, month),
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
): Promise<boolean> {
  const values = {
    summary: JSON.stringify({ ...r.summary, metrics: r.metrics }),
    score: r.score.score,
    score_lines: JSON.stringify(r.score),
    ledger: JSON.stringify(r.ledger.lines),
    total_fen: r.ledger.totalFen,
    grade: r.grade,
  };
  const old = await trx
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
