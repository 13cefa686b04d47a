// Property tests: invariants of the engine over random punches, rules and requests.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { evaluateDay } from '../../../src/core/attendance/evaluate-day.js';
import { evaluateRange } from '../../../src/core/attendance/range.js';
import type { DayRequest } from '../../../src/core/attendance/requests.js';
import type { DayResult } from '../../../src/core/attendance/result.js';
import { createScheduleContext } from '../../../src/core/attendance/roster.js';
import type { RuleOverrides } from '../../../src/core/attendance/rules.js';
import type { Shift } from '../../../src/core/attendance/shift.js';
import { createCalendar } from '../../../src/core/calendar/calendar.js';
import { datesInRange } from '../../../src/core/time/date.js';
import { MONDAY, NIGHT, OFFICE, SH } from './helpers.js';

const START = Date.parse('2025-03-02T16:00:00Z'); // 2025-03-03 00:00 in Shanghai
const MIN = 60_000;

const FLEX: Shift = {
  kind: 'flexible',
  id: 'flex',
  earliestStart: '07:00',
  latestStart: '10:00',
  requiredMinutes: 480,
  breaks: [{ start: '12:00', end: '13:00' }],
  coreHours: [{ start: '10:00', end: '16:00' }],
};
const FREE: Shift = { kind: 'free', id: 'free', requiredMinutes: 480 };
const EVERY_PAIR_OFFICE: Shift = { ...OFFICE, id: 'office4', rules: { punchMode: 'everyPair' } };

const shiftArb = fc.constantFrom<Shift | null>(OFFICE, EVERY_PAIR_OFFICE, NIGHT, FLEX, FREE, null);
const thresholdsArb = fc.record(
  {
    halfDayAfterMinutes: fc.integer({ min: 0, max: 240 }),
    fullDayAfterMinutes: fc.integer({ min: 0, max: 480 }),
  },
  { requiredKeys: [] },
);
const meaningArb = fc.constantFrom('missing', 'halfDayAbsent', 'fullDayAbsent', 'late' as const);
const rulesArb: fc.Arbitrary<RuleOverrides> = fc.record(
  {
    lateGraceMinutes: fc.integer({ min: 0, max: 30 }),
    earlyLeaveGraceMinutes: fc.integer({ min: 0, max: 30 }),
    lateAsAbsence: thresholdsArb,
    earlyLeaveAsAbsence: thresholdsArb,
    missingIn: meaningArb,
    missingOut: meaningArb,
    missingPunchLateMinutes: fc.integer({ min: 0, max: 60 }),
    punchMode: fc.constantFrom('firstInLastOut', 'everyPair' as const),
    duplicateWithinMinutes: fc.integer({ min: 0, max: 10 }),
    overtimeSource: fc.constantFrom('punches', 'requests', 'both' as const),
  },
  { requiredKeys: [] },
);
// Punch minutes from 00:00 of the day to 12:00 of the next day.
const punchesArb = fc.array(fc.integer({ min: 0, max: 36 * 60 }), { maxLength: 8 });
const dayTypeArb = fc.constantFrom('workday', 'restDay', 'statutoryHoliday' as const);

function run(
  shift: Shift | null,
  rules: RuleOverrides,
  minutes: number[],
  requests: DayRequest[] = [],
  dayType: 'workday' | 'restDay' | 'statutoryHoliday' = 'workday',
): DayResult {
  return evaluateDay({
    employeeId: 'e1',
    date: MONDAY,
    zone: SH,
    dayType,
    shift,
    rules,
    punches: minutes.map((m) => ({ at: START + m * MIN })),
    requests,
  });
}

function pairSpan(r: DayResult): number {
  let total = 0;
  for (const p of r.pairs) {
    if (p.in && p.out) total += (Date.parse(p.out.at) - Date.parse(p.in.at)) / MIN;
  }
  return total;
}

const RANK = { none: 0, half: 1, full: 2 } as const;

test('worked minutes never exceed the time between the punches used', () => {
  fc.assert(
    fc.property(shiftArb, rulesArb, punchesArb, dayTypeArb, (shift, rules, minutes, dayType) => {
      const r = run(shift, rules, minutes, [], dayType);
      assert.ok(r.workedMinutes >= 0);
      assert.ok(r.workedMinutes <= pairSpan(r), `worked ${r.workedMinutes} > span ${pairSpan(r)}`);
      for (const o of r.overtime)
        assert.ok(o.minutes <= r.workedMinutes || rules.overtimeSource === 'requests');
    }),
    { numRuns: 600 },
  );
});

