import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatClock, parseClock } from '../../../src/core/time/clock.js';
import { addDays, addYears, isValidDate, weekday, wholeYearsBetween } from '../../../src/core/time/date.js';
import { parseInstant } from '../../../src/core/time/instant.js';
import { fromLocal, isValidTimeZone, offsetMinutes, toLocal } from '../../../src/core/time/zone.js';

test('clock times: HH:MM, HH:MM+1 and hours past 24', () => {
  assert.equal(parseClock('09:00'), 540);
  assert.equal(parseClock('06:00+1'), 1800);
  assert.equal(parseClock('26:30'), 1590);
  assert.equal(formatClock(1802), '06:02+1');
  assert.equal(formatClock(-30), '23:30-1');
  assert.throws(() => parseClock('9am'), /HH:MM/);
  assert.throws(() => parseClock('09:60'), /out of range/);
});

test('dates: validity, weekdays, leap years and anniversaries', () => {
  assert.equal(isValidDate('2025-02-29'), false);
  assert.equal(isValidDate('2024-02-29'), true);
  assert.equal(weekday('2025-03-03'), 1);
  assert.equal(weekday('2026-02-14'), 6);
  assert.equal(addDays('2024-02-28', 2), '2024-03-01');
  assert.equal(addYears('2024-02-29', 1), '2025-02-28');
  assert.equal(wholeYearsBetween('2015-07-01', '2025-06-30'), 9);
  assert.equal(wholeYearsBetween('2015-07-01', '2025-07-01'), 10);
});

test('instants must carry an offset', () => {
  assert.equal(parseInstant('2025-03-03T09:00:00+08:00'), Date.parse('2025-03-03T01:00:00Z'));
  assert.throws(() => parseInstant('2025-03-03T09:00:00'), /zone offset/);
});

test('zone offsets: Shanghai, Kolkata, New York summer and winter', () => {
  assert.equal(offsetMinutes('Asia/Shanghai', Date.parse('2025-06-01T00:00:00Z')), 480);
  assert.equal(offsetMinutes('Asia/Kolkata', Date.parse('2025-06-01T00:00:00Z')), 330);
  assert.equal(offsetMinutes('America/New_York', Date.parse('2025-01-15T12:00:00Z')), -300);
  assert.equal(offsetMinutes('America/New_York', Date.parse('2025-07-15T12:00:00Z')), -240);
  assert.equal(isValidTimeZone('Mars/Olympus'), false);
  assert.throws(() => offsetMinutes('Mars/Olympus', 0), /unknown IANA time zone/);
});

test('a local time in a spring-forward gap moves forward; an overlap takes the earlier instant', () => {
  const z = 'America/New_York';
  assert.equal(new Date(fromLocal('2025-03-09', 150, z)).toISOString(), '2025-03-09T07:30:00.000Z'); // 02:30 → 03:30 EDT
  assert.equal(new Date(fromLocal('2025-11-02', 90, z)).toISOString(), '2025-11-02T05:30:00.000Z'); // first 01:30 (EDT)
  assert.equal(
    new Date(fromLocal('2025-03-30', 60, 'Europe/London')).toISOString(),
    '2025-03-30T01:00:00.000Z',
  );
});

test('local ↔ instant round-trips for any minute outside DST gaps', () => {
  const zones = [
    'Asia/Shanghai',
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
  ];
  fc.assert(
    fc.property(
      fc.constantFrom(...zones),
      fc.integer({
        min: Date.parse('2024-01-01T00:00:00Z') / 60000,
        max: Date.parse('2027-01-01T00:00:00Z') / 60000,
      }),
      (zone, minute) => {
        const ms = minute * 60000;
        const local = toLocal(ms, zone);
        const back = fromLocal(local.date, local.minutes, zone);
        // In a fall-back overlap the wall time maps to the earlier instant; otherwise exactly back.
        assert.ok(
          back === ms || (back < ms && ms - back <= 3600_000),
          `${zone} ${new Date(ms).toISOString()}`,
        );
      },
    ),
    { numRuns: 2000 },
  );
});
