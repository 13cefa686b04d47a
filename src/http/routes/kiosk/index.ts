// The kiosk's API: pairing (with the one-time code), its configuration, heartbeats and punches. Every route but
// pairing is authenticated by the device token.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { formatError } from '../../../core/errors.js';
import type { ServiceContext } from '../../../services/context.js';
import { kioskConfig, pairDevice, recordHeartbeat } from '../../../services/kiosk/devices.service.js';
import { recordKioskPunch } from '../../../services/kiosk/punch.service.js';
import { requestLocale } from '../../locale.js';
import { deviceOf, deviceRateKey, deviceRoute } from '../../plugins/device-auth.js';
import { ErrorBody, errorResponses } from '../../schemas.js';
import { HeartbeatBody, KioskConfig, PairBody, PairResult, PunchBody, PunchResult } from './schemas.js';

const security = [{ device: [] }];

export const kioskRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/kiosk/pair',
      {
        config: { public: true, csrfExempt: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['kiosk'],
          summary: 'Exchange a one-time pairing code for a device token',
          security: [],
          body: PairBody,
          response: { 200: PairResult, ...errorResponses, 429: ErrorBody },
        },
      },
      async (request) => pairDevice(ctx, request.body, request.ip),
    );

    app.get(
      '/api/kiosk/config',
      {
        config: deviceRoute,
        schema: {
          tags: ['kiosk'],
          summary: 'This kiosk’s name, site, time zone and face settings',
          security,
          response: { 200: KioskConfig, ...errorResponses },
        },
      },
      async (request) => kioskConfig(ctx, deviceOf(request)),
    );

    app.post(
      '/api/kiosk/heartbeat',
      {
        config: deviceRoute,
        schema: {
          tags: ['kiosk'],
          summary:
            'Heartbeat: app version, face backend, camera, clock; answers with the current configuration',
          security,
          body: HeartbeatBody,
          response: { 200: KioskConfig, ...errorResponses },
        },
      },
      async (request) => recordHeartbeat(ctx, deviceOf(request), request.body),
    );

    app.post(
      '/api/kiosk/punches',
      {
        // Per paired kiosk (its token), not per address: many kiosks may share one address behind a NAT.
        config: {
          ...deviceRoute,
          rateLimit: {
            max: ctx.config.kioskPunchRateLimitPerMinute,
            timeWindow: '1 minute',
            keyGenerator: deviceRateKey,
          },
        },
        bodyLimit: 4 * 1024 * 1024,
        schema: {
          tags: ['kiosk'],
          summary:
            'A punch by face (crop + scores), PIN (employee number + PIN + photo) or QR code (+ photo). ' +
            'Each idempotency key is accepted once; a replay gets the first answer.',
          security,
          body: PunchBody,
          response: { 200: PunchResult, ...errorResponses, 413: ErrorBody, 429: ErrorBody },
        },
      },
      async (request) => {
        const { photo, ...rest } = request.body;
        const outcome = await recordKioskPunch(ctx, deviceOf(request), {
          ...rest,
          photo: photo ? Buffer.from(photo, 'base64') : null,
        });
        const locale = requestLocale(request);
        return {
          ...outcome,
          message: outcome.code ? formatError(outcome.code, locale, outcome.params) : null,
        };
      },
    );
  };
