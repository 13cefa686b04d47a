// The rule table: each named scenario is about one rule and checks what HR would check on that day.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { affectedDays } from '../../../src/core/attendance/affected-days.js';
import { evaluateDay } from '../../../src/core/attendance/evaluate-day.js';
import { monthSummary } from '../../../src/core/attendance/month-summary.js';
import { evaluateRange } from '../../../src/core/attendance/range.js';
import type { DayRequest } from '../../../src/core/attendance/requests.js';
import type { DayResult } from '../../../src/core/attendance/result.js';
import {
  type Assignment,
  type AttendanceGroup,
  assignmentsFromMemberships,
  createScheduleContext,
  resolveDay,
  type Schedule,
} from '../../../src/core/attendance/roster.js';
import type { FlexibleShift, FreeShift, Shift } from '../../../src/core/attendance/shift.js';
import { createCalendar } from '../../../src/core/calendar/calendar.js';
import { chinaCalendar } from '../../../src/core/calendar/china.js';

import { assertReason, day, iso, MONDAY, NIGHT, OFFICE, ot, punchesAt, SH } from './helpers.js';

const eq: typeof assert.equal = assert.equal;
const deq: typeof assert.deepEqual = assert.deepEqual;

const FLEX: FlexibleShift = {
  kind: 'flexible',
  id: 'flex',
  earliestStart: '07:00',
  latestStart: '10:00',
  requiredMinutes: 480,
  breaks: [{ start: '12:00', end: '13:00' }],
};
const FREE: FreeShift = { kind: 'free', id: 'free', requiredMinutes: 480 };
const DAY12: Shift = { kind: 'fixed', id: 'day12', segments: [{ start: '08:00', end: '20:00' }] };
const NIGHT12: Shift = { kind: 'fixed', id: 'night12', segments: [{ start: '20:00', end: '08:00' }] };

function leave(leaveType: string, r: Record<string, unknown>, id = 'L1'): DayRequest {
  return { kind: 'leave', id, leaveType, ...r } as DayRequest;
}

function context(
  schedule: Schedule,
  opts: {
    shifts?: Shift[];
    overrides?: AttendanceGroup['overrides'];
    versions?: AttendanceGroup['versions'];
    zone?: string;
    assignments?: Assignment[];
    companyDaysOff?: string[];
  } = {},
) {
  const cn = chinaCalendar();
  return createScheduleContext({
    groups: [
      {
        id: 'g',
        zone: opts.zone ?? SH,
        versions: opts.versions ?? [{ effectiveFrom: '2024-01-01', schedule }],
        overrides: opts.overrides,
      },
    ],
    shifts: opts.shifts ?? [OFFICE, NIGHT, DAY12, NIGHT12, FLEX, FREE],
    calendars: [
      createCalendar({
        id: 'default',
        entries: [...cn.entries.values()],
        companyDaysOff: opts.companyDaysOff,
      }),
    ],
    assignments: opts.assignments ?? [{ employeeId: 'e1', groupId: 'g', from: '2024-01-01' }],
  });
}

const WEEKLY: Schedule = {
  kind: 'weekly',
  days: { mon: 'office', tue: 'office', wed: 'office', thu: 'office', fri: 'office' },
};
const NIGHTS: Schedule = {
  kind: 'weekly',
  days: { mon: 'night', tue: 'night', wed: 'night', thu: 'night', fri: 'night' },
};
const ROTA: Schedule = {
  kind: 'rotating',
  cycle: ['day12', 'day12', 'night12', 'night12', null, null],
  anchorDate: '2025-09-29',
};

function range(
  schedule: Schedule,
  from: string,
  to: string,
  punchDays: [string, string[]][],
  opts: Parameters<typeof context>[1] = {},
  requests: DayRequest[] = [],
): DayResult[] {
  const ctx = context(schedule, opts);
  const punches = punchDays.flatMap(([d, clocks]) => punchesAt(d, clocks, opts.zone ?? SH));
  return evaluateRange({ context: ctx, employeeId: 'e1', from, to, punches, requests });
}

interface Case {
  name: string;
  check: () => void;
}

