import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { ServiceContext } from '../../../services/context.js';

export const healthRoutes =
  (ctx: ServiceContext, version: string): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/health',
      {
        config: { public: true },
        schema: {
          tags: ['system'],
          summary: 'Liveness and database check',
          response: {
            200: Type.Object({
              status: Type.Literal('ok'),
              version: Type.String(),
              database: Type.String(),
              time: Type.String(),
            }),
          },
        },
      },
      async () => {
        await sql`select 1`.execute(ctx.db.kysely);
        return { status: 'ok' as const, version, database: ctx.db.dialect, time: ctx.now().toISOString() };
      },
    );
  };
