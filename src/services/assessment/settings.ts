// Assessment settings (one JSON value in the settings table): the score formula, the reward and penalty rules
// with their effective dates, grades by position, the appeal chain with its deadlines, the appeal window after
// publication and whether the public list (公示) masks names.
import type { Kysely } from 'kysely';
import type { AppealStep } from '../../core/assessment/appeal-flow.js';
import { formulaProblems, type ScoreFormula } from '../../core/assessment/formula.js';
import { type RewardRule, ruleProblems } from '../../core/assessment/ledger.js';
import { invalid } from '../../core/errors.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';

export interface AssessmentSettings {
  formula: ScoreFormula;
  rules: RewardRule[];
  /** Grade (职级) by position id, for rules priced per grade; employees without one take defaultGrade. */
  positionGrades: Record<string, string>;
  defaultGrade: string | null;
  /** Who decides an appeal, in order. */
  appealChain: AppealStep[];
  /** Days each step has to decide. */
  appealStepDays: number;
  /** A reminder goes to the deciders this many hours before a step is due (and once when overdue). */
  appealReminderHours: number;
  /** Days after publication during which the month may be appealed. */
  appealWindowDays: number;
  /** A day result may be appealed up to this many days after the day (and only while its month is open). */
  dayAppealDays: number;
  /** The public list (公示) shows masked names. */
  maskNames: boolean;
}

export const DEFAULT_ASSESSMENT_SETTINGS: AssessmentSettings = {
  formula: {
    base: 100,
    min: 0,
    max: 100,
    items: [
      { metric: 'lateCount', pointsPerUnit: -2, cap: 20 },
      { metric: 'earlyLeaveCount', pointsPerUnit: -2, cap: 20 },
      { metric: 'absentDays', pointsPerUnit: -10, cap: null },
      { metric: 'missingPunches', pointsPerUnit: -1, cap: 10 },
    ],
  },
  rules: [
    {
      id: 'late',
      name: '迟到罚款',
      kind: 'late',
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      freeCount: 3,
      freeMaxMinutes: 10,
      amountFen: 2000,
    },
    {
      id: 'absence',
      name: '旷工扣款',
      kind: 'absence',
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      dayPayFenByGrade: {},
      defaultDayPayFen: 20000,
    },
    {
      id: 'full-attendance',
      name: '全勤奖',
      kind: 'fullAttendance',
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      amountFen: 20000,
      maxLeaveDays: 0,
    },
  ],
  positionGrades: {},
  defaultGrade: null,
  appealChain: ['manager', 'hr'],
  appealStepDays: 3,
  appealReminderHours: 24,
  appealWindowDays: 7,
  dayAppealDays: 30,
  maskNames: true,
};

const KEY = 'assessment.settings';

export async function readAssessmentSettings(db: Kysely<Database>): Promise<AssessmentSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  const stored = row ? (JSON.parse(row.value) as Partial<AssessmentSettings>) : {};
  return { ...structuredClone(DEFAULT_ASSESSMENT_SETTINGS), ...stored };
}

export function checkAssessmentSettings(s: AssessmentSettings): void {
  const problems = [...formulaProblems(s.formula), ...s.rules.flatMap(ruleProblems)];
  const ids = s.rules.map((r) => r.id);
  if (new Set(ids).size !== ids.length) problems.push('rule ids must be unique');
  if (s.appealChain.some((step) => step !== 'manager' && step !== 'hr'))
    problems.push('appealChain lists the steps "manager" and/or "hr"');
  for (const k of ['appealStepDays', 'appealWindowDays', 'dayAppealDays', 'appealReminderHours'] as const) {
    if (!Number.isInteger(s[k]) || s[k] < 0 || s[k] > 366) problems.push(`${k} must be a whole number 0–366`);
  }
  if (problems.length) throw invalid(problems.join('; '));
}

export async function getAssessmentSettings(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'assessment.read');
  return readAssessmentSettings(ctx.db.kysely);
}

export async function updateAssessmentSettings(
  ctx: ServiceContext,
  actor: Actor | null,
  patch: Partial<AssessmentSettings>,
) {
  authorize(actor, 'assessment.manage');
  const before = await readAssessmentSettings(ctx.db.kysely);
  const next: AssessmentSettings = { ...before, ...patch };
  checkAssessmentSettings(next);
  const value = JSON.stringify(next);
  await writeWithAudit(ctx, actor, async (trx) => {
    const exists = await trx.selectFrom('settings').select('key').where('key', '=', KEY).executeTakeFirst();
    if (exists)
      await trx
        .updateTable('settings')
        .set({ value, updated_at: nowIso(ctx) })
        .where('key', '=', KEY)
        .execute();
    else
      await trx
        .insertInto('settings')
        .values({ key: KEY, value, updated_at: nowIso(ctx) })
        .execute();
    return {
      result: undefined,
      audit: {
        action: 'assessment.settings',
        targetType: 'settings',
        targetId: KEY,
        details: { changed: Object.keys(patch).filter((k) => k in before) },
      },
    };
  });
  return next;
}