const fixedShift: Case[] = [
  {
    name: 'on time: in before 09:00 and out after 18:00 is a normal day',
    check: () => {
      const r = day({ clocks: ['08:55', '18:05'] });
      eq(r.lateMinutes, 0);
      eq(r.earlyLeaveMinutes, 0);
      eq(r.workedMinutes, 490);
      eq(r.scheduledMinutes, 480);
      deq(r.statuses, ['normal']);
    },
  },
  {
    name: 'late 12 min with grace 0 names the punch, the shift start and the grace',
    check: () => {
      const r = day({ clocks: ['09:12', '18:00'] });
      eq(r.lateMinutes, 12);
      eq(r.lateCount, 1);
      assertReason(r, 'late', { punch: '09:12', shiftStart: '09:00', grace: 0, minutes: 12 });
      deq(r.statuses, ['late']);
    },
  },
  {
    name: 'late within the grace period is not late',
    check: () => {
      const r = day({ clocks: ['09:12', '18:00'], rules: { lateGraceMinutes: 15 } });
      eq(r.lateMinutes, 0);
      assertReason(r, 'lateWithinGrace', { minutes: 12, grace: 15 });
      deq(r.statuses, ['normal']);
    },
  },
  {
    name: 'late beyond the grace counts every minute from the shift start',
    check: () => eq(day({ clocks: ['09:12', '18:00'], rules: { lateGraceMinutes: 5 } }).lateMinutes, 12),
  },
  {
    name: 'seconds are dropped: 09:00:59 is not late',
    check: () => eq(day({ clocks: ['09:00:59', '18:00'] }).lateMinutes, 0),
  },
  {
    name: 'early leave 20 min at 17:40',
    check: () => {
      const r = day({ clocks: ['09:00', '17:40'] });
      eq(r.earlyLeaveMinutes, 20);
      assertReason(r, 'earlyLeave', { punch: '17:40', shiftEnd: '18:00', minutes: 20 });
    },
  },
  {
    name: 'early leave within its grace is not early',
    check: () =>
      eq(day({ clocks: ['09:00', '17:55'], rules: { earlyLeaveGraceMinutes: 5 } }).earlyLeaveMinutes, 0),
  },
  {
    name: 'late beyond the half-day threshold also counts as half a day absent',
    check: () => {
      const r = day({ clocks: ['09:45', '18:00'], rules: { lateAsAbsence: { halfDayAfterMinutes: 30 } } });
      eq(r.absent, 'half');
      eq(r.lateMinutes, 45);
      deq(r.statuses, ['late', 'absentHalfDay']);
      assertReason(r, 'lateAsAbsence', { minutes: 45, threshold: 30, absence: 'half' });
    },
  },
  {
    name: 'late beyond the full-day threshold counts as a full day absent',
    check: () => {
      const r = day({
        clocks: ['11:30', '18:00'],
        rules: { lateAsAbsence: { halfDayAfterMinutes: 30, fullDayAfterMinutes: 120 } },
      });
      eq(r.absent, 'full');
      deq(r.statuses, ['late', 'absentFullDay']);
    },
  },
  {
    name: 'late exactly at the threshold is still late, not absent',
    check: () => {
      const r = day({ clocks: ['09:30', '18:00'], rules: { lateAsAbsence: { halfDayAfterMinutes: 30 } } });
      eq(r.absent, 'none');
      eq(r.lateMinutes, 30);
    },
  },
  {
    name: 'early leave beyond its threshold counts as half a day absent',
    check: () => {
      const r = day({
        clocks: ['09:00', '16:00'],
        rules: { earlyLeaveAsAbsence: { halfDayAfterMinutes: 60 } },
      });
      eq(r.absent, 'half');
      eq(r.earlyLeaveMinutes, 120);
      assertReason(r, 'earlyLeaveAsAbsence', { minutes: 120, threshold: 60, absence: 'half' });
    },
  },
  {
    name: 'a missing out is flagged but not absence by default',
    check: () => {
      const r = day({ clocks: ['09:00'] });
      eq(r.missingOut, 1);
      eq(r.absent, 'none');
      eq(r.workedMinutes, 0);
      deq(r.statuses, ['missingOut']);
      assertReason(r, 'missingOut', { expected: '18:00', meaning: 'missing' });
    },
  },
  {
    name: 'a missing out counts as a full day absent when the rule says so',
    check: () => {
      const r = day({ clocks: ['09:00'], rules: { missingOut: 'fullDayAbsent' } });
      eq(r.absent, 'full');
      assertReason(r, 'missingPunchAsAbsence', { which: 'missingOut', absence: 'full' });
    },
  },
  {
    name: 'a missing in counts as half a day absent when the rule says so',
    check: () => {
      const r = day({ clocks: ['18:00'], rules: { missingIn: 'halfDayAbsent' } });
      eq(r.missingIn, 1);
      eq(r.absent, 'half');
    },
  },
  {
    name: "a missing in counts as N minutes late when the rule says 'late'",
    check: () => {
      const r = day({ clocks: ['18:00'], rules: { missingIn: 'late', missingPunchLateMinutes: 30 } });
      eq(r.lateMinutes, 30);
      eq(r.lateCount, 1);
    },
  },
  {
    name: 'no punch on a workday is a full day absent',
    check: () => {
      const r = day({ clocks: [] });
      eq(r.absent, 'full');
      assertReason(r, 'absentNoPunches', { from: '09:00', to: '18:00' });
    },
  },
  {
    name: 'a single punch after the middle of the shift is the out: missing in and early leave',
    check: () => {
      const r = day({ clocks: ['14:00'] });
      eq(r.missingIn, 1);
      eq(r.earlyLeaveMinutes, 240);
      eq(r.pairs[0].out?.time, '14:00');
    },
  },
  {
    name: 'a single punch before the middle of the shift is the in: late and missing out',
    check: () => {
      const r = day({ clocks: ['10:00'] });
      eq(r.lateMinutes, 60);
      eq(r.missingOut, 1);
    },
  },
  {
    name: 'duplicate punches within a minute are ignored and explained',
    check: () => {
      const r = day({ clocks: ['08:58', '08:58:40', '18:00'] });
      eq(r.ignoredPunches.length, 1);
      eq(r.ignoredPunches[0].why, 'duplicate');
      assertReason(r, 'duplicatePunch', { punch: '08:58', kept: '08:58', within: 1 });
      eq(r.pairs[0].in?.time, '08:58');
    },
  },
  {
    name: 'a 5-minute duplicate window keeps the first punch (not late)',
    check: () => {
      const r = day({ clocks: ['08:58', '09:02', '18:00'], rules: { duplicateWithinMinutes: 5 } });
      eq(r.lateMinutes, 0);
      eq(r.ignoredPunches[0].time, '09:02');
    },
  },
  {
    name: 'repeated out punches: the duplicate is ignored, the out stays 18:00',
    check: () => {
      const r = day({ clocks: ['09:00', '18:00', '18:00:30'] });
      eq(r.pairs[0].out?.time, '18:00');
      eq(r.ignoredPunches[0].why, 'duplicate');
    },
  },
  {
    name: 'a punch before check-in opens is outside the window and not used',
    check: () => {
      const r = day({ clocks: ['03:00', '09:00', '18:00'] });
      eq(r.pairs[0].in?.time, '09:00');
      assertReason(r, 'punchOutsideWindow', { punch: '03:00' });
      eq(r.ignoredPunches[0].why, 'outsideWindow');
    },
  },
  {
    name: 'a check-in window of 60 min makes a 07:30 punch unusable: missing in',
    check: () => {
      const r = day({ clocks: ['07:30', '18:00'], rules: { checkInOpensMinutes: 60 } });
      eq(r.missingIn, 1);
      eq(r.pairs[0].in, null);
    },
  },
  {
    name: 'first-in/last-out ignores lunch punches and deducts the break',
    check: () => {
      const r = day({ clocks: ['09:00', '12:01', '12:58', '18:00'] });
      eq(r.pairs.length, 1);
      eq(r.workedMinutes, 480);
      eq(r.ignoredPunches.filter((p) => p.why === 'notUsed').length, 2);
    },
  },
  {
    name: 'every-pair mode: four punches make two pairs and a normal day',
    check: () => {
      const r = day({ clocks: ['08:59', '12:00', '13:00', '18:00'], rules: { punchMode: 'everyPair' } });
      eq(r.pairs.length, 2);
      eq(r.workedMinutes, 481);
      deq(r.statuses, ['normal']);
    },
  },
  {
    name: 'every-pair mode: back late from lunch is late',
    check: () => {
      const r = day({ clocks: ['09:00', '12:00', '13:20', '18:00'], rules: { punchMode: 'everyPair' } });
      eq(r.lateMinutes, 20);
      assertReason(r, 'late', { punch: '13:20', shiftStart: '13:00' });
    },
  },
  {
    name: 'every-pair mode: no punch for the afternoon segment is half a day absent',
    check: () => {
      const r = day({ clocks: ['09:00', '12:00'], rules: { punchMode: 'everyPair' } });
      eq(r.absent, 'half');
      eq(r.workedMinutes, 180);
    },
  },
  {
    name: 'every-pair mode: no punch back from lunch is a missing in',
    check: () => {
      const r = day({ clocks: ['09:00', '12:00', '18:00'], rules: { punchMode: 'everyPair' } });
      eq(r.missingIn, 1);
      eq(r.pairs[1].in, null);
    },
  },
  {
    name: 'worked minutes deduct the lunch break',
    check: () => eq(day({ clocks: ['08:00', '19:00'] }).workedMinutes, 600),
  },
];

