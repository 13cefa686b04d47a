import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  appealWindowEnd,
  cycleStep,
  decideAppeal,
  explainScoreLine,
  formulaProblems,
  METRICS,
  type Metrics,
  maskName,
  needsReminder,
  type ScoreFormula,
  scoreOf,
  stepDueAt,
} from '../../../src/core/assessment/index.js';

const FORMULA: ScoreFormula = {
  base: 100,
  min: 0,
  max: 100,
  items: [
    { metric: 'lateCount', pointsPerUnit: -2, cap: 10 },
    { metric: 'absentDays', pointsPerUnit: -10, cap: null },
    { metric: 'missingPunches', pointsPerUnit: -1, cap: 5 },
  ],
};

const zero = (m: Partial<Metrics> = {}): Metrics => ({
  ...(Object.fromEntries(METRICS.map((k) => [k, 0])) as Metrics),
  attendanceRatePercent: 100,
  ...m,
});

test('the score is the base plus points per item, each item capped, the total clamped', () => {
  const s = scoreOf(FORMULA, zero({ lateCount: 7, absentDays: 0.5, missingPunches: 2 }));
  assert.equal(s.score, 100 - 10 - 5 - 2);
  assert.deepEqual(
    s.lines.map((l) => [l.metric, l.points, l.capped]),
    [
      ['lateCount', -10, true],
      ['absentDays', -5, false],
      ['missingPunches', -2, false],
    ],
  );
  assert.equal(explainScoreLine(s.lines[0], 'en'), 'Lates 7 × -2 = -10 (capped from -14)');
  assert.equal(explainScoreLine(s.lines[1], 'zh-CN'), '旷工天数 0.5 天 × -10 = -5');
  const floor = scoreOf(FORMULA, zero({ absentDays: 20 }));
  assert.equal(floor.score, 0);
  assert.equal(floor.clampedTo, 'min');
});

test('property: the score stays within [min, max] and each item within its cap', () => {
  fc.assert(
    fc.property(
      fc.record({
        lateCount: fc.nat(40),
        absentDays: fc.integer({ min: 0, max: 40 }).map((n) => n / 2),
        missingPunches: fc.nat(60),
      }),
      (m) => {
        const s = scoreOf(FORMULA, zero(m));
        assert.ok(s.score >= FORMULA.min && s.score <= FORMULA.max);
        for (const l of s.lines) {
          const item = FORMULA.items.find((i) => i.metric === l.metric)!;
          if (item.cap !== null) assert.ok(Math.abs(l.points) <= item.cap);
        }
      },
    ),
  );
});

test('formula problems are named', () => {
  assert.deepEqual(formulaProblems(FORMULA), []);
  assert.deepEqual(
    formulaProblems({
      ...FORMULA,
      min: 200,
      items: [...FORMULA.items, { metric: 'lateCount', pointsPerUnit: 1, cap: -1 }],
    }),
    ['min must not be above max', 'metric lateCount is listed twice', 'lateCount: cap must be 0 or more'],
  );
});

test('the month cycle moves compute → review → publish → close, and nothing else', () => {
  assert.equal(cycleStep('open', 'compute'), 'computed');
  assert.equal(cycleStep('reviewed', 'compute'), 'computed');
  assert.equal(cycleStep('computed', 'review'), 'reviewed');
  assert.equal(cycleStep('reviewed', 'publish'), 'published');
  assert.equal(cycleStep('published', 'close'), 'closed');
  assert.equal(cycleStep('computed', 'publish'), null);
  assert.equal(cycleStep('published', 'compute'), null);
  assert.equal(cycleStep('closed', 'compute'), null);
  assert.equal(appealWindowEnd('2025-11-28', 7), '2025-12-05');
});

test('names are masked for the public list', () => {
  assert.deepEqual(['张三丰', '张三', '欧阳娜娜', 'Alice Smith', 'Bob', ''].map(maskName), [
    '张*丰',
    '张*',
    '欧**娜',
    'A**** S****',
    'B**',
    '',
  ]);
});

test('an appeal passes from manager to HR; HR overturns or either upholds', () => {
  const start = { status: 'pending' as const, chain: ['manager' as const, 'hr' as const], step: 0 };
  const atHr = decideAppeal(start, 'overturn');
  assert.deepEqual(atHr, { ...start, step: 1, final: false });
  assert.equal(decideAppeal(atHr, 'overturn').status, 'overturned');
  assert.equal(decideAppeal(start, 'uphold').status, 'upheld');
  assert.throws(() => decideAppeal({ ...start, status: 'upheld' }, 'overturn'));
});

test('a reminder is due once per step, when the step is near its deadline or late', () => {
  const due = stepDueAt('2025-11-01T00:00:00.000Z', 3);
  assert.equal(due, '2025-11-04T00:00:00.000Z');
  const a = { status: 'pending' as const, step: 0, dueAt: due, remindedStep: null };
  assert.equal(needsReminder(a, Date.parse('2025-11-02T00:00:00Z'), 24), false);
  assert.equal(needsReminder(a, Date.parse('2025-11-03T01:00:00Z'), 24), true);
  assert.equal(needsReminder({ ...a, remindedStep: 0 }, Date.parse('2025-11-05T00:00:00Z'), 24), false);
  assert.equal(
    needsReminder({ ...a, step: 1, remindedStep: 0 }, Date.parse('2025-11-05T00:00:00Z'), 24),
    true,
  );
});
