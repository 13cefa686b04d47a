import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDue, isoWeek, periodOf } from '../../../src/core/reports/schedule.js';

test('daily schedules are due every day, weekly on Monday, monthly on the 1st', () => {
  assert.ok(isDue('daily', '2026-10-07'));
  assert.ok(isDue('weekly', '2026-10-05'), 'a Monday');
  assert.ok(!isDue('weekly', '2026-10-06'));
  assert.ok(isDue('monthly', '2026-11-01'));
  assert.ok(!isDue('monthly', '2026-11-02'));
});

test('ISO weeks cross the year the way calendars do', () => {
  assert.equal(isoWeek('2026-01-01'), '2026-W01', 'a Thursday');
  assert.equal(isoWeek('2024-12-30'), '2025-W01', 'a Monday in the first week of 2025');
  assert.equal(isoWeek('2027-01-01'), '2026-W53');
  assert.equal(isoWeek('2026-10-05'), '2026-W41');
});

test('the period: the daily report covers yesterday; summaries the month so far or the month just ended', () => {
  assert.deepEqual(periodOf('daily', 'daily', '2026-10-07'), { key: '2026-10-07', date: '2026-10-06' });
  assert.deepEqual(periodOf('weekly', 'monthly', '2026-10-12'), { key: '2026-W42', month: '2026-10' });
  assert.deepEqual(periodOf('monthly', 'monthly', '2026-11-01'), { key: '2026-11', month: '2026-10' });
  assert.deepEqual(periodOf('monthly', 'departments', '2027-01-01'), { key: '2027-01', month: '2026-12' });
});