const overtime: Case[] = [
  {
    name: 'workday overtime after the shift rounds down to 30-minute steps at 150%',
    check: () => {
      const r = day({ clocks: ['09:00', '19:45'] });
      deq(ot(r), { kind: 'workday', minutes: 90, compensation: 'pay', payPercent: 150 });
      assertReason(r, 'overtimeRounded', { before: 105, after: 90 });
    },
  },
  {
    name: 'overtime below the minimum is not counted',
    check: () => {
      const r = day({ clocks: ['09:00', '18:20'] });
      eq(ot(r), null);
      assertReason(r, 'overtimeBelowMinimum', { minutes: 20, minimum: 30 });
    },
  },
  {
    name: 'overtime counts only from N minutes after the shift end',
    check: () =>
      eq(ot(day({ clocks: ['09:00', '19:00'], rules: { overtimeStartsAfterMinutes: 30 } }))?.minutes, 30),
  },
  {
    name: 'overtime rounding to the nearest hour',
    check: () =>
      eq(
        ot(
          day({
            clocks: ['09:00', '19:45'],
            rules: { overtimeRoundingMinutes: 60, overtimeRounding: 'nearest' },
          }),
        )?.minutes,
        120,
      ),
  },
  {
    name: 'overtime without rounding keeps exact minutes',
    check: () =>
      eq(ot(day({ clocks: ['09:00', '19:45'], rules: { overtimeRoundingMinutes: 0 } }))?.minutes, 105),
  },
  {
    name: 'early arrival counts as overtime only when the rule allows it',
    check: () => {
      eq(ot(day({ clocks: ['07:00', '18:00'] })), null);
      eq(ot(day({ clocks: ['07:00', '18:00'], rules: { overtimeBeforeShift: true } }))?.minutes, 120);
    },
  },
  {
    name: 'rest-day work is overtime at 200% when paid',
    check: () => {
      const r = day({ dayType: 'restDay', shift: null, clocks: ['10:00', '16:00'] });
      deq(ot(r), { kind: 'restDay', minutes: 360, compensation: 'pay', payPercent: 200 });
      deq(r.statuses, ['rest', 'overtime']);
    },
  },
  {
    name: 'rest-day overtime converted to time off in lieu has no pay multiple',
    check: () => {
      const r = day({
        dayType: 'restDay',
        shift: null,
        clocks: ['10:00', '16:00'],
        rules: { restDayOvertime: 'timeOffInLieu' },
      });
      deq(ot(r), { kind: 'restDay', minutes: 360, compensation: 'timeOffInLieu', payPercent: null });
      assertReason(r, 'overtimeToTimeOff', { kind: 'restDay', minutes: 360 });
    },
  },
  {
    name: 'statutory-holiday work is paid at 300% even when rest days go to time off',
    check: () => {
      const r = day({
        dayType: 'statutoryHoliday',
        holidayName: '劳动节',
        shift: null,
        clocks: ['10:00', '15:00'],
        rules: { restDayOvertime: 'timeOffInLieu' },
      });
      deq(ot(r), { kind: 'holiday', minutes: 300, compensation: 'pay', payPercent: 300 });
      deq(r.statuses, ['holiday', 'overtime']);
    },
  },
  {
    name: 'overtime from requests only: the approved request counts, not the punches',
    check: () => {
      const r = day({
        clocks: ['09:00', '19:00'],
        rules: { overtimeSource: 'requests' },
        requests: [{ kind: 'overtime', id: 'O1', start: iso(MONDAY, '18:00'), end: iso(MONDAY, '20:00') }],
      });
      eq(ot(r)?.minutes, 120);
      assertReason(r, 'overtimeRequested', { request: 'O1', minutes: 120 });
    },
  },
  {
    name: 'overtime from requests only: without a request, late punches are not overtime',
    check: () => {
      const r = day({ clocks: ['09:00', '20:00'], rules: { overtimeSource: 'requests' } });
      eq(ot(r), null);
      assertReason(r, 'overtimeWithoutRequest', { minutes: 120 });
    },
  },
  {
    name: "overtime 'both': requested time that was also worked",
    check: () => {
      const r = day({
        clocks: ['09:00', '19:30'],
        rules: { overtimeSource: 'both' },
        requests: [{ kind: 'overtime', id: 'O1', start: iso(MONDAY, '18:00'), end: iso(MONDAY, '21:00') }],
      });
      eq(ot(r)?.minutes, 90);
    },
  },
  {
    name: 'a pending overtime request does not count',
    check: () => {
      const r = day({
        clocks: ['09:00', '20:00'],
        rules: { overtimeSource: 'requests' },
        requests: [
          {
            kind: 'overtime',
            id: 'O1',
            status: 'pending',
            start: iso(MONDAY, '18:00'),
            end: iso(MONDAY, '20:00'),
          },
        ],
      });
      eq(ot(r), null);
    },
  },
  {
    name: 'a rest-day overtime request asking for time off turns it into time off',
    check: () => {
      const r = day({
        dayType: 'restDay',
        shift: null,
        clocks: ['09:00', '13:00'],
        requests: [
          {
            kind: 'overtime',
            id: 'O1',
            compensation: 'timeOffInLieu',
            start: iso(MONDAY, '09:00'),
            end: iso(MONDAY, '13:00'),
          },
        ],
      });
      eq(ot(r)?.compensation, 'timeOffInLieu');
    },
  },
  {
    name: 'workday overtime is paid at 150% even if a request asks for time off (art. 44)',
    check: () => {
      const r = day({
        clocks: ['09:00', '20:00'],
        requests: [
          {
            kind: 'overtime',
            id: 'O1',
            compensation: 'timeOffInLieu',
            start: iso(MONDAY, '18:00'),
            end: iso(MONDAY, '20:00'),
          },
        ],
      });
      deq(ot(r), { kind: 'workday', minutes: 120, compensation: 'pay', payPercent: 150 });
    },
  },
];

