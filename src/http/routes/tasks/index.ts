import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import { getTask, listMyTasks, taskDownload } from '../../../services/tasks.service.js';
import { errorResponses, IdParams, Nullable } from '../../schemas.js';

const Task = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
  ]),
  progress: Type.Integer(),
  total: Type.Integer(),
  percent: Nullable(Type.Integer()),
  message: Nullable(Type.String()),
  result: Type.Unknown(),
  error: Nullable(Type.String()),
  hasFile: Type.Boolean(),
  fileName: Nullable(Type.String()),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
});

export const taskRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/tasks',
      {
        schema: {
          tags: ['tasks'],
          summary: 'My recent background tasks',
          response: { 200: Type.Array(Task), ...errorResponses },
        },
      },
      async (request) => listMyTasks(ctx, request.actor),
    );
    app.get(
      '/api/tasks/:id',
      {
        schema: {
          tags: ['tasks'],
          summary: 'A background task with its progress (poll it)',
          params: IdParams,
          response: { 200: Task, ...errorResponses },
        },
      },
      async (request) => getTask(ctx, request.actor, request.params.id),
    );
    app.get(
      '/api/tasks/:id/download',
      {
        schema: {
          tags: ['tasks'],
          summary: 'The file a finished task produced',
          params: IdParams,
          response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const file = await taskDownload(ctx, request.actor, request.params.id);
        reply
          .header('content-type', 'application/octet-stream')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
        return reply.send(file.data);
      },
    );
  };
