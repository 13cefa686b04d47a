// The scenario format of `faceclock simulate`, as JSON Schema. docs/scenario.schema.json is this object.

import type { JsonSchema } from './json-schema.js';

const ref = (name: string, description?: string): JsonSchema =>
  description ? { $ref: `#/$defs/${name}`, description } : { $ref: `#/$defs/${name}` };
const int = (description: string, minimum = 0): JsonSchema => ({ type: 'integer', minimum, description });
const str = (description: string): JsonSchema => ({ type: 'string', minLength: 1, description });
const obj = (
  properties: Record<string, JsonSchema>,
  required: string[] = [],
  description?: string,
): JsonSchema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required,
  additionalProperties: false,
});

const thresholds: JsonSchema = obj(
  {
    halfDayAfterMinutes: int('more than this many minutes counts as half a day absent'),
    fullDayAfterMinutes: int('more than this many minutes counts as a full day absent'),
  },
  [],
  'minutes beyond which lateness or early leave counts as absence (旷工)',
);

const missingMeaning: JsonSchema = {
  enum: ['missing', 'halfDayAbsent', 'fullDayAbsent', 'late'],
  description: 'what a missing punch (缺卡) counts as',
};

const rules: JsonSchema = obj(
  {
    checkInOpensMinutes: int('check-in opens this many minutes before the shift starts (default 240)'),
    checkInClosesMinutes: {
      type: ['integer', 'null'],
      minimum: 0,
      description:
        'check-in closes this many minutes after the start (default null: the middle of the shift)',
    },
    checkOutOpensMinutes: {
      type: ['integer', 'null'],
      minimum: 0,
      description: 'check-out opens this many minutes before the end (default null: the middle of the shift)',
    },
    checkOutClosesMinutes: int('check-out closes this many minutes after the shift ends (default 480)'),
    lateGraceMinutes: int('迟到宽限: lateness up to this many minutes is not late (default 0)'),
    earlyLeaveGraceMinutes: int(
      '早退宽限: leaving up to this many minutes early is not early leave (default 0)',
    ),
    lateAsAbsence: thresholds,
    earlyLeaveAsAbsence: thresholds,
    missingIn: missingMeaning,
    missingOut: missingMeaning,
    missingPunchLateMinutes: int("late/early minutes charged for a missing punch whose meaning is 'late'"),
    punchMode: {
      enum: ['firstInLastOut', 'everyPair'],
      description:
        "'firstInLastOut': first punch in, last out (default); 'everyPair': an in and out per work segment",
    },
    duplicateWithinMinutes: int(
      'a punch at most this many minutes after the previous one is ignored (default 1)',
    ),
    overtimeSource: {
      enum: ['punches', 'requests', 'both'],
      description:
        "overtime from punches beyond the schedule (default), approved requests, or 'both' (requested and worked)",
    },
    overtimeMinimumMinutes: int('daily overtime below this is not counted (default 30)'),
    overtimeRoundingMinutes: int('overtime is rounded to a multiple of this (default 30; 0 = none)'),
    overtimeRounding: { enum: ['down', 'nearest', 'up'], description: 'rounding direction (default down)' },
    overtimeStartsAfterMinutes: int(
      'workday overtime counts from this many minutes after the shift end (default 0)',
    ),
    overtimeBeforeShift: {
      type: 'boolean',
      description: 'count time before the shift start as overtime (default false)',
    },
    restDayOvertime: {
      enum: ['pay', 'timeOffInLieu'],
      description: "rest-day overtime paid at 200% ('pay', default) or turned into time off in lieu (调休)",
    },
    dayStartsAt: ref(
      'clock',
      'on a day without a shift, the attendance day starts at this local time (default 00:00)',
    ),
  },
  [],
  'attendance rules; any rule left out takes its default',
);

const clockRange = obj(
  { start: ref('clock'), end: ref('clock') },
  ['start', 'end'],
  'a time range {start, end}',
);

const dateRangeProps = {
  startDate: ref('date'),
  endDate: ref('date'),
  startHalf: { enum: ['am', 'pm'], description: "'pm': the first date counts from the afternoon" },
  endHalf: { enum: ['am', 'pm'], description: "'am': the last date counts for the morning only" },
};
const instantRangeProps = { start: ref('instant'), end: ref('instant') };
const requestBase = {
  id: str('request id'),
  employeeId: str('employee id'),
  status: {
    enum: ['approved', 'pending', 'rejected', 'cancelled'],
    description: 'only approved requests count (default approved)',
  },
};
const rangeRequest = (kind: string, extra: Record<string, JsonSchema>, description: string): JsonSchema => ({
  type: 'object',
  description,
  properties: { kind: { const: kind }, ...requestBase, ...extra, ...dateRangeProps, ...instantRangeProps },
  required: ['kind', 'id', 'employeeId', ...Object.keys(extra).filter((k) => k === 'leaveType')],
  additionalProperties: false,
  anyOf: [
    { required: ['startDate', 'endDate'], description: 'dates {startDate, endDate} (optionally halves)' },
    { required: ['start', 'end'], description: 'instants {start, end}' },
  ],
});