const overnight: Case[] = [
  {
    name: 'night shift 22:00–06:00: the out punch after midnight belongs to the day it started',
    check: () => {
      const r = day({ shift: NIGHT, clocks: ['21:55', '06:02+1'] });
      eq(r.scheduledMinutes, 480);
      eq(r.workedMinutes, 487);
      eq(r.pairs[0].out?.time, '06:02+1');
      deq(r.statuses, ['normal']);
    },
  },
  {
    name: 'night shift late at 22:10',
    check: () => eq(day({ shift: NIGHT, clocks: ['22:10', '06:00+1'] }).lateMinutes, 10),
  },
  {
    name: 'night shift early leave at 05:30 next morning',
    check: () => {
      const r = day({ shift: NIGHT, clocks: ['22:00', '05:30+1'] });
      eq(r.earlyLeaveMinutes, 30);
      assertReason(r, 'earlyLeave', { punch: '05:30+1', shiftEnd: '06:00+1' });
    },
  },
  {
    name: 'night shift with no out punch is a missing out, not an absence',
    check: () => {
      const r = day({ shift: NIGHT, clocks: ['22:00'] });
      eq(r.missingOut, 1);
      eq(r.absent, 'none');
    },
  },
  {
    name: 'night shift overtime into the morning',
    check: () => eq(ot(day({ shift: NIGHT, clocks: ['22:00', '07:10+1'] }))?.minutes, 60),
  },
  {
    name: 'a shift written with segments across midnight adds up',
    check: () => {
      const split: Shift = {
        kind: 'fixed',
        id: 's',
        segments: [
          { start: '20:00', end: '00:00' },
          { start: '00:30', end: '04:30' },
        ],
      };
      const r = day({ shift: split, clocks: ['19:58', '04:31+1'] });
      eq(r.scheduledMinutes, 480);
      eq(r.workedMinutes, 483);
    },
  },
  {
    name: 'consecutive night shifts: each morning punch goes to the previous evening',
    check: () => {
      const days = range(NIGHTS, '2025-03-03', '2025-03-05', [
        ['2025-03-03', ['21:58', '06:01+1']],
        ['2025-03-04', ['22:05', '06:00+1']],
        ['2025-03-05', ['22:00', '06:00+1']],
      ]);
      eq(days[0].pairs[0].out?.time, '06:01+1');
      eq(days[1].pairs[0].in?.time, '22:05');
      eq(days[1].lateMinutes, 5);
      eq(days[2].absent, 'none');
      deq(
        days.map((d) => d.missingIn + d.missingOut),
        [0, 0, 0],
      );
    },
  },
  {
    name: "a Friday night shift's Saturday-morning punch is not rest-day overtime",
    check: () => {
      const days = range(NIGHTS, '2025-03-07', '2025-03-08', [['2025-03-07', ['22:00', '06:00+1']]]);
      eq(days[0].pairs[0].out?.time, '06:00+1');
      eq(days[1].overtime.length, 0);
      deq(days[1].statuses, ['rest']);
    },
  },
  {
    name: 'a punch at 03:00 changes only the night shift of the evening before',
    check: () => {
      const ctx = context(NIGHTS);
      const t = iso('2025-03-04', '03:00');
      deq(affectedDays({ kind: 'punch', employeeId: 'e1', at: t }, ctx), [
        { employeeId: 'e1', date: '2025-03-03' },
      ]);
    },
  },
  {
    name: 'rotating day/night roster: a day shift followed by a night shift keeps both pairs apart',
    check: () => {
      // 2025-09-29 day, 09-30 day, 10-01 night (holiday), 10-02 night (holiday), 10-03 off, 10-04 off.
      const days = range(ROTA, '2025-09-29', '2025-09-30', [
        ['2025-09-29', ['07:55', '20:02']],
        ['2025-09-30', ['07:58', '20:00']],
      ]);
      deq(
        days.map((d) => d.shiftId),
        ['day12', 'day12'],
      );
      deq(
        days.map((d) => d.statuses),
        [['normal'], ['normal']],
      );
    },
  },
];

