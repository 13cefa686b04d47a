// Kiosk routes authenticate the device, not a user: the kiosk sends its device token in x-device-token. Such
// routes are marked `config: { device: true }`; they need no session and no CSRF token (the token is not a
// cookie, so another site cannot make a browser send it).
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { authenticateDevice, type DeviceIdentity } from '../../services/kiosk/device-identity.js';

declare module 'fastify' {
  interface FastifyRequest {
    device: DeviceIdentity | null;
  }
  interface FastifyContextConfig {
    /** Authenticated by a kiosk's device token. */
    device?: boolean;
  }
}

export const DEVICE_TOKEN_HEADER = 'x-device-token';

/** Route config for a device-authenticated route. */
export const deviceRoute = { public: true, csrfExempt: true, device: true } as const;

export function registerDeviceAuth(app: FastifyInstance, ctx: ServiceContext) {
  app.decorateRequest('device', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.routeOptions.config?.device) return;
    const header = request.headers[DEVICE_TOKEN_HEADER];
    request.device = await authenticateDevice(
      ctx,
      typeof header === 'string' ? header : undefined,
      request.ip,
    );
  });
}

/** The authenticated device of a device route. */
export function deviceOf(request: FastifyRequest): DeviceIdentity {
  if (!request.device) throw new Error('deviceOf called on a route without device: true');
  return request.device;
}

/** Rate-limit key of a device route: the device token's hash (never the token itself), or the address. */
export function deviceRateKey(request: FastifyRequest): string {
  const header = request.headers[DEVICE_TOKEN_HEADER];
  if (typeof header !== 'string' || header === '') return `ip:${request.ip}`;
  return `device:${createHash('sha256').update(header).digest('hex').slice(0, 32)}`;
}
