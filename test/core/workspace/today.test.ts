// Today's standing for the dashboard, and the arrivals chart's ten-minute buckets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DayResult } from '../../../src/core/attendance/result.js';
import { arrivalBuckets, tallyByDepartment, todayState } from '../../../src/core/workspace/today.js';

const scheduled = {
  start: '2025-10-20T01:00:00.000Z',
  end: '2025-10-20T10:00:00.000Z',
  startTime: '09:00',
  endTime: '18:00',
};
const punch = { at: '2025-10-20T00:55:00.000Z', time: '08:55', source: 'face' };
const day = (over: Partial<DayResult>) =>
  ({ statuses: [], lateMinutes: 0, scheduled, pairs: [], scheduledMinutes: 480, ...over }) as DayResult;
const at = (iso: string) => Date.parse(iso);

test('a punch makes the employee present, or late when the engine counted late minutes', () => {
  assert.equal(todayState(day({ pairs: [{ in: punch, out: null }] }), at('2025-10-20T02:00:00Z')), 'present');
  assert.equal(
    todayState(day({ pairs: [{ in: punch, out: null }], lateMinutes: 12 }), at('2025-10-20T02:00:00Z')),
    'late',
  );
  // Punched in on leave (a half day, say): present wins.
  assert.equal(
    todayState(day({ pairs: [{ in: null, out: punch }], statuses: ['leave'] }), at('2025-10-20T02:00:00Z')),
    'present',
  );
});

test('without a punch: on leave, away on duty, off, not yet in, and absent once the day has ended', () => {
  const morning = at('2025-10-20T02:00:00Z');
  assert.equal(todayState(day({ statuses: ['leave'] }), morning), 'onLeave');
  assert.equal(todayState(day({ statuses: ['businessTrip'] }), morning), 'away');
  assert.equal(todayState(day({ statuses: ['fieldWork'] }), morning), 'away');
  assert.equal(todayState(day({ statuses: ['rest'], scheduled: null, scheduledMinutes: 0 }), morning), 'off');
  assert.equal(todayState(day({ statuses: ['holiday'] }), morning), 'off');
  assert.equal(todayState(day({ statuses: ['absentFullDay'] }), morning), 'notYetIn');
  assert.equal(todayState(day({ statuses: ['absentFullDay'] }), at('2025-10-20T09:59:00Z')), 'notYetIn');
  assert.equal(todayState(day({ statuses: ['absentFullDay'] }), at('2025-10-20T10:00:00Z')), 'absent');
});

test('counts per department add up to the total', () => {
  const { total, byDepartment } = tallyByDepartment([
    { departmentId: 1, state: 'present' },
    { departmentId: 1, state: 'late' },
    { departmentId: 2, state: 'present' },
    { departmentId: null, state: 'onLeave' },
  ]);
  assert.equal(total.present, 2);
  assert.equal(total.late, 1);
  assert.equal(byDepartment.get(1)?.present, 1);
  assert.equal(byDepartment.get(null)?.onLeave, 1);
  assert.equal(byDepartment.get(2)?.absent, 0);
});

test('arrivals fall into ten-minute buckets of local time, empty ones between included', () => {
  const zone = 'Asia/Shanghai';
  const buckets = arrivalBuckets(
    ['2025-10-20T00:51:00Z', '2025-10-20T00:59:59Z', '2025-10-20T01:20:00Z'].map(at),
    zone,
  );
  assert.deepEqual(buckets, [
    { time: '08:50', count: 2 },
    { time: '09:00', count: 0 },
    { time: '09:10', count: 0 },
    { time: '09:20', count: 1 },
  ]);
  assert.deepEqual(arrivalBuckets([], zone), []);
  assert.deepEqual(arrivalBuckets([at('2025-10-20T00:51:00Z')], zone, 30), [{ time: '08:30', count: 1 }]);
});
