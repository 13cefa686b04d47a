import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import { countUsers, setupFirstAdmin } from '../../../services/users.service.js';
import { ErrorBody } from '../../schemas.js';

export const setupRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/setup/status',
      {
        config: { public: true },
        schema: {
          tags: ['setup'],
          summary: 'Whether the one-time setup (first admin) is still needed',
          response: { 200: Type.Object({ needsSetup: Type.Boolean() }) },
        },
      },
      async () => ({ needsSetup: (await countUsers(ctx)) === 0 }),
    );

    app.post(
      '/api/setup',
      {
        config: { public: true, csrfExempt: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['setup'],
          summary: 'Create the first admin; refused once any user exists',
          body: Type.Object({
            username: Type.String({ minLength: 2, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
            displayName: Type.Optional(Type.String({ maxLength: 100 })),
          }),
          response: {
            201: Type.Object({ id: Type.Integer(), username: Type.String() }),
            400: ErrorBody,
            409: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const user = await setupFirstAdmin(ctx, request.body, request.ip);
        reply.status(201);
        return { id: user.id, username: user.username };
      },
    );
  };