const roster: Case[] = [
  {
    name: 'a 调休 Saturday workday (2025-02-08) gets the Monday shift',
    check: () => {
      const info = resolveDay(context(WEEKLY), 'e1', '2025-02-08')!;
      eq(info.dayType, 'workday');
      eq(info.shift?.id, 'office');
      eq(info.shiftSource, 'makeUpWorkday');
      eq(info.holidayName, '春节调休上班');
    },
  },
  {
    name: 'a 调休 Saturday workday without punches is an absence',
    check: () => {
      const [r] = range(WEEKLY, '2025-02-08', '2025-02-08', []);
      eq(r.absent, 'full');
    },
  },
  {
    name: 'a group that does not follow the calendar keeps Saturday off on a 调休 workday',
    check: () => {
      const info = resolveDay(context({ ...WEEKLY, followCalendar: false } as Schedule), 'e1', '2025-02-08')!;
      eq(info.dayType, 'restDay');
      eq(info.shift, null);
    },
  },
  {
    name: 'National Day 2025-10-01 is a statutory holiday with no shift for a weekly group',
    check: () => {
      const [r] = range(WEEKLY, '2025-10-01', '2025-10-01', []);
      eq(r.dayType, 'statutoryHoliday');
      eq(r.shiftId, null);
      eq(r.absent, 'none');
      deq(r.statuses, ['holiday']);
    },
  },
  {
    name: 'a bridged day inside the holiday block (2025-10-07) is a rest day: work there is 200%',
    check: () => {
      const [r] = range(WEEKLY, '2025-10-07', '2025-10-07', [['2025-10-07', ['09:00', '13:00']]]);
      eq(r.dayType, 'restDay');
      eq(r.holidayName, '国庆节、中秋节');
      deq(ot(r), { kind: 'restDay', minutes: 240, compensation: 'pay', payPercent: 200 });
    },
  },
  {
    name: 'rotating 2 days / 2 nights / 2 off maps each date to its place in the cycle',
    check: () => {
      const ctx = context(ROTA);
      const ids = [
        '2025-09-23',
        '2025-09-24',
        '2025-09-25',
        '2025-09-26',
        '2025-09-27',
        '2025-09-28',
        '2025-09-29',
      ].map((d) => resolveDay(ctx, 'e1', d)!.shift?.id ?? null);
      deq(ids, ['day12', 'day12', 'night12', 'night12', null, null, 'day12']);
    },
  },
  {
    name: 'rotating roster on a statutory holiday: the scheduled night shift is worked at 300%',
    check: () => {
      const [r] = range(ROTA, '2025-10-01', '2025-10-01', [['2025-10-01', ['19:58', '08:00+1']]]);
      eq(r.dayType, 'statutoryHoliday');
      eq(r.shiftId, 'night12');
      deq(ot(r), { kind: 'holiday', minutes: 720, compensation: 'pay', payPercent: 300 });
    },
  },
  {
    name: 'rotating roster with holidays off: no shift on a statutory holiday',
    check: () => {
      const info = resolveDay(context({ ...ROTA, holidaysOff: true } as Schedule), 'e1', '2025-10-01')!;
      eq(info.shift, null);
      eq(info.dayType, 'statutoryHoliday');
    },
  },
  {
    name: 'a schedule-grid override puts one employee on a Saturday shift: a normal workday',
    check: () => {
      const [r] = range(WEEKLY, '2025-03-08', '2025-03-08', [['2025-03-08', ['09:00', '18:00']]], {
        overrides: [{ date: '2025-03-08', shift: 'office', employeeId: 'e1' }],
      });
      eq(r.dayType, 'workday');
      deq(r.statuses, ['normal']);
      eq(r.overtime.length, 0);
    },
  },
  {
    name: 'an override giving a day off turns a workday into a rest day',
    check: () => {
      const [r] = range(WEEKLY, '2025-03-04', '2025-03-04', [], {
        overrides: [{ date: '2025-03-04', shift: null }],
      });
      eq(r.dayType, 'restDay');
      eq(r.absent, 'none');
    },
  },
  {
    name: 'a new schedule version takes effect from its date',
    check: () => {
      const ctx = context(WEEKLY, {
        versions: [
          { effectiveFrom: '2024-01-01', schedule: WEEKLY },
          { effectiveFrom: '2025-03-10', schedule: NIGHTS },
        ],
      });
      eq(resolveDay(ctx, 'e1', '2025-03-07')!.shift?.id, 'office');
      eq(resolveDay(ctx, 'e1', '2025-03-10')!.shift?.id, 'night');
    },
  },
  {
    name: 'before the roll-out date an employee is out of scope, not absent',
    check: () => {
      const days = range(WEEKLY, '2025-03-03', '2025-03-04', [], {
        assignments: [{ employeeId: 'e1', groupId: 'g', from: '2025-03-04' }],
      });
      deq(days[0].statuses, ['outOfScope']);
      eq(days[0].absent, 'none');
      eq(days[1].absent, 'full');
    },
  },
  {
    name: 'a department in a group brings its employees in from the roll-out date',
    check: () => {
      const a = assignmentsFromMemberships(
        [
          { id: 'e1', department: 'Sales' },
          { id: 'e2', department: 'IT' },
        ],
        [{ groupId: 'g', departments: ['Sales'], from: '2025-04-01' }],
      );
      deq(a, [{ employeeId: 'e1', groupId: 'g', from: '2025-04-01', to: undefined }]);
    },
  },
  {
    name: 'a company day off turns a workday into a rest day',
    check: () => {
      const [r] = range(WEEKLY, '2025-03-07', '2025-03-07', [], { companyDaysOff: ['2025-03-07'] });
      eq(r.dayType, 'restDay');
      eq(r.absent, 'none');
    },
  },
  {
    name: 'changing one date of the schedule recomputes that date and the neighbours whose time it moves',
    check: () => {
      const before = context(WEEKLY);
      const after = context(WEEKLY, { overrides: [{ date: '2025-03-05', shift: 'night' }] });
      const days = affectedDays({ kind: 'schedule', from: '2025-03-05', to: '2025-03-05' }, before, after);
      deq(
        days.map((d) => d.date),
        ['2025-03-04', '2025-03-05', '2025-03-06'],
      );
    },
  },
  {
    name: 'a calendar change recomputes the changed date and the neighbours whose owned time moves',
    check: () => {
      const before = context(WEEKLY);
      const after = context(WEEKLY, { companyDaysOff: ['2025-03-12'] });
      const days = affectedDays({ kind: 'calendar', dates: ['2025-03-12'] }, before, after);
      deq(
        days.map((d) => d.date),
        ['2025-03-11', '2025-03-12', '2025-03-13'],
      );
    },
  },
  {
    name: 'a calendar change on a Saturday with rest days around it recomputes only that Saturday',
    check: () => {
      const before = context(WEEKLY);
      const after = context(WEEKLY, {
        overrides: [{ date: '2025-03-08', shift: null, dayType: 'statutoryHoliday' }],
      });
      const days = affectedDays({ kind: 'calendar', dates: ['2025-03-08'] }, before, after);
      deq(days, [{ employeeId: 'e1', date: '2025-03-08' }]);
    },
  },
  {
    name: 'a leave request over three dates affects exactly those employee-days',
    check: () => {
      const days = affectedDays(
        {
          kind: 'request',
          employeeId: 'e1',
          request: leave('annual', { startDate: '2025-03-04', endDate: '2025-03-06' }),
        },
        context(WEEKLY),
      );
      deq(
        days.map((d) => d.date),
        ['2025-03-04', '2025-03-05', '2025-03-06'],
      );
    },
  },
];

