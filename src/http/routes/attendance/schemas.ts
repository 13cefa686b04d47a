// Schemas shared by the attendance routes. Shift definitions, rules and schedules are validated again by the
// services against the engine's own JSON Schema (the simulate format), which is stricter than these.
import { type TSchema, Type } from '@sinclair/typebox';
import { Nullable } from '../../schemas.js';

/**
 * Null or a value, for request bodies. Null comes first: with type coercion on, a null tried against a string
 * or integer first would be turned into "" or 0.
 */
export const OrNull = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const MonthString = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' });
export const Instant = Type.String({
  description: 'ISO-8601 instant with a zone offset, e.g. 2025-03-03T01:02:00Z',
});
export const Json = Type.Record(Type.String(), Type.Unknown());
export const DayTypeSchema = Type.Union([
  Type.Literal('workday'),
  Type.Literal('restDay'),
  Type.Literal('statutoryHoliday'),
]);
export const RequestKindSchema = Type.Union([
  Type.Literal('leave'),
  Type.Literal('businessTrip'),
  Type.Literal('fieldWork'),
  Type.Literal('punchCorrection'),
  Type.Literal('overtime'),
]);
export const StepSchema = Type.Union([Type.Literal('manager'), Type.Literal('hr')]);

export const RecomputeOutcome = Type.Object(
  {
    mode: Type.Union([Type.Literal('sync'), Type.Literal('task'), Type.Literal('none')], {
      description: 'sync: done in this request; task: running in the background (poll /api/tasks/{id})',
    }),
    days: Type.Integer({ description: 'employee-days to recompute' }),
    stats: Type.Optional(
      Type.Object({
        evaluated: Type.Integer(),
        written: Type.Integer(),
        unchanged: Type.Integer(),
        removed: Type.Integer(),
        skippedClosed: Type.Integer(),
      }),
    ),
    task: Type.Optional(
      Type.Object({ id: Type.Integer(), status: Type.String() }, { additionalProperties: true }),
    ),
  },
  { description: 'the recompute the change caused' },
);

export const ScheduleVersionSchema = Type.Object({
  effectiveFrom: DateString,
  schedule: Type.Unknown({ description: "the engine's weekly or rotating schedule" }),
});

export const Member = Type.Object({
  employeeId: Type.Optional(OrNull(Type.Integer({ minimum: 1 }))),
  departmentId: Type.Optional(OrNull(Type.Integer({ minimum: 1 }))),
  from: DateString,
  to: Type.Optional(OrNull(DateString)),
});

export const Group = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  zone: Type.String(),
  calendarId: Nullable(Type.Integer()),
  rules: Type.Unknown({ description: 'rule overrides' }),
  versions: Type.Array(ScheduleVersionSchema),
  members: Type.Array(
    Type.Object({
      employeeId: Nullable(Type.Integer()),
      departmentId: Nullable(Type.Integer()),
      from: Type.String(),
      to: Nullable(Type.String()),
    }),
  ),
  employeeCount: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const Shift = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  definition: Json,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const CalendarEntry = Type.Object({
  date: DateString,
  type: DayTypeSchema,
  name: Type.Optional(Type.String({ maxLength: 100 })),
});

export const LeaveUnit = Type.Union([Type.Literal('day'), Type.Literal('halfDay'), Type.Literal('hour')]);
export const Accrual = Type.Union([
  Type.Literal('none'),
  Type.Literal('statutoryAnnual'),
  Type.Literal('timeOffInLieu'),
]);

export const RequestStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
  Type.Literal('cancelled'),
]);

export const Request = Type.Object({
  id: Type.Integer(),
  employeeId: Type.Integer(),
  employeeNo: Type.String(),
  employeeName: Type.String(),
  kind: RequestKindSchema,
  status: RequestStatusSchema,
  leaveType: Nullable(Type.String()),
  startDate: Type.String(),
  endDate: Type.String(),
  startHalf: Nullable(Type.String()),
  endHalf: Nullable(Type.String()),
  startAt: Nullable(Type.String()),
  endAt: Nullable(Type.String()),
  at: Nullable(Type.String()),
  compensation: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  amount: Nullable(Type.Number()),
  chain: Type.Array(StepSchema),
  step: Type.Integer(),
  currentStep: Nullable(StepSchema),
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
});

export const RequestDetail = Type.Intersect([
  Request,
  Type.Object({
    events: Type.Array(
      Type.Object({
        at: Type.String(),
        actor: Type.String(),
        action: Type.String(),
        step: Nullable(Type.String()),
        comment: Nullable(Type.String()),
      }),
    ),
    attachments: Type.Array(
      Type.Object({
        id: Type.Integer(),
        fileName: Type.String(),
        contentType: Type.String(),
        size: Type.Integer(),
        createdAt: Type.String(),
      }),
    ),
    canDecide: Type.Boolean(),
    canCancel: Type.Boolean(),
    recompute: Type.Optional(RecomputeOutcome),
  }),
]);

export const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
