import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDue, isoWeek, periodOf, scheduleDay } from '../../../src/core/reports/schedule.js';

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

test('schedules go out from 07:00 on the company date in its zone', () => {
  // Monday 10 November 2025, 11:00 in Shanghai: still Sunday 22:00 in New York.
  const instant = Date.parse('2025-11-10T03:00:00Z');
  assert.equal(scheduleDay(instant, 'Asia/Shanghai'), '2025-11-10');
  assert.equal(scheduleDay(instant, 'America/New_York'), '2025-11-09');
  assert.equal(scheduleDay(Date.parse('2025-11-09T22:59:00Z'), 'Asia/Shanghai'), null, '06:59 in Shanghai');
  assert.equal(scheduleDay(Date.parse('2025-11-09T23:00:00Z'), 'Asia/Shanghai'), '2025-11-10');
  assert.equal(
    scheduleDay(Date.parse('2025-11-10T11:59:00Z'), 'America/New_York'),
    null,
    '06:59 in New York',
  );
  assert.equal(scheduleDay(Date.parse('2025-11-10T12:00:00Z'), 'America/New_York'), '2025-11-10');
  // Summer time in London: 07:00 is 06:00 UTC.
  assert.equal(scheduleDay(Date.parse('2025-07-01T06:00:00Z'), 'Europe/London'), '2025-07-01');
  assert.equal(scheduleDay(Date.parse('2025-07-01T05:59:00Z'), 'Europe/London'), null);
});
