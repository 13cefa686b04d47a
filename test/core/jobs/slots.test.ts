import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dueSlot } from '../../../src/core/jobs/slots.js';

test('a periodic job has one slot per period', () => {
  const t = Date.parse('2026-11-29T06:00:00Z');
  assert.equal(dueSlot({ everyMinutes: 10 }, t), dueSlot({ everyMinutes: 10 }, t + 9 * 60_000));
  assert.notEqual(dueSlot({ everyMinutes: 10 }, t), dueSlot({ everyMinutes: 10 }, t + 10 * 60_000));
});

test('a daily job is due for today once the local time has passed, else for yesterday', () => {
  const schedule = { dailyAt: '02:00', zone: 'Asia/Shanghai' };
  // 01:30 in Shanghai on the 29th is 17:30 UTC on the 28th.
  assert.equal(dueSlot(schedule, Date.parse('2026-11-28T17:30:00Z')), '2026-11-28');
  // 02:00 in Shanghai on the 29th.
  assert.equal(dueSlot(schedule, Date.parse('2026-11-28T18:00:00Z')), '2026-11-29');
  assert.equal(dueSlot({ dailyAt: '23:59', zone: 'UTC' }, Date.parse('2026-01-01T00:00:00Z')), '2025-12-31');
});
