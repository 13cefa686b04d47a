// Day results: the monthly grid, one day explained, manual punches, recompute on demand, the rule-change
// preview, and month close / reopen.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  closeMonth,
  listMonths,
  monthSummaries,
  reopenMonth,
} from '../../../services/attendance/months.service.js';
import { type DraftChange, previewChange } from '../../../services/attendance/preview.service.js';
import {
  addManualPunch,
  dayExplanation,
  monthGrid,
  recomputeRange,
} from '../../../services/attendance/results.service.js';
import type { ServiceContext } from '../../../services/context.js';
import { requestLocale } from '../../locale.js';
import { errorResponses, Nullable, Pagination } from '../../schemas.js';
import {
  DateString,
  Instant,
  MonthString,
  OrNull,
  RecomputeOutcome,
  ScheduleVersionSchema,
} from './schemas.js';

const tags = ['attendance: results'];

const Cell = Nullable(
  Type.Object({
    statuses: Type.Array(Type.String()),
    dayType: Type.String(),
    shift: Nullable(Type.String()),
    workedMinutes: Type.Integer(),
    lateMinutes: Type.Integer(),
    earlyLeaveMinutes: Type.Integer(),
    missingPunches: Type.Integer(),
    absent: Type.String(),
    leaveMinutes: Type.Integer(),
    overtimeMinutes: Type.Integer(),
  }),
);
const Change = Type.Object({
  field: Type.String(),
  before: Type.Union([Type.String(), Type.Number(), Type.Null()]),
  after: Type.Union([Type.String(), Type.Number(), Type.Null()]),
});
const Month = Type.Object({
  month: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  closedAt: Nullable(Type.String()),
  closedBy: Nullable(Type.Integer()),
  reopenedAt: Nullable(Type.String()),
  reopenedBy: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
});