test('moving the in-punch earlier (inside the check-in window) never adds late minutes', () => {
  fc.assert(
    fc.property(
      fc.constantFrom<Shift>(OFFICE, EVERY_PAIR_OFFICE, FLEX),
      rulesArb,
      fc.integer({ min: 8 * 60, max: 11 * 60 }),
      fc.integer({ min: 1, max: 180 }),
      fc.integer({ min: 15 * 60, max: 20 * 60 }),
      (shift, rules, inMinute, earlier, outMinute) => {
        const r1 = { ...rules, duplicateWithinMinutes: 0 };
        const later = run(shift, r1, [inMinute, outMinute]);
        fc.pre(later.pairs[0]?.in?.at === new Date(START + inMinute * MIN).toISOString());
        const moved = Math.max(5 * 60 + 30, inMinute - earlier);
        const sooner = run(shift, r1, [moved, outMinute]);
        assert.ok(
          sooner.lateMinutes <= later.lateMinutes,
          `in ${inMinute}→${moved}: late ${later.lateMinutes}→${sooner.lateMinutes}`,
        );
        assert.ok(RANK[sooner.absent] <= RANK[later.absent]);
      },
    ),
    { numRuns: 600 },
  );
});

const leaveArb: fc.Arbitrary<DayRequest> = fc.oneof(
  fc.constant<DayRequest>({
    kind: 'leave',
    id: 'L',
    leaveType: 'annual',
    startDate: MONDAY,
    endDate: MONDAY,
  }),
  fc.constant<DayRequest>({
    kind: 'leave',
    id: 'L',
    leaveType: 'annual',
    startDate: MONDAY,
    endDate: MONDAY,
    endHalf: 'am',
  }),
  fc.constant<DayRequest>({
    kind: 'leave',
    id: 'L',
    leaveType: 'annual',
    startDate: MONDAY,
    endDate: MONDAY,
    startHalf: 'pm',
  }),
  fc.tuple(fc.integer({ min: 0, max: 30 * 60 }), fc.integer({ min: 15, max: 10 * 60 })).map(
    ([from, length]): DayRequest => ({
      kind: 'leave',
      id: 'L',
      leaveType: 'personal',
      start: START + from * MIN,
      end: START + (from + length) * MIN,
    }),
  ),
);

test('approving leave never adds absence', () => {
  fc.assert(
    fc.property(shiftArb, rulesArb, punchesArb, leaveArb, (shift, rules, minutes, leave) => {
      const without = run(shift, rules, minutes);
      const withLeave = run(shift, rules, minutes, [leave]);
      assert.ok(
        RANK[withLeave.absent] <= RANK[without.absent],
        `absence ${without.absent} → ${withLeave.absent} with ${JSON.stringify(leave)}`,
      );
    }),
    { numRuns: 800 },
  );
});

test('over a range every punch belongs to exactly one day (used or explained as ignored)', () => {
  const calendar = createCalendar({ id: 'default' });
  const ctx = createScheduleContext({
    groups: [
      {
        id: 'g',
        zone: SH,
        versions: [
          {
            effectiveFrom: '2025-01-01',
            schedule: {
              kind: 'rotating',
              cycle: ['office', 'night', 'night', null, 'flex', 'free'],
              anchorDate: '2025-03-01',
            },
          },
        ],
      },
    ],
    shifts: [OFFICE, NIGHT, FLEX, FREE],
    calendars: [calendar],
    assignments: [{ employeeId: 'e1', groupId: 'g', from: '2025-01-01' }],
  });
  const from = '2025-03-03';
  const to = '2025-03-12';
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 10 * 1440 - 1 }), { maxLength: 40 }), (minutes) => {
      const days = evaluateRange({
        context: ctx,
        employeeId: 'e1',
        from,
        to,
        punches: minutes.map((m) => ({ at: START + m * MIN })),
      });
      assert.equal(days.length, datesInRange(from, to).length);
      const seen: string[] = [];
      for (const d of days) {
        for (const p of d.pairs) for (const x of [p.in, p.out]) if (x) seen.push(x.at);
        for (const x of d.ignoredPunches) seen.push(x.at);
      }
      // Punches in the first and last day's outer edges may belong to days outside the range.
      const inside = minutes
        .filter((m) => m >= 18 * 60 && m < 9 * 1440)
        .map((m) => new Date(START + m * MIN).toISOString());
      for (const at of inside)
        assert.equal(
          seen.filter((s) => s === at).length,
          1,
          `punch ${at} seen ${seen.filter((s) => s === at).length} times`,
        );
      assert.equal(new Set(seen).size, seen.length);
    }),
    { numRuns: 200 },
  );
});
