import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { monthSummary } from '../../../src/core/attendance/month-summary.js';
import type { DayResult } from '../../../src/core/attendance/result.js';
import {
  lateByWeekdayHour,
  monthsEnding,
  overtimeByMonth,
  weekdayOf,
} from '../../../src/core/reports/charts.js';
import { dailyRow, statusText } from '../../../src/core/reports/daily.js';
import { departmentStats } from '../../../src/core/reports/departments.js';
import { monthlyColumns, monthlyRow, monthlyTotals } from '../../../src/core/reports/monthly.js';
import { countByKind, isLowMargin, isManualCause, isNonFace } from '../../../src/core/reports/review.js';
import { displayValue, headerOf, sumColumns } from '../../../src/core/reports/table.js';
import { day } from '../attendance/helpers.js';

const MON = '2025-03-03';
const TUE = '2025-03-04';

test('a late Monday and an early Tuesday become one monthly row with counts, minutes and rate', () => {
  const days = [
    day({ date: MON, clocks: ['09:12', '18:05'] }),
    day({ date: TUE, clocks: ['08:55', '17:40'] }),
    day({ date: '2025-03-05', clocks: [] }),
  ];
  const row = monthlyRow({
    employeeNo: 'E1',
    name: '张伟',
    department: '装配部',
    summary: monthSummary(days),
  });
  assert.equal(row.daysScheduled, 3);
  assert.equal(row.daysWorked, 2);
  assert.equal(row.lateCount, 1);
  assert.equal(row.lateMinutes, 12);
  assert.equal(row.earlyLeaveCount, 1);
  assert.equal(row.earlyLeaveMinutes, 20);
  assert.equal(row.absentDays, 1);
  assert.equal(row.attendanceRate, 0.6667);
});

test('leave gets one column per leave type used; totals recompute the rate from the day sums', () => {
  const columns = monthlyColumns(
    [
      { code: 'annual', name: '年假' },
      { code: 'sick', name: '病假' },
    ],
    new Set(['annual', 'gone']),
  );
  const keys = columns.map((c) => c.key);
  assert.ok(keys.includes('leave:annual'));
  assert.ok(!keys.includes('leave:sick'), 'unused leave types take no column');
  assert.ok(keys.includes('leave:gone'), 'a leave type no longer configured still shows');
  assert.equal(columns.find((c) => c.key === 'leave:annual')?.label['zh-CN'], '请假：年假');
  const rows = [
    { daysScheduled: 20, daysAttended: 19, lateMinutes: 30, attendanceRate: 0.95 },
    { daysScheduled: 10, daysAttended: 5, lateMinutes: 0, attendanceRate: 0.5 },
  ];
  const totals = monthlyTotals(columns, rows);
  assert.equal(totals.daysScheduled, 30);
  assert.equal(totals.lateMinutes, 30);
  assert.equal(totals.attendanceRate, 0.8, '24 of 30 days, not the mean of the rates');
});

test('the daily row takes the first punch-in and last punch-out and names the statuses', () => {
  const row = dailyRow({
    employeeNo: 'E1',
    name: 'A',
    department: null,
    result: day({ date: MON, clocks: ['09:12', '18:05'] }),
  });
  assert.equal(row.firstIn, '09:12');
  assert.equal(row.lastOut, '18:05');
  assert.equal(row.lateMinutes, 12);
  assert.equal(statusText(String(row.status).split(','), 'zh-CN'), '迟到');
  assert.equal(statusText(['late', 'earlyLeave'], 'en'), 'Late, Early leave');
  const none = dailyRow({ employeeNo: 'E2', name: 'B', department: null, result: null });
  assert.equal(none.status, null);
  assert.equal(none.workedMinutes, 0);
});