export const resultRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/attendance/grid',
      {
        schema: {
          tags,
          summary: 'The monthly grid: employees × days with statuses (a manager: their departments)',
          querystring: Type.Object({
            month: MonthString,
            departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
            ...Pagination,
          }),
          response: {
            200: Type.Object({
              month: Type.String(),
              closed: Type.Boolean(),
              dates: Type.Array(Type.String()),
              total: Type.Integer(),
              rows: Type.Array(
                Type.Object({
                  employeeId: Type.Integer(),
                  employeeNo: Type.String(),
                  name: Type.String(),
                  departmentId: Nullable(Type.Integer()),
                  cells: Type.Array(Cell),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => monthGrid(ctx, request.actor, request.query),
    );
    app.get(
      '/api/attendance/day',
      {
        schema: {
          tags,
          summary:
            'One employee-day explained: figures, reasons in the request’s language, punches, requests and earlier results',
          querystring: Type.Object({ employeeId: Type.Integer({ minimum: 1 }), date: DateString }),
          response: {
            200: Type.Object({
              employee: Type.Object({ id: Type.Integer(), employeeNo: Type.String(), name: Type.String() }),
              date: Type.String(),
              stored: Type.Boolean({ description: 'false: evaluated now, not saved yet' }),
              version: Nullable(Type.Integer()),
              cause: Nullable(Type.String()),
              computedAt: Nullable(Type.String()),
              result: Type.Unknown({ description: "the engine's DayResult" }),
              reasons: Type.Array(
                Type.Object({ code: Type.String(), figure: Type.String(), text: Type.String() }),
              ),
              history: Type.Array(
                Type.Object({
                  version: Type.Integer(),
                  cause: Type.String(),
                  computedAt: Type.String(),
                  changes: Type.Array(Change),
                }),
              ),
              punches: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  at: Type.String(),
                  method: Type.String(),
                  note: Nullable(Type.String()),
                  deviceId: Nullable(Type.Integer()),
                }),
              ),
              requests: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  kind: Type.String(),
                  status: Type.String(),
                  leaveType: Nullable(Type.String()),
                  startDate: Type.String(),
                  endDate: Type.String(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => dayExplanation(ctx, request.actor, request.query, requestLocale(request)),
    );
    app.post(
      '/api/attendance/punches',
      {
        schema: {
          tags,
          summary: 'Enter a punch by hand (HR), with the reason; the day is recomputed',
          body: Type.Object({
            employeeId: Type.Integer({ minimum: 1 }),
            at: Instant,
            note: Type.String({ minLength: 1, maxLength: 500 }),
          }),
          response: {
            201: Type.Object({
              id: Type.Integer(),
              employeeId: Type.Integer(),
              at: Type.String(),
              recompute: RecomputeOutcome,
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return addManualPunch(ctx, request.actor, request.body);
      },
    );
    app.post(
      '/api/attendance/recompute',
      {
        schema: {
          tags,
          summary:
            'Recompute a date range (everyone, some employees, or a department); large ones run in the background',
          body: Type.Object({
            from: DateString,
            to: DateString,
            employeeIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100000 })),
            departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
          }),
          response: { 200: RecomputeOutcome, ...errorResponses },
        },
      },
      async (request) => recomputeRange(ctx, request.actor, request.body),
    );
    app.post(
      '/api/attendance/preview',
      {
        schema: {
          tags,
          summary:
            'Try a draft change of rules, shifts or schedules on a month of stored punches (default: last month); nothing is saved',
          body: Type.Object({
            month: Type.Optional(MonthString),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
            draft: Type.Object({
              shifts: Type.Optional(
                Type.Array(
                  Type.Object({
                    code: Type.String({ minLength: 1, maxLength: 32 }),
                    definition: Type.Record(Type.String(), Type.Unknown()),
                  }),
                  { maxItems: 100 },
                ),
              ),
              groups: Type.Optional(
                Type.Array(
                  Type.Object({
                    id: Type.Integer({ minimum: 1 }),
                    rules: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
                    versions: Type.Optional(Type.Array(ScheduleVersionSchema)),
                    zone: Type.Optional(Type.String()),
                    calendarId: Type.Optional(OrNull(Type.Integer({ minimum: 1 }))),
                  }),
                  { maxItems: 100 },
                ),
              ),
            }),
          }),
          response: {
            200: Type.Object({
              month: Type.String(),
              from: Type.String(),
              to: Type.String(),
              employees: Type.Integer(),
              days: Type.Integer(),
              changedDays: Type.Integer(),
              changedEmployees: Type.Integer(),
              totals: Type.Object({
                before: Type.Record(Type.String(), Type.Number()),
                after: Type.Record(Type.String(), Type.Number()),
              }),
              differences: Type.Array(
                Type.Object({
                  employeeId: Type.Integer(),
                  employeeNo: Type.String(),
                  name: Type.String(),
                  date: Type.String(),
                  before: Type.Object({ statuses: Type.Array(Type.String()) }),
                  after: Type.Object({ statuses: Type.Array(Type.String()) }),
                  changes: Type.Array(Change),
                }),
              ),
              truncated: Type.Boolean(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        previewChange(ctx, request.actor, { ...request.body, draft: request.body.draft as DraftChange }),
    );

    app.get(
      '/api/attendance/months',
      {
        schema: {
          tags,
          summary: 'The months of a year, open or closed (月结)',
          querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
          response: { 200: Type.Array(Month), ...errorResponses },
        },
      },
      async (request) => listMonths(ctx, request.actor, request.query.year),
    );
    app.post(
      '/api/attendance/months/close',
      {
        schema: {
          tags,
          summary: 'Close a month after review: its days stop changing until HR reopens it',
          body: Type.Object({ month: MonthString, note: Type.Optional(Type.String({ maxLength: 500 })) }),
          response: {
            200: Type.Object({ month: Type.String(), status: Type.Literal('closed') }),
            ...errorResponses,
          },
        },
      },
      async (request) => closeMonth(ctx, request.actor, request.body.month, request.body.note),
    );
    app.post(
      '/api/attendance/months/reopen',
      {
        schema: {
          tags,
          summary: 'Reopen a closed month (HR), with the reason; audited',
          body: Type.Object({ month: MonthString, reason: Type.String({ minLength: 1, maxLength: 500 }) }),
          response: {
            200: Type.Object({ month: Type.String(), status: Type.Literal('open') }),
            ...errorResponses,
          },
        },
      },
      async (request) => reopenMonth(ctx, request.actor, request.body.month, request.body.reason),
    );
    app.get(
      '/api/attendance/months/summary',
      {
        schema: {
          tags,
          summary: 'Per employee, the month’s totals (出勤天数, late, absence, leave, overtime)',
          querystring: Type.Object({
            month: MonthString,
            departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
            ...Pagination,
          }),
          response: {
            200: Type.Object({
              month: Type.String(),
              total: Type.Integer(),
              items: Type.Array(
                Type.Object({
                  employeeId: Type.Integer(),
                  employeeNo: Type.String(),
                  name: Type.String(),
                  summary: Type.Unknown({ description: "the engine's MonthSummary" }),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => monthSummaries(ctx, request.actor, request.query),
    );
  };
