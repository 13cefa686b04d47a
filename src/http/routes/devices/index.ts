// Kiosk devices in the console: list with status, register (with a pairing code and QR), rename, move, new
// pairing, revoke; device alerts; kiosk settings.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../../services/context.js';
import { listDeviceAlerts } from '../../../services/kiosk/alerts.service.js';
import {
  createDevice,
  listDevices,
  renewPairing,
  revokeDevice,
  updateDevice,
} from '../../../services/kiosk/devices.service.js';
import { getKioskSettings, updateKioskSettings } from '../../../services/kiosk/settings.js';
import { errorResponses, IdParams } from '../../schemas.js';
import { Device, DeviceAlert, DeviceBody, DeviceWithPairing, KioskSettings } from './schemas.js';

/** The address the kiosk reaches this server at, as the administrator's browser sees it. */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export const deviceRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/devices',
      {
        schema: {
          tags: ['devices'],
          summary: 'Kiosks with status, last seen, punches today, app version, face backend and clock offset',
          response: { 200: Type.Array(Device), ...errorResponses },
        },
      },
      async (request) => listDevices(ctx, request.actor),
    );
    app.post(
      '/api/devices',
      {
        schema: {
          tags: ['devices'],
          summary: 'Register a kiosk; answers with a one-time pairing code and its QR image',
          body: DeviceBody,
          response: { 201: DeviceWithPairing, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createDevice(ctx, request.actor, request.body, originOf(request));
      },
    );
    app.patch(
      '/api/devices/:id',
      {
        schema: {
          tags: ['devices'],
          summary: 'Rename a kiosk, move it to another site or change its direction',
          params: IdParams,
          body: Type.Partial(DeviceBody),
          response: { 200: Device, ...errorResponses },
        },
      },
      async (request) => updateDevice(ctx, request.actor, request.params.id, request.body),
    );
    app.post(
      '/api/devices/:id/pairing',
      {
        schema: {
          tags: ['devices'],
          summary: 'A new pairing code; the kiosk’s current token stops working until it pairs again',
          params: IdParams,
          response: { 200: DeviceWithPairing, ...errorResponses },
        },
      },
      async (request) => renewPairing(ctx, request.actor, request.params.id, originOf(request)),
    );
    app.post(
      '/api/devices/:id/revoke',
      {
        schema: {
          tags: ['devices'],
          summary: 'Revoke a kiosk: its token is refused from now on',
          params: IdParams,
          response: { 200: Device, ...errorResponses },
        },
      },
      async (request) => revokeDevice(ctx, request.actor, request.params.id),
    );
    app.get(
      '/api/devices/alerts',
      {
        schema: {
          tags: ['devices'],
          summary: 'Device alerts: offline during working hours, several refused attempts in a row',
          querystring: Type.Object({
            open: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          }),
          response: { 200: Type.Array(DeviceAlert), ...errorResponses },
        },
      },
      async (request) => listDeviceAlerts(ctx, request.actor, request.query),
    );
    app.get(
      '/api/devices/settings',
      {
        schema: {
          tags: ['devices'],
          summary: 'Kiosk settings',
          response: { 200: KioskSettings, ...errorResponses },
        },
      },
      async (request) => getKioskSettings(ctx, request.actor),
    );
    app.patch(
      '/api/devices/settings',
      {
        schema: {
          tags: ['devices'],
          summary: 'Change kiosk settings',
          body: Type.Partial(KioskSettings),
          response: { 200: KioskSettings, ...errorResponses },
        },
      },
      async (request) => updateKioskSettings(ctx, request.actor, request.body),
    );
  };