const requests: Case[] = [
  {
    name: 'a full day of annual leave: no absence, leave minutes, status leave',
    check: () => {
      const r = day({ requests: [leave('annual', { startDate: MONDAY, endDate: MONDAY })] });
      eq(r.absent, 'none');
      deq(
        r.leave.map((l) => [l.leaveType, l.minutes, l.amount]),
        [['annual', 480, 1]],
      );
      deq(r.statuses, ['leave']);
    },
  },
  {
    name: 'half-day leave in the morning with a late arrival after it: late from 13:00',
    check: () => {
      const r = day({
        clocks: ['13:10', '18:00'],
        requests: [leave('annual', { startDate: MONDAY, endDate: MONDAY, endHalf: 'am' })],
      });
      eq(r.lateMinutes, 10);
      assertReason(r, 'late', { punch: '13:10', shiftStart: '13:00', minutes: 10 });
      deq(
        r.leave.map((l) => [l.minutes, l.amount]),
        [[180, 0.5]],
      );
    },
  },
  {
    name: 'half-day leave in the afternoon: leaving at 12:00 is not early',
    check: () => {
      const r = day({
        clocks: ['09:00', '12:00'],
        requests: [leave('sick', { startDate: MONDAY, endDate: MONDAY, startHalf: 'pm' })],
      });
      eq(r.earlyLeaveMinutes, 0);
      eq(r.missingOut, 0);
      deq(r.statuses, ['normal', 'leave']);
    },
  },
  {
    name: 'half-day leave and no punches: only half a day absent',
    check: () => {
      const r = day({ requests: [leave('annual', { startDate: MONDAY, endDate: MONDAY, endHalf: 'am' })] });
      eq(r.absent, 'half');
    },
  },
  {
    name: 'half-day leave caps a late-as-full-day absence at half a day',
    check: () => {
      const r = day({
        clocks: ['13:20', '18:00'],
        rules: { lateAsAbsence: { fullDayAfterMinutes: 15 } },
        requests: [leave('annual', { startDate: MONDAY, endDate: MONDAY, endHalf: 'am' })],
      });
      eq(r.lateMinutes, 20);
      eq(r.absent, 'half');
      assertReason(r, 'absenceCapped', { requiredHalves: 1 });
    },
  },
  {
    name: 'approved leave never makes a day more absent than it would be without the leave',
    check: () => {
      // Without the leave 14:30 reads as an out punch (a missing in, only flagged); with the morning off it
      // is a 90-minute late arrival. The lower absence stands and the reason says why.
      const r = day({
        clocks: ['14:30', '18:00'],
        rules: { lateAsAbsence: { fullDayAfterMinutes: 60 } },
        requests: [leave('annual', { startDate: MONDAY, endDate: MONDAY, endHalf: 'am' })],
      });
      eq(r.lateMinutes, 90);
      eq(r.absent, 'none');
      assertReason(r, 'absenceLimitedByRequests', { absence: 'none', computed: 'half' });
    },
  },
  {
    name: 'two hours of personal leave in the afternoon leave a normal day',
    check: () => {
      const r = day({
        clocks: ['09:00', '18:00'],
        requests: [leave('personal', { start: iso(MONDAY, '14:00'), end: iso(MONDAY, '16:00') })],
      });
      deq(
        r.leave.map((l) => [l.leaveType, l.minutes, l.paid, l.amount]),
        [['personal', 120, false, 2]],
      );
      eq(r.absent, 'none');
    },
  },
  {
    name: 'hour leave at the end of the day: leaving at 16:00 is not early',
    check: () => {
      const r = day({
        clocks: ['09:00', '16:00'],
        requests: [leave('personal', { start: iso(MONDAY, '16:00'), end: iso(MONDAY, '18:00') })],
      });
      eq(r.earlyLeaveMinutes, 0);
    },
  },
  {
    name: 'leave over the lunch break counts only scheduled minutes',
    check: () => {
      const r = day({
        clocks: ['09:00', '18:00'],
        requests: [leave('personal', { start: iso(MONDAY, '11:00'), end: iso(MONDAY, '14:00') })],
      });
      eq(r.leave[0].minutes, 120);
    },
  },
  {
    name: 'a business trip day without punches is attendance, not absence',
    check: () => {
      const r = day({
        requests: [{ kind: 'businessTrip', id: 'T1', startDate: MONDAY, endDate: '2025-03-05' }],
      });
      eq(r.absent, 'none');
      eq(r.businessTripMinutes, 480);
      deq(r.statuses, ['businessTrip']);
    },
  },
  {
    name: 'field work in the morning, back at the office for the afternoon',
    check: () => {
      const r = day({
        clocks: ['12:58', '18:00'],
        requests: [{ kind: 'fieldWork', id: 'F1', start: iso(MONDAY, '09:00'), end: iso(MONDAY, '12:00') }],
      });
      eq(r.fieldWorkMinutes, 180);
      eq(r.lateMinutes, 0);
      deq(r.statuses, ['normal', 'fieldWork']);
    },
  },
  {
    name: 'leave on a rest day takes no minutes and is explained',
    check: () => {
      const r = day({
        dayType: 'restDay',
        shift: null,
        requests: [leave('annual', { startDate: MONDAY, endDate: MONDAY })],
      });
      eq(r.leave[0].minutes, 0);
      eq(r.leave[0].amount, 0);
      assertReason(r, 'leaveOnDayOff', { type: 'annual' });
    },
  },
  {
    name: 'pending leave does not excuse: the day is absent',
    check: () => {
      const r = day({
        requests: [
          { ...leave('annual', { startDate: MONDAY, endDate: MONDAY }), status: 'pending' } as DayRequest,
        ],
      });
      eq(r.absent, 'full');
      eq(r.leave.length, 0);
    },
  },
  {
    name: 'a punch correction (补卡) supplies the missing out',
    check: () => {
      const r = day({
        clocks: ['09:00'],
        requests: [{ kind: 'punchCorrection', id: 'C1', at: iso(MONDAY, '18:00') }],
      });
      eq(r.missingOut, 0);
      eq(r.pairs[0].out?.correctionRequestId, 'C1');
      deq(r.statuses, ['normal', 'corrected']);
      assertReason(r, 'punchCorrected', { punch: '18:00', request: 'C1' });
    },
  },
  {
    name: 'a punch correction at the same minute as a real punch keeps the real punch',
    check: () => {
      const r = day({
        clocks: ['09:00', '18:00'],
        requests: [{ kind: 'punchCorrection', id: 'C1', at: iso(MONDAY, '18:00') }],
      });
      eq(r.pairs[0].out?.correctionRequestId, undefined);
      eq(r.ignoredPunches[0].correctionRequestId, 'C1');
    },
  },
  {
    name: 'a rejected punch correction is ignored',
    check: () => {
      const r = day({
        clocks: ['09:00'],
        requests: [{ kind: 'punchCorrection', id: 'C1', status: 'rejected', at: iso(MONDAY, '18:00') }],
      });
      eq(r.missingOut, 1);
    },
  },
  {
    name: 'a half-day unit leave type takes 0.5 from the balance for a morning',
    check: () => {
      const r = day({
        clocks: ['13:00', '18:00'],
        requests: [leave('sick', { startDate: MONDAY, endDate: MONDAY, endHalf: 'am' })],
      });
      eq(r.leave[0].amount, 0.5);
      eq(r.leave[0].unit, 'halfDay');
    },
  },
];

