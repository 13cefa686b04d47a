// Reports: the daily report, the monthly summary, department statistics and charts, exports as background
// tasks, the monthly data review, and reports e-mailed on a schedule.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import { reportCharts, reportTable, startExport } from '../../../services/reports/reports.service.js';
import { markReviewed, monthReview, unmarkReviewed } from '../../../services/reports/review.service.js';
import { errorResponses, Id, Nullable } from '../../schemas.js';
import { DateString, MonthString } from '../attendance/schemas.js';
import { scheduleRoutes } from './schedules.js';

const tags = ['reports'];

const Label = Type.Object({ en: Type.String(), 'zh-CN': Type.String() });
const Value = Type.Union([Type.String(), Type.Number(), Type.Null()]);
const Table = Type.Object({
  title: Label,
  subtitle: Label,
  columns: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Label,
      kind: Type.Union([
        Type.Literal('text'),
        Type.Literal('count'),
        Type.Literal('days'),
        Type.Literal('minutes'),
        Type.Literal('rate'),
      ]),
    }),
  ),
  rows: Type.Array(Type.Record(Type.String(), Value)),
  totals: Nullable(Type.Record(Type.String(), Value)),
});
const Department = { departmentId: Type.Optional(Id()) };
const Task = Type.Object(
  { id: Type.Integer(), status: Type.String(), kind: Type.String() },
  { additionalProperties: true },
);
const ReviewKind = Type.Union([
  Type.Literal('manualDay'),
  Type.Literal('correction'),
  Type.Literal('nonFacePunch'),
  Type.Literal('lowMargin'),
]);
const Counts = Type.Object({
  manualDay: Type.Integer(),
  correction: Type.Integer(),
  nonFacePunch: Type.Integer(),
  lowMargin: Type.Integer(),
});

export const reportRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/reports/daily',
      {
        schema: {
          tags,
          summary: 'Daily report: each employee’s day (a manager: their departments)',
          querystring: Type.Object({ date: DateString, ...Department }),
          response: { 200: Table, ...errorResponses },
        },
      },
      async (request) => reportTable(ctx, request.actor, 'daily', request.query),
    );
    app.get(
      '/api/reports/monthly',
      {
        schema: {
          tags,
          summary:
            'Monthly summary per employee: days, late, early leave, absence, missing punches, leave, overtime',
          querystring: Type.Object({ month: MonthString, ...Department }),
          response: { 200: Table, ...errorResponses },
        },
      },
      async (request) => reportTable(ctx, request.actor, 'monthly', request.query),
    );
    app.get(
      '/api/reports/departments',
      {
        schema: {
          tags,
          summary: 'Department statistics of a month',
          querystring: Type.Object({ month: MonthString, ...Department }),
          response: { 200: Table, ...errorResponses },
        },
      },
      async (request) => reportTable(ctx, request.actor, 'departments', request.query),
    );
    app.get(
      '/api/reports/charts',
      {
        schema: {
          tags,
          summary:
            'Chart data: attendance rate by department and month, late arrivals by weekday and hour, overtime by month',
          querystring: Type.Object({
            month: MonthString,
            ...Department,
            months: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })),
          }),
          response: {
            200: Type.Object({
              month: Type.String(),
              attendanceRateByDepartment: Type.Array(
                Type.Object({
                  departmentId: Nullable(Type.Integer()),
                  department: Nullable(Type.String()),
                  headcount: Type.Integer(),
                  attendanceRate: Nullable(Type.Number()),
                }),
              ),
              late: Type.Object({
                counts: Type.Array(Type.Array(Type.Integer())),
                byWeekday: Type.Array(Type.Integer()),
                byHour: Type.Array(Type.Integer()),
                total: Type.Integer(),
              }),
              overtimeByMonth: Type.Array(
                Type.Object({
                  month: Type.String(),
                  workday: Type.Number(),
                  restDay: Type.Number(),
                  holiday: Type.Number(),
                }),
              ),
              attendanceRateByMonth: Type.Array(
                Type.Object({ month: Type.String(), attendanceRate: Nullable(Type.Number()) }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => reportCharts(ctx, request.actor, request.query),
    );
    app.post(
      '/api/reports/exports',
      {
        schema: {
          tags,
          summary:
            'Export a report to XLSX, CSV or PDF as a background task (poll /api/tasks/{id}, then download)',
          body: Type.Object({
            report: Type.Union([
              Type.Literal('daily'),
              Type.Literal('monthly'),
              Type.Literal('departments'),
              Type.Literal('review'),
            ]),
            format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv'), Type.Literal('pdf')]),
            date: Type.Optional(DateString),
            month: Type.Optional(MonthString),
            ...Department,
            language: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
            marginBelow: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          }),
          response: { 202: Task, ...errorResponses },
        },
      },
      async (request, reply) => {
        const task = await startExport(ctx, request.actor, request.body);
        return reply.code(202).send(task);
      },
    );
    app.get(
      '/api/reports/review',
      {
        schema: {
          tags,
          summary: 'Monthly data review: hand-edited days, corrections, non-face punches, low match margins',
          querystring: Type.Object({
            month: MonthString,
            ...Department,
            marginBelow: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          }),
          response: {
            200: Type.Object({
              month: Type.String(),
              reviewed: Nullable(
                Type.Object({ at: Type.String(), by: Type.String(), note: Nullable(Type.String()) }),
              ),
              closed: Type.Boolean(),
              marginBelow: Type.Number(),
              counts: Counts,
              items: Type.Array(
                Type.Object({
                  kind: ReviewKind,
                  employeeId: Type.Integer(),
                  employeeNo: Type.String(),
                  name: Type.String(),
                  department: Nullable(Type.String()),
                  date: Type.String(),
                  at: Nullable(Type.String()),
                  method: Nullable(Type.String()),
                  matchMargin: Nullable(Type.Number()),
                  detail: Nullable(Type.String()),
                  punchId: Nullable(Type.Integer()),
                  requestId: Nullable(Type.Integer()),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => monthReview(ctx, request.actor, request.query),
    );
    app.post(
      '/api/reports/review/reviewed',
      {
        schema: {
          tags,
          summary: 'Mark a month’s data reviewed (needed before the month can be closed)',
          body: Type.Object({ month: MonthString, note: Type.Optional(Type.String({ maxLength: 1000 })) }),
          response: {
            200: Type.Object({
              month: Type.String(),
              reviewedAt: Type.String(),
              reviewedBy: Type.String(),
              counts: Counts,
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => markReviewed(ctx, request.actor, request.body.month, request.body.note),
    );
    app.post(
      '/api/reports/review/unreviewed',
      {
        schema: {
          tags,
          summary: 'Withdraw the reviewed mark of an open month',
          body: Type.Object({ month: MonthString }),
          response: {
            200: Type.Object({ month: Type.String(), reviewed: Type.Boolean() }),
            ...errorResponses,
          },
        },
      },
      async (request) => unmarkReviewed(ctx, request.actor, request.body.month),
    );
    await app.register(scheduleRoutes(ctx));
  };
