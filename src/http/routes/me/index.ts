// Self-service (/me): my day, face data, requests and notices at a glance, and my punches of a month.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import { myOverview, myPunches } from '../../../services/workspace/me.service.js';
import { errorResponses, Nullable } from '../../schemas.js';
import { MonthString } from '../attendance/schemas.js';

const tags = ['workspace'];

export const meRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/me/overview',
      {
        schema: {
          tags,
          summary:
            'My day so far, face data and consent, pending requests, unread announcements, answered feedback',
          response: {
            200: Type.Object({
              employee: Nullable(
                Type.Object({
                  id: Type.Integer(),
                  employeeNo: Type.String(),
                  name: Type.String(),
                  department: Nullable(Type.String()),
                }),
              ),
              today: Nullable(
                Type.Object({
                  date: Type.String(),
                  state: Type.String(),
                  statuses: Type.Array(Type.String()),
                  scheduled: Nullable(Type.String()),
                  punches: Type.Array(Type.String()),
                }),
              ),
              face: Nullable(
                Type.Object({
                  enrolled: Type.Boolean(),
                  templates: Type.Integer(),
                  consent: Nullable(Type.Object({ acceptedAt: Type.String(), noticeVersion: Type.String() })),
                }),
              ),
              requests: Nullable(Type.Object({ pending: Type.Integer() })),
              announcements: Type.Object({ unread: Type.Integer() }),
              feedback: Type.Object({ answered: Type.Integer() }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return myOverview(ctx, request.actor);
      },
    );
    app.get(
      '/api/me/punches',
      {
        schema: {
          tags,
          summary: 'My punches in a month, oldest first',
          querystring: Type.Object({ month: MonthString }),
          response: {
            200: Type.Object({
              month: Type.String(),
              items: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  at: Type.String(),
                  method: Type.String(),
                  direction: Nullable(Type.String()),
                  note: Nullable(Type.String()),
                  device: Nullable(Type.String()),
                  site: Nullable(Type.String()),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => myPunches(ctx, request.actor, request.query.month),
    );
  };