const flexible: Case[] = [
  {
    name: 'flexible: in 08:00, out 17:00 is eight hours plus lunch: normal',
    check: () => {
      const r = day({ shift: FLEX, clocks: ['08:00', '17:00'] });
      eq(r.lateMinutes, 0);
      eq(r.earlyLeaveMinutes, 0);
      eq(r.workedMinutes, 480);
    },
  },
  {
    name: 'flexible: arriving after the latest start is late',
    check: () => {
      const r = day({ shift: FLEX, clocks: ['10:20', '19:20'] });
      eq(r.lateMinutes, 20);
      assertReason(r, 'lateFlexible', { punch: '10:20', latestStart: '10:00', minutes: 20 });
    },
  },
  {
    name: 'flexible: leaving before the required hours are done is early leave',
    check: () => {
      const r = day({ shift: FLEX, clocks: ['08:00', '16:30'] });
      eq(r.earlyLeaveMinutes, 30);
      assertReason(r, 'earlyLeaveFlexible', { expectedEnd: '17:00', minutes: 30 });
    },
  },
  {
    name: 'flexible with core hours: leaving before the core end is early even with hours done',
    check: () => {
      const core: FlexibleShift = {
        ...FLEX,
        earliestStart: '06:00',
        latestStart: undefined,
        coreHours: [{ start: '10:00', end: '16:00' }],
      };
      const r = day({ shift: core, clocks: ['06:00', '15:30'] });
      eq(r.earlyLeaveMinutes, 30);
      assertReason(r, 'earlyLeaveCore', { coreEnd: '16:00', minutes: 30 });
    },
  },
  {
    name: 'flexible with core hours and no latest start: late from the core start',
    check: () => {
      const core: FlexibleShift = {
        ...FLEX,
        latestStart: undefined,
        coreHours: [{ start: '10:00', end: '16:00' }],
      };
      const r = day({ shift: core, clocks: ['10:15', '19:15'] });
      eq(r.lateMinutes, 15);
      assertReason(r, 'lateCore', { coreStart: '10:00' });
    },
  },
  {
    name: 'flexible: arriving before the earliest start counts from the earliest start',
    check: () => {
      const r = day({ shift: FLEX, clocks: ['06:00', '16:00'] });
      eq(r.earlyLeaveMinutes, 0);
      eq(r.workedMinutes, 480);
    },
  },
  {
    name: 'flexible: overtime after the expected end',
    check: () => eq(ot(day({ shift: FLEX, clocks: ['08:00', '19:00'] }))?.minutes, 120),
  },
  {
    name: 'free schedule: only worked time counts, pairs in order',
    check: () => {
      const r = day({
        shift: FREE,
        clocks: ['10:00', '14:00', '15:00', '19:00'],
        rules: { punchMode: 'everyPair' },
      });
      eq(r.workedMinutes, 480);
      eq(r.lateMinutes, 0);
      eq(r.absent, 'none');
      deq(r.statuses, ['normal']);
    },
  },
  {
    name: 'free schedule: work beyond the expected minutes on a workday is overtime',
    check: () => eq(ot(day({ shift: FREE, clocks: ['08:00', '18:00'] }))?.minutes, 120),
  },
  {
    name: 'free schedule: no punches is not an absence',
    check: () => eq(day({ shift: FREE, clocks: [] }).absent, 'none'),
  },
  {
    name: 'free schedule: an unpaired punch is a missing out',
    check: () => {
      const r = day({ shift: FREE, clocks: ['09:00', '12:00', '13:00'], rules: { punchMode: 'everyPair' } });
      eq(r.missingOut, 1);
      eq(r.workedMinutes, 180);
    },
  },
];

