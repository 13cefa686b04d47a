// Reports e-mailed on a schedule: list, create, change, delete, send now, and the users who may receive them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import {
  createSchedule,
  deleteSchedule,
  listSchedules,
  scheduleRecipients,
  sendScheduleNow,
  updateSchedule,
} from '../../../services/reports/schedules.service.js';
import { errorResponses, Id, IdParams, Nullable, Ok } from '../../schemas.js';

const tags = ['reports'];

const ScheduleInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  report: Type.Union([Type.Literal('daily'), Type.Literal('monthly'), Type.Literal('departments')]),
  format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv'), Type.Literal('pdf')]),
  frequency: Type.Union([Type.Literal('daily'), Type.Literal('weekly'), Type.Literal('monthly')]),
  departmentId: Nullable(Id()),
  language: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]),
  recipients: Type.Array(Id(), { minItems: 1, maxItems: 100 }),
  enabled: Type.Boolean(),
});
const Schedule = Type.Composite([
  Type.Object({
    id: Type.Integer(),
    createdAt: Type.String(),
    lastPeriod: Nullable(Type.String()),
    lastSentAt: Nullable(Type.String()),
    lastError: Nullable(Type.String()),
  }),
  ScheduleInput,
]);

export const scheduleRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/reports/schedules',
      {
        schema: {
          tags,
          summary: 'Scheduled reports',
          response: { 200: Type.Array(Schedule), ...errorResponses },
        },
      },
      async (request) => listSchedules(ctx, request.actor),
    );
    app.get(
      '/api/reports/schedules/recipients',
      {
        schema: {
          tags,
          summary: 'Users who may receive reports',
          response: {
            200: Type.Array(
              Type.Object({
                id: Type.Integer(),
                username: Type.String(),
                name: Nullable(Type.String()),
                email: Nullable(Type.String()),
                roles: Type.Array(Type.String()),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => scheduleRecipients(ctx, request.actor),
    );
    app.post(
      '/api/reports/schedules',
      {
        schema: {
          tags,
          summary: 'Schedule a report to be e-mailed',
          body: ScheduleInput,
          response: { 201: Schedule, ...errorResponses },
        },
      },
      async (request, reply) => reply.code(201).send(await createSchedule(ctx, request.actor, request.body)),
    );
    app.put(
      '/api/reports/schedules/:id',
      {
        schema: {
          tags,
          summary: 'Change a scheduled report',
          params: IdParams,
          body: ScheduleInput,
          response: { 200: Schedule, ...errorResponses },
        },
      },
      async (request) => updateSchedule(ctx, request.actor, request.params.id, request.body),
    );
    app.delete(
      '/api/reports/schedules/:id',
      {
        schema: {
          tags,
          summary: 'Delete a scheduled report',
          params: IdParams,
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => deleteSchedule(ctx, request.actor, request.params.id),
    );
    app.post(
      '/api/reports/schedules/:id/send',
      {
        schema: {
          tags,
          summary: 'Send a scheduled report now, for the current period',
          params: IdParams,
          response: {
            200: Type.Object({ sent: Type.Array(Type.Integer()), skipped: Type.Array(Type.Integer()) }),
            ...errorResponses,
          },
        },
      },
      async (request) => sendScheduleNow(ctx, request.actor, request.params.id),
    );
  };
