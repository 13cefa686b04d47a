// Records: the punch log, a punch's evidence crop (audited), and one employee's month as a calendar.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import {
  employeeCalendar,
  PUNCH_METHODS,
  punchEvidence,
  punchLog,
} from '../../../services/workspace/records.service.js';
import { requestLocale } from '../../locale.js';
import { errorResponses, Id, IdParams, Nullable, Paged, Pagination } from '../../schemas.js';
import { DateString, MonthString } from '../attendance/schemas.js';

const tags = ['workspace'];
const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });
const PunchItem = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  method: Type.String(),
  direction: Nullable(Type.Union([Type.Literal('in'), Type.Literal('out')])),
  flags: Type.Array(Type.String()),
  note: Nullable(Type.String()),
  employee: Type.Object({ id: Type.Integer(), employeeNo: Type.String(), name: Type.String() }),
  department: Nullable(Ref),
  site: Nullable(Ref),
  device: Nullable(Ref),
  hasEvidence: Type.Boolean(),
});
const Day = Type.Object({
  date: Type.String(),
  evaluated: Type.Boolean(),
  dayType: Nullable(Type.String()),
  holidayName: Nullable(Type.String()),
  shift: Nullable(Type.String()),
  scheduled: Nullable(Type.String()),
  statuses: Type.Array(Type.String()),
  punches: Type.Array(Type.String()),
  workedMinutes: Type.Integer(),
  lateMinutes: Type.Integer(),
  earlyLeaveMinutes: Type.Integer(),
  absent: Type.String(),
  leaveMinutes: Type.Integer(),
  overtimeMinutes: Type.Integer(),
  reasons: Type.Array(Type.Object({ code: Type.String(), text: Type.String() })),
});

export const recordRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/records/punches',
      {
        schema: {
          tags,
          summary:
            'The punch log, newest first, filtered by person, department (with sub-departments), site, device, method and dates (a manager: their departments)',
          querystring: Type.Object({
            employeeId: Type.Optional(Id()),
            departmentId: Type.Optional(Id()),
            siteId: Type.Optional(Id()),
            deviceId: Type.Optional(Id()),
            method: Type.Optional(Type.Union(PUNCH_METHODS.map((m) => Type.Literal(m)))),
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            ...Pagination,
          }),
          response: { 200: Paged(PunchItem), ...errorResponses },
        },
      },
      async (request) => punchLog(ctx, request.actor, request.query),
    );
    app.get(
      '/api/records/punches/:id/evidence',
      {
        schema: {
          tags,
          summary: 'The punch’s evidence crop (JPEG), for roles allowed to see it; every view is audited',
          params: IdParams,
          produces: ['image/jpeg'],
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'JPEG' }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const image = await punchEvidence(ctx, request.actor, request.params.id);
        reply.header('cache-control', 'no-store, private');
        return reply.type('image/jpeg').send(image);
      },
    );
    app.get(
      '/api/records/calendar',
      {
        schema: {
          tags,
          summary:
            'One employee’s month: each day’s status and explanation in the request’s language (default: me)',
          querystring: Type.Object({ employeeId: Type.Optional(Id()), month: MonthString }),
          response: {
            200: Type.Object({
              employee: Type.Object({
                id: Type.Integer(),
                employeeNo: Type.String(),
                name: Type.String(),
                departmentId: Nullable(Type.Integer()),
              }),
              month: Type.String(),
              today: Type.String(),
              days: Type.Array(Day),
              summary: Type.Object({
                late: Type.Integer(),
                earlyLeave: Type.Integer(),
                missing: Type.Integer(),
                absent: Type.Integer(),
                leave: Type.Integer(),
                lateMinutes: Type.Integer(),
                overtimeMinutes: Type.Integer(),
              }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => employeeCalendar(ctx, request.actor, request.query, requestLocale(request)),
    );
  };
