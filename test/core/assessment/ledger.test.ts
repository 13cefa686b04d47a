import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { explainLine } from '../../../src/core/assessment/explain.js';
import { metricsOf, scoreOf } from '../../../src/core/assessment/formula.js';
import {
  type AbsenceRule,
  type CountRule,
  type FullAttendanceRule,
  ledgerOf,
  type MissingPunchRule,
  money,
  type RewardRule,
  ruleProblems,
} from '../../../src/core/assessment/ledger.js';
import { monthSummary } from '../../../src/core/attendance/month-summary.js';
import type { DayResult } from '../../../src/core/attendance/result.js';

function dayOf(date: string, f: Partial<DayResult> = {}): DayResult {
  return {
    employeeId: '1',
    date,
    zone: 'Asia/Shanghai',
    dayType: 'workday',
    holidayName: null,
    shiftId: 'office',
    shiftKind: 'fixed',
    scheduled: null,
    pairs: [],
    ignoredPunches: [],
    scheduledMinutes: 480,
    workedMinutes: 480,
    lateMinutes: 0,
    lateCount: 0,
    earlyLeaveMinutes: 0,
    earlyLeaveCount: 0,
    missingIn: 0,
    missingOut: 0,
    absent: 'none',
    leave: [],
    businessTripMinutes: 0,
    fieldWorkMinutes: 0,
    overtime: [],
    statuses: ['normal'],
    reasons: [],
    ...f,
  };
}

const late = (date: string, minutes: number) => dayOf(date, { lateMinutes: minutes, lateCount: 1 });
const LATE: CountRule = {
  id: 'late',
  name: 'Lateness',
  kind: 'late',
  effectiveFrom: '2025-01-01',
  effectiveTo: null,
  freeCount: 3,
  freeMaxMinutes: 10,
  amountFen: 2000,
};
const ABSENCE: AbsenceRule = {
  id: 'abs',
  name: 'Absence',
  kind: 'absence',
  effectiveFrom: '2025-01-01',
  effectiveTo: null,
  dayPayFenByGrade: { P1: 30000, P2: 45000 },
  defaultDayPayFen: 25000,
};
const BONUS: FullAttendanceRule = {
  id: 'full',
  name: 'Full attendance',
  kind: 'fullAttendance',
  effectiveFrom: '2025-01-01',
  effectiveTo: null,
  amountFen: 20000,
  maxLeaveDays: 0,
};

function run(days: DayResult[], rules: RewardRule[], grade: string | null = null) {
  return ledgerOf({ month: '2025-10', days, summary: monthSummary(days), grade, rules });
}

test('the first 3 lates of up to 10 minutes are free, each further one and any longer one costs 20', () => {
  const days = [
    late('2025-10-01', 5),
    late('2025-10-02', 12),
    late('2025-10-03', 10),
    late('2025-10-06', 1),
    late('2025-10-07', 9),
    dayOf('2025-10-08'),
  ];
  const l = run(days, [LATE]);
  assert.deepEqual(
    l.lines.map((x) => [x.date, x.code, x.amountFen]),
    [
      ['2025-10-01', 'late.free', 0],
      ['2025-10-02', 'late.overMax', -2000],
      ['2025-10-03', 'late.free', 0],
      ['2025-10-06', 'late.free', 0],
      ['2025-10-07', 'late.charged', -2000],
    ],
  );
  assert.equal(l.totalFen, -4000);
  assert.equal(l.penaltiesFen, -4000);
  assert.equal(explainLine(l.lines[1], 'en'), 'Lateness · Late 12 min: more than 10 min, −20.00');
  assert.equal(explainLine(l.lines[4], 'zh-CN'), 'Lateness · 迟到 9 分钟：超出每月 3 次免罚，罚款 20.00');
});

test('a rule applies only on the dates it is in force', () => {
  const rule = { ...LATE, freeCount: 0, effectiveFrom: '2025-10-03' };
  const l = run([late('2025-10-01', 5), late('2025-10-03', 5)], [rule]);
  assert.deepEqual(
    l.lines.map((x) => x.date),
    ['2025-10-03'],
  );
  const ended = { ...LATE, freeCount: 0, effectiveTo: '2025-10-02' };
  assert.deepEqual(
    run([late('2025-10-01', 5), late('2025-10-03', 5)], [ended]).lines.map((x) => x.date),
    ['2025-10-01'],
  );
});

test('absence costs the day pay of the grade, half a day half; unknown grades take the default', () => {
  const days = [dayOf('2025-10-01', { absent: 'full' }), dayOf('2025-10-02', { absent: 'half' })];
  assert.deepEqual(
    run(days, [ABSENCE], 'P2').lines.map((x) => x.amountFen),
    [-45000, -22500],
  );
  assert.equal(run(days, [ABSENCE], 'X').totalFen, -37500);
  assert.match(explainLine(run(days, [ABSENCE], 'P2').lines[0], 'zh-CN'), /旷工一天：按职级 P2 日薪 450.00/);
});

test('missing punches beyond the free count cost the set amount', () => {
  const rule: MissingPunchRule = {
    id: 'mp',
    name: 'Missing punch',
    kind: 'missingPunch',
    effectiveFrom: '2025-01-01',
    effectiveTo: null,
    freeCount: 1,
    amountFen: 1000,
  };
  const l = run([dayOf('2025-10-01', { missingIn: 1, missingOut: 1 })], [rule]);
  assert.deepEqual(
    l.lines.map((x) => x.amountFen),
    [0, -1000],
  );
});

