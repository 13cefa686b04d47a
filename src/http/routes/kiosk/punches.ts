// Punches in the console: the latest ones, and a live stream of punches and refused attempts (server-sent
// events) for the live view. The stream is cluster-wide: other instances' events are relayed to this one's bus
// (src/services/cluster/), so it does not matter which instance the console's connection lands on.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import { followPunches, listPunches } from '../../../services/kiosk/punches.service.js';
import { errorResponses, Nullable } from '../../schemas.js';

const Punch = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  method: Type.String(),
  direction: Nullable(Type.Union([Type.Literal('in'), Type.Literal('out')])),
  flags: Type.Array(Type.String()),
  matchScore: Nullable(Type.Number()),
  clockSkewMs: Nullable(Type.Integer()),
  employee: Type.Object({ id: Type.Integer(), employeeNo: Type.String(), name: Type.String() }),
  device: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  hasEvidence: Type.Boolean(),
});

const KEEPALIVE_MS = 25_000;

export const punchRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Open streams end when the server closes, or closing would wait for them forever.
    const streams = new Set<() => void>();
    app.addHook('preClose', async () => {
      for (const end of [...streams]) end();
    });

    app.get(
      '/api/punches',
      {
        schema: {
          tags: ['punches'],
          summary: 'The latest punches, newest first (a manager sees their departments)',
          querystring: Type.Object({
            from: Type.Optional(Type.String({ maxLength: 40 })),
            to: Type.Optional(Type.String({ maxLength: 40 })),
            deviceId: Type.Optional(Type.Integer({ minimum: 1 })),
            employeeId: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
          }),
          response: { 200: Type.Array(Punch), ...errorResponses },
        },
      },
      async (request) => listPunches(ctx, request.actor, request.query),
    );

    app.get(
      '/api/punches/live',
      {
        schema: {
          tags: ['punches'],
          summary: 'Server-sent events: one "punch" event per punch or refused attempt, as it happens',
          produces: ['text/event-stream'],
        },
      },
      async (request, reply) => {
        const raw = reply.raw;
        // Subscribing checks the permission before anything is sent.
        const stop = followPunches(ctx, request.actor, (event) => {
          raw.write(`event: punch\ndata: ${JSON.stringify(event)}\n\n`);
        });
        reply.hijack();
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        raw.write(': connected\n\n');
        const keepalive = setInterval(() => raw.write(': keepalive\n\n'), KEEPALIVE_MS);
        const end = () => {
          if (!streams.delete(end)) return;
          clearInterval(keepalive);
          stop();
          raw.end();
        };
        streams.add(end);
        request.raw.on('close', end);
      },
    );
  };