const zones: Case[] = [
  {
    name: 'a New York site: 09:00 local is on time whatever the UTC time',
    check: () => {
      const r = day({ zone: 'America/New_York', clocks: ['08:59', '18:00'] });
      eq(r.lateMinutes, 0);
      eq(r.scheduled?.start, '2025-03-03T14:00:00.000Z');
    },
  },
  {
    name: 'spring-forward night in New York: a 22:00–06:00 shift is seven real hours',
    check: () => {
      const r = day({
        zone: 'America/New_York',
        date: '2025-03-08',
        shift: NIGHT,
        clocks: ['22:00', '06:00+1'],
      });
      eq(r.scheduledMinutes, 420);
      eq(r.workedMinutes, 420);
      eq(r.earlyLeaveMinutes, 0);
    },
  },
  {
    name: 'fall-back night in New York: a 22:00–06:00 shift is nine real hours',
    check: () => {
      const r = day({
        zone: 'America/New_York',
        date: '2025-11-01',
        shift: NIGHT,
        clocks: ['22:00', '06:00+1'],
      });
      eq(r.scheduledMinutes, 540);
      eq(r.workedMinutes, 540);
    },
  },
  {
    name: 'London on the day clocks go forward: a day shift is unaffected',
    check: () => {
      const r = day({
        zone: 'Europe/London',
        date: '2025-03-30',
        dayType: 'workday',
        clocks: ['09:05', '18:00'],
      });
      eq(r.lateMinutes, 5);
      eq(r.scheduledMinutes, 480);
    },
  },
  {
    name: 'India (+05:30): late minutes measured in local time',
    check: () => {
      const r = day({ zone: 'Asia/Kolkata', clocks: ['09:07', '18:00'] });
      eq(r.lateMinutes, 7);
      eq(r.scheduled?.start, '2025-03-03T03:30:00.000Z');
    },
  },
  {
    name: 'the same instant written with +08:00 or Z gives the same day',
    check: () => {
      const base = { employeeId: 'e1', date: MONDAY, zone: SH, dayType: 'workday' as const, shift: OFFICE };
      const a = evaluateDay({
        ...base,
        punches: [{ at: '2025-03-03T09:12:00+08:00' }, { at: '2025-03-03T18:00:00+08:00' }],
      });
      const b = evaluateDay({
        ...base,
        punches: [{ at: '2025-03-03T01:12:00Z' }, { at: '2025-03-03T10:00:00Z' }],
      });
      eq(a.lateMinutes, 12);
      deq(a.pairs, b.pairs);
    },
  },
  {
    name: 'a Sydney night shift across the April DST end keeps the punch with its start day',
    check: () => {
      const r = day({
        zone: 'Australia/Sydney',
        date: '2025-04-05',
        shift: NIGHT,
        clocks: ['22:00', '06:00+1'],
      });
      eq(r.scheduledMinutes, 540);
      eq(r.pairs[0].out?.time, '06:00+1');
    },
  },
];

const summary: Case[] = [
  {
    name: 'a month summary adds up lateness, absence, leave and overtime by kind',
    check: () => {
      const days = [
        day({ clocks: ['09:12', '19:45'] }),
        day({ date: '2025-03-04', clocks: ['09:00', '17:40'] }),
        day({ date: '2025-03-05', clocks: [] }),
        day({
          date: '2025-03-06',
          requests: [leave('annual', { startDate: '2025-03-06', endDate: '2025-03-06', endHalf: 'am' })],
          clocks: ['13:00', '18:00'],
        }),
        day({
          date: '2025-03-08',
          dayType: 'restDay',
          shift: null,
          clocks: ['10:00', '14:00'],
          rules: { restDayOvertime: 'timeOffInLieu' },
        }),
      ];
      const s = monthSummary(days);
      eq(s.daysScheduled, 4);
      eq(s.daysWorked, 4);
      eq(s.lateCount, 1);
      eq(s.lateMinutes, 12);
      eq(s.earlyLeaveMinutes, 20);
      eq(s.absentDays, 1);
      deq(s.leave.annual, { minutes: 180, amount: 0.5, unit: 'halfDay', paid: true, days: 0.375 });
      deq(s.overtime.workday, { minutes: 90, paidMinutes: 90, timeOffMinutes: 0 });
      deq(s.overtime.restDay, { minutes: 240, paidMinutes: 0, timeOffMinutes: 240 });
      eq(s.daysAttended, 2.625);
      eq(s.attendanceRate, 0.6563);
    },
  },
  {
    name: 'a month summary counts missing punches and half-day absences',
    check: () => {
      const s = monthSummary([
        day({ clocks: ['09:00'] }),
        day({ date: '2025-03-04', clocks: ['18:00'] }),
        day({ date: '2025-03-05', clocks: ['09:00', '12:00'], rules: { punchMode: 'everyPair' } }),
      ]);
      eq(s.missingPunches, 2);
      eq(s.absentHalfDays, 1);
      eq(s.absentDays, 0.5);
    },
  },
];

const all = [
  ...fixedShift.map((c) => ({ ...c, name: `fixed: ${c.name}` })),
  ...overtime.map((c) => ({ ...c, name: `overtime: ${c.name}` })),
  ...overnight.map((c) => ({ ...c, name: `overnight: ${c.name}` })),
  ...roster.map((c) => ({ ...c, name: `roster: ${c.name}` })),
  ...requests.map((c) => ({ ...c, name: `requests: ${c.name}` })),
  ...flexible.map((c) => ({ ...c, name: `flexible/free: ${c.name}` })),
  ...zones.map((c) => ({ ...c, name: `time zones: ${c.name}` })),
  ...summary.map((c) => ({ ...c, name: `summary: ${c.name}` })),
];

test('the rule table has at least 80 named scenarios with distinct names', () => {
  assert.ok(all.length >= 80, `only ${all.length} scenarios`);
  eq(new Set(all.map((c) => c.name)).size, all.length);
});

for (const c of all) test(c.name, c.check);
