import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  annualLeaveEntitlement,
  available,
  deductBalance,
  InsufficientBalanceError,
  type LeaveBalance,
  leaveUnitProblem,
  lieuMinutesEarned,
  restoreBalance,
  statutoryAnnualLeaveDays,
} from '../../../src/core/attendance/leave.js';
import { day } from './helpers.js';

test('statutory annual leave tiers by cumulative working years', () => {
  assert.deepEqual(
    [0, 0.99, 1, 9.99, 10, 19.99, 20, 35].map(statutoryAnnualLeaveDays),
    [0, 0, 5, 5, 10, 10, 15, 15],
  );
});

test('annual leave: a full year at one tier', () => {
  const e = annualLeaveEntitlement({ firstWorkDate: '2012-03-01', hireDate: '2020-01-01', year: 2025 });
  assert.equal(e.days, 10);
});

test('annual leave: a new hire is pro-rated by the days left in the year, rounded down', () => {
  // Five years of work before joining on 1 July: 5 × 184/365 = 2.52 → 2 days.
  const e = annualLeaveEntitlement({ firstWorkDate: '2020-01-01', hireDate: '2025-07-01', year: 2025 });
  assert.equal(e.days, 2);
});

test('annual leave: under one year of work earns nothing until the first anniversary', () => {
  // Starts work 2024-10-01; eligible from 2025-10-01: 5 × 92/365 = 1.26 → 1 day in 2025.
  const e = annualLeaveEntitlement({ firstWorkDate: '2024-10-01', hireDate: '2024-10-01', year: 2025 });
  assert.equal(e.days, 1);
  assert.deepEqual(e.parts, [{ from: '2025-10-01', to: '2025-12-31', tierDays: 5, days: 1.26 }]);
  assert.equal(
    annualLeaveEntitlement({
      firstWorkDate: '2024-10-01',
      hireDate: '2024-10-01',
      year: 2025,
      method: 'yearStart',
    }).days,
    0,
  );
});

test('annual leave: reaching ten years mid-year pro-rates both tiers', () => {
  // 10 years on 2025-07-01: 5 × 181/365 + 10 × 184/365 = 7.52 → 7 days.
  const e = annualLeaveEntitlement({ firstWorkDate: '2015-07-01', hireDate: '2015-07-01', year: 2025 });
  assert.equal(e.days, 7);
  assert.equal(e.parts.length, 2);
});

test('annual leave: someone leaving in the year gets the share up to the last day', () => {
  const e = annualLeaveEntitlement({
    firstWorkDate: '2000-01-01',
    hireDate: '2010-01-01',
    leaveDate: '2025-03-31',
    year: 2025,
  });
  assert.equal(e.days, 3); // 15 × 90/365 = 3.7
});

test('balances: deduct on approval, refuse beyond the balance, restore on cancellation', () => {
  const b: LeaveBalance = { leaveType: 'annual', unit: 'halfDay', granted: 5, used: 0 };
  const after = deductBalance(b, 1.5);
  assert.equal(available(after), 3.5);
  assert.throws(() => deductBalance(after, 4), InsufficientBalanceError);
  assert.equal(available(deductBalance(after, 4, true)), -0.5);
  assert.equal(available(restoreBalance(after, 1.5)), 5);
  assert.throws(() => restoreBalance(after, 2), /only 1.5 used/);
});

test('leave units: a whole-day type cannot be taken in half days or hours', () => {
  const marriage = { id: 'marriage', unit: 'day' as const, paid: true };
  assert.match(
    leaveUnitProblem(marriage, {
      kind: 'leave',
      id: 'L',
      leaveType: 'marriage',
      startDate: '2025-03-03',
      endDate: '2025-03-03',
      endHalf: 'am',
    })!,
    /whole days/,
  );
  assert.match(
    leaveUnitProblem(marriage, { kind: 'leave', id: 'L', leaveType: 'marriage', start: 0, end: 3600_000 })!,
    /days/,
  );
  assert.equal(
    leaveUnitProblem(
      { id: 'p', unit: 'hour', paid: false },
      { kind: 'leave', id: 'L', leaveType: 'p', start: 0, end: 1 },
    ),
    null,
  );
});

test('time off in lieu earned adds up converted rest-day overtime only', () => {
  const days = [
    day({
      dayType: 'restDay',
      shift: null,
      clocks: ['09:00', '13:00'],
      rules: { restDayOvertime: 'timeOffInLieu' },
    }),
    day({ dayType: 'restDay', shift: null, clocks: ['09:00', '13:00'] }),
    day({ clocks: ['09:00', '20:00'] }),
  ];
  assert.equal(lieuMinutesEarned(days), 240);
});
