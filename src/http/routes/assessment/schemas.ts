// Schemas of the assessment and appeal routes.
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../schemas.js';

/** A string that is one of `values` (an OpenAPI enum). */
export const Enum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
export const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

const Fen = Type.Integer({ description: 'money in fen (分); negative: a penalty' });

export const Cycle = Type.Object({
  month: Type.String(),
  status: Enum(['open', 'computed', 'reviewed', 'published', 'closed'] as const),
  computedAt: Nullable(Type.String()),
  computedBy: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  publishedBy: Nullable(Type.String()),
  appealUntil: Nullable(Type.String({ description: 'last date to appeal the month' })),
  closedAt: Nullable(Type.String()),
  closedBy: Nullable(Type.String()),
  employees: Type.Integer(),
  pendingAppeals: Type.Integer(),
});

export const ResultRow = Type.Object({
  employeeId: Type.Integer(),
  employeeNo: Type.String(),
  name: Type.String(),
  departmentId: Nullable(Type.Integer()),
  departmentName: Nullable(Type.String()),
  attendanceRate: Nullable(Type.Number()),
  daysScheduled: Type.Number(),
  daysAttended: Type.Number(),
  lateCount: Type.Integer(),
  lateMinutes: Type.Integer(),
  earlyLeaveCount: Type.Integer(),
  earlyLeaveMinutes: Type.Integer(),
  absentDays: Type.Number(),
  missingPunches: Type.Integer(),
  leaveDays: Type.Number(),
  score: Type.Number(),
  penaltiesFen: Fen,
  rewardsFen: Fen,
  totalFen: Fen,
  grade: Nullable(Type.String()),
  version: Type.Integer(),
  computedAt: Type.String(),
});

const LedgerLine = Type.Object({
  ruleId: Nullable(Type.String()),
  ruleName: Type.String(),
  kind: Type.String(),
  date: Nullable(Type.String()),
  amountFen: Fen,
  amount: Type.String({ description: 'yuan, two decimals' }),
  code: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  text: Type.String({ description: 'the line in words, in the request language' }),
});

const ScoreLine = Type.Object({
  metric: Type.String(),
  value: Type.Number(),
  pointsPerUnit: Type.Number(),
  raw: Type.Number(),
  points: Type.Number(),
  capped: Type.Boolean(),
  text: Type.String(),
});

export const Statement = Type.Composite([
  ResultRow,
  Type.Object({
    cycle: Cycle,
    leave: Type.Record(Type.String(), Type.Unknown()),
    scoreBase: Type.Number(),
    scoreClampedTo: Nullable(Type.String()),
    scoreLines: Type.Array(ScoreLine),
    ledger: Type.Array(LedgerLine),
    cause: Type.String(),
    history: Type.Array(
      Type.Object({
        version: Type.Integer(),
        score: Type.Number(),
        totalFen: Fen,
        cause: Type.String(),
        computedAt: Type.String(),
      }),
    ),
  }),
]);

export const PublicRow = Type.Object({
  name: Type.String({ description: 'masked (张*丰) when the setting says so' }),
  departmentName: Nullable(Type.String()),
  attendanceRate: Nullable(Type.Number()),
  lateCount: Type.Integer(),
  earlyLeaveCount: Type.Integer(),
  absentDays: Type.Number(),
  missingPunches: Type.Integer(),
  score: Type.Number(),
  penaltiesFen: Fen,
  rewardsFen: Fen,
  totalFen: Fen,
});

const Rule = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 60 }),
    name: Type.String({ maxLength: 100 }),
    kind: Enum(['late', 'earlyLeave', 'absence', 'missingPunch', 'fullAttendance'] as const),
    effectiveFrom: DateText,
    effectiveTo: Nullable(DateText),
    freeCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    freeMaxMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
    amountFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    dayPayFenByGrade: Type.Optional(
      Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    ),
    defaultDayPayFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    maxLeaveDays: Type.Optional(Type.Number({ minimum: 0, maximum: 31 })),
  },
  { description: 'a reward or penalty rule; the fields used depend on kind' },
);

export const Settings = Type.Object({
  formula: Type.Object({
    base: Type.Number({ minimum: -10000, maximum: 10000 }),
    min: Type.Number({ minimum: -10000, maximum: 10000 }),
    max: Type.Number({ minimum: -10000, maximum: 10000 }),
    items: Type.Array(
      Type.Object({
        metric: Enum([
          'lateCount',
          'lateMinutes',
          'earlyLeaveCount',
          'earlyLeaveMinutes',
          'absentDays',
          'missingPunches',
          'leaveDays',
          'attendanceRatePercent',
          'fullAttendance',
        ] as const),
        pointsPerUnit: Type.Number({ minimum: -1000, maximum: 1000 }),
        cap: Nullable(Type.Number({ minimum: 0, maximum: 10000 })),
      }),
      { maxItems: 20 },
    ),
  }),
  rules: Type.Array(Rule, { maxItems: 50 }),
  positionGrades: Type.Record(Type.String({ pattern: '^\\d+$' }), Type.String({ maxLength: 40 })),
  defaultGrade: Nullable(Type.String({ maxLength: 40 })),
  appealChain: Type.Array(Type.Union([Type.Literal('manager'), Type.Literal('hr')]), { maxItems: 2 }),
  appealStepDays: Type.Integer({ minimum: 0, maximum: 366 }),
  appealReminderHours: Type.Integer({ minimum: 0, maximum: 366 }),
  appealWindowDays: Type.Integer({ minimum: 0, maximum: 366 }),
  dayAppealDays: Type.Integer({ minimum: 0, maximum: 366 }),
  maskNames: Type.Boolean(),
});
