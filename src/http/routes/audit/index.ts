import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listAudit, verifyAuditChain } from '../../../services/audit.service.js';
import { authorize } from '../../../services/authorize.js';
import type { ServiceContext } from '../../../services/context.js';
import { errorResponses, Nullable, Paged, Pagination } from '../../schemas.js';

const Entry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorUserId: Nullable(Type.Integer()),
  actorName: Type.String(),
  action: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
});

export const auditRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'The audit log, newest first, with filters',
          querystring: Type.Object({
            from: Type.Optional(Type.String({ maxLength: 40 })),
            to: Type.Optional(Type.String({ maxLength: 40 })),
            actor: Type.Optional(Type.String({ maxLength: 64 })),
            action: Type.Optional(Type.String({ maxLength: 64 })),
            targetType: Type.Optional(Type.String({ maxLength: 32 })),
            targetId: Type.Optional(Type.String({ maxLength: 64 })),
            ...Pagination,
          }),
          response: { 200: Paged(Entry), ...errorResponses },
        },
      },
      async (request) => listAudit(ctx, request.actor, request.query),
    );
    app.get(
      '/api/audit/verify',
      {
        schema: {
          tags: ['audit'],
          summary: 'Check the hash chain; names the first entry changed, removed or reordered',
          response: {
            200: Type.Object({
              ok: Type.Boolean(),
              checked: Type.Integer(),
              break: Type.Optional(
                Type.Object({
                  id: Type.Integer(),
                  problem: Type.String(),
                  at: Type.Optional(Type.String()),
                  action: Type.Optional(Type.String()),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        authorize(request.actor, 'audit.read');
        return verifyAuditChain(ctx.db.kysely);
      },
    );
  };
