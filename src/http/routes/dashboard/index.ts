// The dashboard: today's standing per department, arrivals per ten minutes, kiosks, alerts and approvals.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { TODAY_STATES } from '../../../core/workspace/today.js';
import type { ServiceContext } from '../../../services/context.js';
import { dashboard, todayPeople } from '../../../services/workspace/dashboard.service.js';
import { errorResponses, Id, Nullable } from '../../schemas.js';

const Counts = Type.Object(Object.fromEntries(TODAY_STATES.map((s) => [s, Type.Integer()])));

export const dashboardRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/dashboard',
      {
        schema: {
          tags: ['workspace'],
          summary:
            'Today in the reader’s scope: present, late, absent, on leave, away, not yet in, off — per department; arrivals per 10 minutes; kiosks online; open alerts; requests waiting for me',
          response: {
            200: Type.Object({
              date: Type.String(),
              zone: Type.String(),
              asOf: Type.String(),
              total: Type.Intersect([Counts, Type.Object({ employees: Type.Integer() })]),
              departments: Type.Array(
                Type.Object({
                  id: Nullable(Type.Integer()),
                  name: Nullable(Type.String()),
                  employees: Type.Integer(),
                  counts: Counts,
                }),
              ),
              arrivals: Type.Array(Type.Object({ time: Type.String(), count: Type.Integer() })),
              kiosks: Nullable(Type.Object({ online: Type.Integer(), total: Type.Integer() })),
              alerts: Nullable(
                Type.Object({ open: Type.Integer(), bySeverity: Type.Record(Type.String(), Type.Integer()) }),
              ),
              approvals: Nullable(Type.Object({ waiting: Type.Integer() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => dashboard(ctx, request.actor),
    );
    app.get(
      '/api/dashboard/people',
      {
        schema: {
          tags: ['workspace'],
          summary:
            'Who is in one state today (e.g. not yet in), optionally in one department (0: no department), within the reader’s scope',
          querystring: Type.Object({
            state: Type.Union(TODAY_STATES.map((s) => Type.Literal(s))),
            departmentId: Type.Optional(Type.Union([Id(), Type.Literal(0)])),
          }),
          response: {
            200: Type.Array(
              Type.Object({
                id: Type.Integer(),
                employeeNo: Type.String(),
                name: Type.String(),
                department: Nullable(Type.String()),
                state: Type.String(),
                scheduled: Nullable(Type.String()),
                punches: Type.Array(Type.String()),
                statuses: Type.Array(Type.String()),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        todayPeople(ctx, request.actor, {
          state: request.query.state,
          departmentId: request.query.departmentId === 0 ? null : request.query.departmentId,
        }),
    );
  };
