// Benchmark: evaluate one month for many employees through the pure engine (no database).
// Default: 10,000 employees × 30 days × 4 punches = 1.2 million punches, April 2025 in Asia/Shanghai
// (with 清明 on 4 April and the 调休 workday on Sunday 27 April).
//
//   npx tsx bench/attendance/recompute.ts [--employees 10000]
//   (NODE_OPTIONS=--max-semi-space-size=32 lowers garbage-collection time for this allocation-heavy loop)

import { monthSummary } from '../../src/core/attendance/month-summary.js';
import type { Punch } from '../../src/core/attendance/punches.js';
import { evaluateRange } from '../../src/core/attendance/range.js';
import type { DayResult } from '../../src/core/attendance/result.js';
import { type Assignment, createScheduleContext } from '../../src/core/attendance/roster.js';
import type { Shift } from '../../src/core/attendance/shift.js';
import { createCalendar } from '../../src/core/calendar/calendar.js';
import { chinaCalendar } from '../../src/core/calendar/china.js';
import { datesInRange } from '../../src/core/time/date.js';
import { fromLocal } from '../../src/core/time/zone.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EMPLOYEES = arg('employees', 10_000);
const FROM = '2025-04-01';
const TO = '2025-04-30';
const ZONE = 'Asia/Shanghai';

const shifts: Shift[] = [
  {
    kind: 'fixed',
    id: 'office',
    segments: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ],
    rules: { punchMode: 'everyPair' },
  },
  { kind: 'fixed', id: 'day', segments: [{ start: '08:00', end: '20:00' }] },
  { kind: 'fixed', id: 'night', segments: [{ start: '20:00', end: '08:00' }] },
  {
    kind: 'flexible',
    id: 'flex',
    earliestStart: '07:00',
    latestStart: '10:00',
    requiredMinutes: 480,
    breaks: [{ start: '12:00', end: '13:00' }],
    coreHours: [{ start: '10:00', end: '16:00' }],
  },
];
const cn = chinaCalendar([2025]);
const context = createScheduleContext({
  groups: [
    {
      id: 'office',
      zone: ZONE,
      rules: {
        lateGraceMinutes: 5,
        lateAsAbsence: { halfDayAfterMinutes: 60 },
        restDayOvertime: 'timeOffInLieu',
      },
      versions: [
        {
          effectiveFrom: '2025-01-01',
          schedule: {
            kind: 'weekly',
            days: { mon: 'office', tue: 'office', wed: 'office', thu: 'office', fri: 'office' },
          },
        },
      ],
    },
    {
      id: 'factory',
      zone: ZONE,
      versions: [
        {
          effectiveFrom: '2025-01-01',
          schedule: {
            kind: 'rotating',
            cycle: ['day', 'day', 'night', 'night', null, null],
            anchorDate: '2025-01-01',
          },
        },
      ],
    },
    {
      id: 'rd',
      zone: ZONE,
      versions: [
        {
          effectiveFrom: '2025-01-01',
          schedule: {
            kind: 'weekly',
            days: { mon: 'flex', tue: 'flex', wed: 'flex', thu: 'flex', fri: 'flex' },
          },
        },
      ],
    },
  ],
  shifts,
  calendars: [createCalendar({ id: 'default', entries: [...cn.entries.values()] })],
  assignments: [],
});

// Deterministic pseudo-random numbers (mulberry32), so every run evaluates the same data.
let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const jitter = (spread: number) => Math.round((random() - 0.5) * 2 * spread);

const dates = datesInRange(FROM, TO);
const assignments: Assignment[] = [];
const punchesOf: Punch[][] = [];
const t0 = performance.now();
for (let e = 0; e < EMPLOYEES; e++) {
  const group = e % 10 < 7 ? 'office' : e % 10 < 9 ? 'factory' : 'rd';
  assignments.push({ employeeId: `e${e}`, groupId: group, from: '2025-01-01' });
  const list: Punch[] = [];
  for (const date of dates) {
    // Four punches every day: in, out for lunch, back, out (nights: in, break out, back, out).
    const base =
      group === 'factory'
        ? (e + dates.indexOf(date)) % 6 >= 2 && (e + dates.indexOf(date)) % 6 < 4
          ? 20 * 60
          : 8 * 60
        : 9 * 60;
    const plan =
      group === 'factory'
        ? [base - 10, base + 300, base + 330, base + 725]
        : [base - 8, 180 + base, 240 + base, 545 + base];
    for (const m of plan)
      list.push({ at: fromLocal(date, m + jitter(12), ZONE) + Math.floor(random() * 60) * 1000 });
  }
  punchesOf.push(list);
}
const ctx = createScheduleContext({
  groups: [...context.groups.values()],
  shifts,
  calendars: [...context.calendars.values()],
  assignments,
});
const generateMs = performance.now() - t0;
const punchCount = punchesOf.reduce((n, l) => n + l.length, 0);

const heapBefore = process.memoryUsage().heapUsed;
const cpuBefore = process.cpuUsage();
const t1 = performance.now();
let dayCount = 0;
let late = 0;
let absent = 0;
let overtime = 0;
const sample: DayResult[][] = [];
for (let e = 0; e < EMPLOYEES; e++) {
  const days = evaluateRange({
    context: ctx,
    employeeId: `e${e}`,
    from: FROM,
    to: TO,
    punches: punchesOf[e],
  });
  const s = monthSummary(days);
  dayCount += days.length;
  late += s.lateCount;
  absent += s.absentDays;
  overtime += s.overtime.workday.minutes + s.overtime.restDay.minutes + s.overtime.holiday.minutes;
  if (e < 200) sample.push(days);
}
const evaluateMs = performance.now() - t1;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const heapAfter = process.memoryUsage().heapUsed;

const t2 = performance.now();
let bytes = 0;
for (const days of sample) for (const d of days) bytes += JSON.stringify(d).length;
const serializeMsPerDay = (performance.now() - t2) / (sample.length * dates.length);

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
console.log(
  `attendance recompute (pure engine), ${fmt(EMPLOYEES)} employees × ${dates.length} days, ${fmt(punchCount)} punches`,
);
console.log(`  generate input:            ${fmt(generateMs)} ms`);
console.log(`  evaluate month + summary:  ${fmt(evaluateMs)} ms  (${fmt(dayCount)} employee-days)`);
console.log(`  CPU time of that (process): ${fmt(cpuMs)} ms  (includes garbage collection threads)`);
console.log(`  per employee-month:        ${fmt((evaluateMs / EMPLOYEES) * 1000)} µs`);
console.log(`  per employee-day:          ${fmt((evaluateMs / dayCount) * 1000)} µs`);
console.log(`  punches per second:        ${fmt(punchCount / (evaluateMs / 1000))}`);
console.log(
  `  JSON of one day result:    ${fmt(serializeMsPerDay * 1000)} µs, ${fmt(bytes / (sample.length * dates.length))} bytes`,
);
console.log(`  heap growth while running: ${fmt((heapAfter - heapBefore) / 1048576)} MiB`);
console.log(`  totals: ${fmt(late)} late, ${fmt(absent)} absent days, ${fmt(overtime)} overtime minutes`);