test('department statistics sum their members and keep headcount; property: nothing is lost or doubled', () => {
  const summary = (clocks: string[][]) =>
    monthSummary(clocks.map((c, i) => day({ date: `2025-03-0${3 + i}`, clocks: c })));
  const stats = departmentStats([
    { departmentId: 1, summary: summary([['09:12', '18:00'], []]) },
    {
      departmentId: 1,
      summary: summary([
        ['09:00', '18:00'],
        ['09:00', '18:00'],
      ]),
    },
    { departmentId: 2, summary: summary([[]]) },
  ]);
  assert.deepEqual(
    stats.map((s) => [
      s.departmentId,
      s.headcount,
      s.daysScheduled,
      s.daysAttended,
      s.lateCount,
      s.absentDays,
    ]),
    [
      [1, 2, 4, 3, 1, 1],
      [2, 1, 1, 0, 0, 1],
    ],
  );
  assert.equal(stats[0].attendanceRate, 0.75);

  const fakeSummary = (late: number, scheduled: number, attended: number) => ({
    ...monthSummary([]),
    lateCount: late,
    daysScheduled: scheduled,
    daysAttended: Math.min(attended, scheduled),
  });
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          dept: fc.constantFrom(1, 2, 3, null),
          late: fc.nat(20),
          scheduled: fc.nat(23),
          attended: fc.nat(23),
        }),
        { maxLength: 40 },
      ),
      (people) => {
        const out = departmentStats(
          people.map((p) => ({
            departmentId: p.dept,
            summary: fakeSummary(p.late, p.scheduled, p.attended),
          })),
        );
        const sum = (f: (s: (typeof out)[number]) => number) => out.reduce((a, s) => a + f(s), 0);
        assert.equal(
          sum((s) => s.headcount),
          people.length,
        );
        assert.equal(
          sum((s) => s.lateCount),
          people.reduce((a, p) => a + p.late, 0),
        );
        for (const s of out)
          if (s.attendanceRate !== null) assert.ok(s.attendanceRate >= 0 && s.attendanceRate <= 1);
      },
    ),
  );
});

test('late arrivals are counted by weekday and the hour of the late punch', () => {
  const days: DayResult[] = [
    day({ date: MON, clocks: ['09:12', '18:00'] }),
    day({ date: MON, clocks: ['10:05', '18:00'] }),
    day({ date: TUE, clocks: ['08:50', '18:00'] }),
    day({ date: '2025-03-07', clocks: ['09:01', '18:00'] }),
  ];
  const heat = lateByWeekdayHour(days);
  assert.equal(heat.total, 3);
  assert.equal(heat.counts[0][9], 1);
  assert.equal(heat.counts[0][10], 1);
  assert.equal(heat.counts[4][9], 1, 'Friday');
  assert.deepEqual(heat.byWeekday, [2, 0, 0, 0, 1, 0, 0]);
  assert.equal(heat.byHour[9], 2);
  assert.equal(weekdayOf('2025-03-09'), 6, 'Sunday');
});

test('overtime by month gives hours per kind for every month asked, zeros included', () => {
  const months = monthsEnding('2025-02', 3);
  assert.deepEqual(months, ['2024-12', '2025-01', '2025-02']);
  const out = overtimeByMonth(months, [
    { date: '2025-01-10', kind: 'workday', minutes: 90 },
    { date: '2025-01-11', kind: 'restDay', minutes: 240 },
    { date: '2025-02-01', kind: 'holiday', minutes: 60 },
    { date: '2025-03-01', kind: 'holiday', minutes: 600 },
  ]);
  assert.deepEqual(out, [
    { month: '2024-12', workday: 0, restDay: 0, holiday: 0 },
    { month: '2025-01', workday: 1.5, restDay: 4, holiday: 0 },
    { month: '2025-02', workday: 0, restDay: 0, holiday: 1 },
  ]);
});

test('the review flags non-face punches, low margins and hand-made days', () => {
  assert.ok(isNonFace('pin') && isNonFace('manual') && !isNonFace('face'));
  assert.ok(isLowMargin('face', 0.02, 0.03));
  assert.ok(!isLowMargin('face', 0.05, 0.03));
  assert.ok(!isLowMargin('pin', 0.01, 0.03), 'a PIN punch is listed as non-face, not as a low margin');
  assert.ok(!isLowMargin('face', null, 0.03));
  assert.ok(isManualCause('manual punch #12 by hr1'));
  assert.ok(!isManualCause('punch'));
  assert.deepEqual(countByKind([{ kind: 'lowMargin' }, { kind: 'lowMargin' }, { kind: 'correction' }]), {
    manualDay: 0,
    correction: 1,
    nonFacePunch: 0,
    lowMargin: 2,
  });
});

test('exports show minutes as hours and rates as percentages, with the unit in the header', () => {
  const minutes = { key: 'late', label: { en: 'Late', 'zh-CN': '迟到时长' }, kind: 'minutes' as const };
  const rate = { key: 'rate', label: { en: 'Rate', 'zh-CN': '出勤率' }, kind: 'rate' as const };
  assert.equal(displayValue(minutes, 90), 1.5);
  assert.equal(displayValue(rate, 0.9567), '95.67%');
  assert.equal(displayValue(rate, null), null);
  assert.equal(headerOf(minutes, 'en'), 'Late (h)');
  assert.equal(headerOf(minutes, 'zh-CN'), '迟到时长（小时）');
  assert.equal(headerOf(rate, 'en'), 'Rate');
  assert.deepEqual(sumColumns([minutes, rate], [{ late: 10 }, { late: 5, rate: 1 }]), {
    late: 15,
    rate: null,
  });
});
