// The employee's own rotating QR punch code, shown on the self-service page and scanned by a kiosk.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import { myPunchCode } from '../../../services/kiosk/qr-code.service.js';
import { errorResponses } from '../../schemas.js';

export const selfPunchCodeRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/me/punch-code',
      {
        schema: {
          tags: ['kiosk'],
          summary: 'My short-lived signed QR punch code (rotates; fetch the next one at refreshAt)',
          response: {
            200: Type.Object({
              text: Type.String(),
              expiresAt: Type.String(),
              refreshAt: Type.String(),
              qrDataUrl: Type.String(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return myPunchCode(ctx, request.actor);
      },
    );
  };