export const scenarioSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://faceclock.dev/schemas/scenario.schema.json',
  title: 'FaceClock attendance scenario',
  description:
    'Input of `faceclock simulate`: rules, calendar, shifts, attendance groups, employees, punches and requests. ' +
    'The engine evaluates every employee-day of the period without a database.',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', description: 'a title for the scenario' },
    description: { type: 'string' },
    period: obj(
      { from: ref('date'), to: ref('date') },
      ['from', 'to'],
      'the dates to evaluate, both included (default: the dates of the punches and requests)',
    ),
    zone: ref('zone', 'default IANA time zone of the groups (default Asia/Shanghai)'),
    rules: rules,
    calendar: obj(
      {
        bundled: {
          type: 'array',
          items: { enum: [2025, 2026] },
          description: 'bundled mainland China years to include (default [2025, 2026]; [] for none)',
        },
        weekend: {
          type: 'array',
          items: { type: 'integer', minimum: 0, maximum: 6 },
          description: 'weekly rest days, 0 = Sunday … 6 = Saturday (default [0, 6])',
        },
        entries: {
          type: 'array',
          items: ref('calendarEntry'),
          description: 'dates that override the bundled years',
        },
        companyDaysOff: {
          type: 'array',
          items: { anyOf: [ref('date'), obj({ date: ref('date'), name: { type: 'string' } }, ['date'])] },
          description: 'company days off (公司假): workdays that become rest days',
        },
      },
      [],
      'the holiday calendar: bundled State Council years, own entries and company days off',
    ),
    shifts: { type: 'array', items: ref('shift'), description: 'shift definitions (班次)' },
    leaveTypes: {
      type: 'array',
      items: ref('leaveType'),
      description:
        'leave types in addition to the built-in annual, timeOffInLieu, sick, personal, marriage, maternity, paternity, bereavement',
    },
    groups: { type: 'array', minItems: 1, items: ref('group'), description: 'attendance groups (考勤组)' },
    employees: { type: 'array', minItems: 1, items: ref('employee') },
    assignments: {
      type: 'array',
      items: ref('assignment'),
      description:
        'employee-to-group assignments with dates (in addition to employees[].group and group members)',
    },
    punches: { type: 'array', items: ref('punch') },
    requests: { type: 'array', items: ref('request') },
  },
  required: ['shifts', 'groups', 'employees'],
  additionalProperties: false,
  $defs: {
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a date YYYY-MM-DD' },
    clock: {
      type: 'string',
      pattern: '^\\d{1,2}:\\d{2}(\\+1)?$',
      description: 'a time of day HH:MM (HH:MM+1 for the next day)',
    },
    instant: {
      type: ['string', 'integer'],
      pattern: '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?$',
      description:
        'an instant: ISO-8601 with offset (2025-03-03T09:00:00+08:00 or …Z), a local time without offset ' +
        "(2025-03-03T09:00, read in the employee's group time zone) or epoch milliseconds",
    },
    zone: { type: 'string', minLength: 1, description: 'an IANA time zone such as Asia/Shanghai' },
    calendarEntry: obj(
      {
        date: ref('date'),
        type: { enum: ['workday', 'restDay', 'statutoryHoliday'] },
        name: { type: 'string' },
      },
      ['date', 'type'],
    ),
    clockRange,
    fixedShift: obj(
      {
        kind: { const: 'fixed' },
        id: str('shift id'),
        name: { type: 'string' },
        segments: {
          type: 'array',
          minItems: 1,
          items: clockRange,
          description:
            'work segments in order; gaps between them are breaks; a time earlier than the previous is the next day',
        },
        halfDaySplit: ref('clock', 'where the morning half ends (default: the break nearest the middle)'),
        rules,
      },
      ['kind', 'id', 'segments'],
      'a fixed shift',
    ),
    flexibleShift: obj(
      {
        kind: { const: 'flexible' },
        id: str('shift id'),
        name: { type: 'string' },
        earliestStart: ref('clock', 'work counts from this time at the earliest'),
        latestStart: ref('clock', 'arriving after this is late'),
        requiredMinutes: int('minutes of work required, breaks excluded', 1),
        coreHours: {
          type: 'array',
          items: clockRange,
          description: 'core hours (核心时段) that must be present',
        },
        breaks: { type: 'array', items: clockRange },
        halfDaySplit: ref('clock'),
        rules,
      },
      ['kind', 'id', 'earliestStart', 'requiredMinutes'],
      'a flexible shift (弹性班)',
    ),
    freeShift: obj(
      {
        kind: { const: 'free' },
        id: str('shift id'),
        name: { type: 'string' },
        requiredMinutes: int('minutes expected on a workday; more is overtime'),
        rules,
      },
      ['kind', 'id'],
      'a free schedule (自由工时): only worked time counts',
    ),
    shift: { oneOf: [ref('fixedShift'), ref('flexibleShift'), ref('freeShift')] },
    weeklySchedule: obj(
      {
        kind: { const: 'weekly' },
        days: obj(
          Object.fromEntries(
            ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
              d,
              { type: ['string', 'null'], description: 'shift id, or null for a day off' },
            ]),
          ),
          [],
          'shift per weekday',
        ),
        followCalendar: {
          type: 'boolean',
          description:
            'calendar rest days and holidays are off, 调休 workdays get makeUpShift (default true)',
        },
        makeUpShift: str("shift on a weekend day made a workday (default: Monday's)"),
      },
      ['kind', 'days'],
      'a weekly schedule',
    ),
    rotatingSchedule: obj(
      {
        kind: { const: 'rotating' },
        cycle: {
          type: 'array',
          minItems: 1,
          items: { type: ['string', 'null'] },
          description: 'shift id per day of the cycle, null for a day off',
        },
        anchorDate: ref('date', 'the date that is day 1 of the cycle'),
        holidaysOff: {
          type: 'boolean',
          description: 'take statutory holidays off (default false: worked at 300%)',
        },
      },
      ['kind', 'cycle', 'anchorDate'],
      'a rotating roster (轮班), e.g. 2 days, 2 nights, 2 off',
    ),
    schedule: { oneOf: [ref('weeklySchedule'), ref('rotatingSchedule')] },
    group: obj(
      {
        id: str('group id'),
        name: { type: 'string' },
        zone: ref('zone'),
        rules,
        schedule: ref('schedule', 'the schedule from the start (shortcut for one version)'),
        versions: {
          type: 'array',
          items: obj({ effectiveFrom: ref('date'), schedule: ref('schedule') }, [
            'effectiveFrom',
            'schedule',
          ]),
          description: 'schedules with the date each takes effect',
        },
        overrides: {
          type: 'array',
          items: obj(
            {
              date: ref('date'),
              shift: { type: ['string', 'null'], description: 'shift id, or null for a day off' },
              employeeId: str('only this employee (a cell of the schedule grid)'),
              dayType: { enum: ['workday', 'restDay', 'statutoryHoliday'] },
            },
            ['date', 'shift'],
          ),
          description: 'per-date changes to the schedule',
        },
        members: obj(
          {
            employees: { type: 'array', items: { type: 'string' } },
            departments: { type: 'array', items: { type: 'string' } },
            from: ref('date', 'roll-out: members are in the group from this date'),
            to: ref('date'),
          },
          [],
          'who is in the group, by employee or department',
        ),
      },
      ['id'],
      'an attendance group (考勤组)',
    ),
    employee: obj(
      {
        id: str('employee id'),
        name: { type: 'string' },
        department: { type: 'string' },
        group: str('group id from the start (shortcut for an assignment)'),
      },
      ['id'],
    ),
    assignment: obj(
      { employeeId: str('employee id'), groupId: str('group id'), from: ref('date'), to: ref('date') },
      ['employeeId', 'groupId', 'from'],
    ),
    punch: obj(
      {
        employeeId: str('employee id'),
        at: ref('instant'),
        id: { type: 'string' },
        source: { type: 'string', description: 'face (default), pin, qr, …' },
      },
      ['employeeId', 'at'],
    ),
    leaveType: obj(
      {
        id: str('leave type id'),
        name: { type: 'string' },
        unit: { enum: ['day', 'halfDay', 'hour'] },
        paid: { type: 'boolean' },
        hasBalance: { type: 'boolean' },
      },
      ['id', 'unit', 'paid'],
    ),
    leaveRequest: rangeRequest('leave', { leaveType: str('leave type id') }, 'approved leave (请假)'),
    businessTripRequest: rangeRequest('businessTrip', {}, 'a business trip (出差)'),
    fieldWorkRequest: rangeRequest('fieldWork', {}, 'field work (外勤)'),
    overtimeRequest: obj(
      {
        kind: { const: 'overtime' },
        ...requestBase,
        ...instantRangeProps,
        compensation: { enum: ['pay', 'timeOffInLieu'] },
      },
      ['kind', 'id', 'employeeId', 'start', 'end'],
      'an overtime request (加班申请)',
    ),
    punchCorrectionRequest: obj(
      { kind: { const: 'punchCorrection' }, ...requestBase, at: ref('instant') },
      ['kind', 'id', 'employeeId', 'at'],
      'a punch correction (补卡): a punch at `at`',
    ),
    request: {
      oneOf: [
        ref('leaveRequest'),
        ref('businessTripRequest'),
        ref('fieldWorkRequest'),
        ref('overtimeRequest'),
        ref('punchCorrectionRequest'),
      ],
    },
  },
};
