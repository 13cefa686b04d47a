import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import {
  createPosition,
  deletePosition,
  listPositions,
  renamePosition,
} from '../../../services/positions.service.js';
import { errorResponses, IdParams, Ok } from '../../schemas.js';

const Position = Type.Object({ id: Type.Integer(), name: Type.String() });
const PositionBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) });

export const positionRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/positions',
      {
        schema: {
          tags: ['organisation'],
          summary: 'All positions',
          response: { 200: Type.Array(Position), ...errorResponses },
        },
      },
      async (request) => listPositions(ctx, request.actor),
    );
    app.post(
      '/api/positions',
      {
        schema: {
          tags: ['organisation'],
          summary: 'Create a position',
          body: PositionBody,
          response: { 201: Position, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createPosition(ctx, request.actor, request.body.name);
      },
    );
    app.patch(
      '/api/positions/:id',
      {
        schema: {
          tags: ['organisation'],
          summary: 'Rename a position',
          params: IdParams,
          body: PositionBody,
          response: { 200: Position, ...errorResponses },
        },
      },
      async (request) => renamePosition(ctx, request.actor, request.params.id, request.body.name),
    );
    app.delete(
      '/api/positions/:id',
      {
        schema: {
          tags: ['organisation'],
          summary: 'Delete an unused position',
          params: IdParams,
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => {
        await deletePosition(ctx, request.actor, request.params.id);
        return { ok: true as const };
      },
    );
  };