test('the full-attendance bonus is granted only with no late, early leave, absence, missing punch or leave', () => {
  const clean = [dayOf('2025-10-01'), dayOf('2025-10-02')];
  const granted = run(clean, [BONUS]);
  assert.equal(granted.totalFen, 20000);
  assert.equal(granted.lines[0].code, 'fullAttendance.granted');
  const withLate = run([dayOf('2025-10-01'), late('2025-10-02', 3)], [BONUS, LATE]);
  const bonus = withLate.lines.find((x) => x.kind === 'fullAttendance');
  assert.equal(bonus?.code, 'fullAttendance.withheld');
  assert.equal(bonus?.amountFen, 0);
  assert.equal(withLate.totalFen, 0, 'the late itself was free, the bonus withheld');
  assert.equal(explainLine(bonus!, 'zh-CN'), 'Full attendance · 未获全勤奖（200.00）：迟到 1');
  const leaveDay = dayOf('2025-10-02', {
    workedMinutes: 0,
    leave: [{ leaveType: 'personal', requestId: '9', minutes: 480, paid: false, unit: 'day', amount: 1 }],
  });
  assert.equal(run([dayOf('2025-10-01'), leaveDay], [BONUS]).totalFen, 0);
  assert.equal(run([dayOf('2025-10-01'), leaveDay], [{ ...BONUS, maxLeaveDays: 1 }]).totalFen, 20000);
});

test('adjustments are lines of their own and money prints in yuan', () => {
  const l = ledgerOf({
    month: '2025-10',
    days: [late('2025-10-02', 30)],
    summary: monthSummary([late('2025-10-02', 30)]),
    grade: null,
    rules: [LATE],
    adjustments: [{ amountFen: 2000, note: 'kiosk was down', appealId: 4 }],
  });
  assert.equal(l.totalFen, 0);
  assert.equal(l.rewardsFen, 2000);
  assert.equal(explainLine(l.lines[1], 'en'), 'Adjustment after appeal #4: 20.00 (kiosk was down)');
  assert.deepEqual([money(0), money(5), money(-12345)], ['0.00', '0.05', '-123.45']);
});

test('rule problems are named', () => {
  assert.deepEqual(ruleProblems(LATE), []);
  assert.deepEqual(ruleProblems({ ...LATE, amountFen: 20.5, effectiveTo: '2024-01-01' }), [
    'rule late: effectiveTo must be a date on or after effectiveFrom',
    'rule late: amountFen must be a whole number of fen ≥ 0',
  ]);
});

test('property: one line per late, at most freeCount free, only short ones free, totals are the sum of the lines', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ late: fc.nat(90), absent: fc.constantFrom('none', 'half', 'full') }), {
        maxLength: 23,
      }),
      fc.nat(5),
      fc.nat(30),
      (spec, freeCount, freeMaxMinutes) => {
        const days = spec.map((s, i) =>
          dayOf(`2025-10-${String(i + 1).padStart(2, '0')}`, {
            lateMinutes: s.late,
            lateCount: s.late > 0 ? 1 : 0,
            absent: s.absent as DayResult['absent'],
          }),
        );
        const rule = { ...LATE, freeCount, freeMaxMinutes };
        const l = run(days, [rule, ABSENCE, BONUS]);
        const lateLines = l.lines.filter((x) => x.kind === 'late');
        assert.equal(lateLines.length, spec.filter((s) => s.late > 0).length);
        const free = lateLines.filter((x) => x.amountFen === 0);
        assert.ok(free.length <= freeCount);
        for (const f of free) assert.ok(Number(f.params.minutes) <= freeMaxMinutes);
        assert.equal(
          l.totalFen,
          l.lines.reduce((n, x) => n + x.amountFen, 0),
        );
        assert.equal(l.totalFen, l.penaltiesFen + l.rewardsFen);
        for (const x of l.lines) assert.ok(Number.isSafeInteger(x.amountFen));
        const bonus = l.lines.find((x) => x.kind === 'fullAttendance');
        const clean = spec.every((s) => s.late === 0 && s.absent === 'none');
        assert.equal(bonus?.amountFen === BONUS.amountFen, clean && spec.length > 0);
      },
    ),
  );
});

test('the full-attendance metric gives performance points only to a clean month', () => {
  const formula = {
    base: 100,
    min: 0,
    max: 110,
    items: [{ metric: 'fullAttendance' as const, pointsPerUnit: 5, cap: null }],
  };
  const clean = metricsOf(monthSummary([dayOf('2025-10-01'), dayOf('2025-10-02')]));
  assert.equal(clean.fullAttendance, 1);
  assert.equal(scoreOf(formula, clean).score, 105);
  const late = metricsOf(
    monthSummary([dayOf('2025-10-01'), dayOf('2025-10-02', { lateCount: 1, lateMinutes: 3 })]),
  );
  assert.equal(late.fullAttendance, 0);
  assert.equal(scoreOf(formula, late).score, 100);
  assert.equal(metricsOf(monthSummary([])).fullAttendance, 0, 'nothing scheduled is not full attendance');
});
