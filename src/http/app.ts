// The Fastify application: plugins, security headers, OpenAPI, every route area, and the web app.
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.js';
import type { ServiceContext } from '../services/context.js';
import { registerAuth } from './plugins/auth.js';
import { registerCluster } from './plugins/cluster.js';
import { registerDeviceAuth } from './plugins/device-auth.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { rateLimitStoreOptions } from './rate-limit-store.js';
import { alertRoutes } from './routes/alerts/index.js';
import { announcementRoutes } from './routes/announcements/index.js';
import { appealRoutes } from './routes/appeals/index.js';
import { assessmentRoutes } from './routes/assessment/index.js';
import { attendanceRoutes } from './routes/attendance/index.js';
import { auditRoutes } from './routes/audit/index.js';
import { authRoutes } from './routes/auth/index.js';
import { consentRoutes } from './routes/consent/index.js';
import { dashboardRoutes } from './routes/dashboard/index.js';
import { departmentRoutes } from './routes/departments/index.js';
import { deviceRoutes } from './routes/devices/index.js';
import { employeeRoutes } from './routes/employees/index.js';
import { faceRoutes } from './routes/faces/index.js';
import { registerVendorFiles } from './routes/faces/vendor.js';
import { feedbackRoutes } from './routes/feedback/index.js';
import { healthRoutes } from './routes/health/index.js';
import { importRoutes } from './routes/imports/index.js';
import { kioskRoutes } from './routes/kiosk/index.js';
import { registerKioskPage } from './routes/kiosk/page.js';
import { punchRoutes } from './routes/kiosk/punches.js';
import { selfPunchCodeRoutes } from './routes/kiosk/self.js';
import { meRoutes } from './routes/me/index.js';
import { notificationRoutes } from './routes/notifications/index.js';
import { operationsRoutes } from './routes/operations/index.js';
import { positionRoutes } from './routes/positions/index.js';
import { privacyRoutes } from './routes/privacy/index.js';
import { privacyRequestRoutes } from './routes/privacy/requests.js';
import { recordRoutes } from './routes/records/index.js';
import { reportRoutes } from './routes/reports/index.js';
import { setupRoutes } from './routes/setup/index.js';
import { siteRoutes } from './routes/sites/index.js';
import { taskRoutes } from './routes/tasks/index.js';
import { userRoutes } from './routes/users/index.js';
import { ErrorBody } from './schemas.js';

export interface AppOptions {
  /** Folder of the built web app; served at / when present. */
  webDir?: string;
  version: string;
  logger?: boolean;
  /** Where log lines go (default stdout); tests read them back. */
  logStream?: NodeJS.WritableStream;
}

/** Header and body fields that never reach a log line. */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'req.headers["x-device-token"]',
  'res.headers["set-cookie"]',
  'password',
  'newPassword',
  'currentPassword',
  'pin',
];

export async function buildApp(ctx: ServiceContext, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: ctx.config.logLevel,
            redact: { paths: REDACT, censor: '[redacted]' },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addSchema(ErrorBody);
  registerErrorHandling(app);
  await app.register(cookie);
  registerSecurityHeaders(app);
  await app.register(rateLimit, { global: false, ...rateLimitStoreOptions(ctx) });
  await app.register(multipart, { limits: { fileSize: ctx.config.uploadLimitMb * 1024 * 1024, files: 20 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'FaceClock API', version: options.version, description: 'Face-recognition attendance' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'fc_session' },
          device: { type: 'apiKey', in: 'header', name: 'x-device-token' },
        },
      },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  registerAuth(app, ctx);
  registerDeviceAuth(app, ctx);
  registerCluster(app, ctx);

  await app.register(healthRoutes(ctx, options.version));
  await app.register(setupRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(userRoutes(ctx));
  await app.register(siteRoutes(ctx));
  await app.register(departmentRoutes(ctx));
  await app.register(positionRoutes(ctx));
  await app.register(employeeRoutes(ctx));
  await app.register(importRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(taskRoutes(ctx));
  await app.register(attendanceRoutes(ctx));
  await app.register(assessmentRoutes(ctx));
  await app.register(appealRoutes(ctx));
  await app.register(faceRoutes(ctx));
  await app.register(consentRoutes(ctx));
  await registerVendorFiles(app);
  await app.register(deviceRoutes(ctx));
  await app.register(kioskRoutes(ctx));
  await app.register(punchRoutes(ctx));
  await app.register(notificationRoutes(ctx));
  await app.register(alertRoutes(ctx));
  await app.register(selfPunchCodeRoutes(ctx));
  await app.register(privacyRoutes(ctx));
  await app.register(privacyRequestRoutes(ctx));
  await app.register(operationsRoutes(ctx));
  await app.register(dashboardRoutes(ctx));
  await app.register(recordRoutes(ctx));
  await app.register(meRoutes(ctx));
  await app.register(announcementRoutes(ctx));
  await app.register(feedbackRoutes(ctx));
  await app.register(reportRoutes(ctx));
  await registerKioskPage(app, options.webDir);

  const webDir = options.webDir;
  const hasWeb = !!webDir && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      throw new AppError('not_found', 404, { what: 'route', id: request.url.split('?')[0] });
    }
    // The web app routes on the client: any other GET gets its page.
    if (hasWeb) return reply.type('text/html').sendFile('index.html');
    reply
      .type('text/plain')
      .send('The web app is not built. Run `npm run build:web` or start with `npm start`.');
  });
  return app;
}
