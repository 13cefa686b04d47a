import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import { createSite, deleteSite, listSites, updateSite } from '../../../services/sites.service.js';
import { errorResponses, IdParams, Nullable, Ok } from '../../schemas.js';

const Site = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  address: Nullable(Type.String()),
  timeZone: Type.String(),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
});

const SiteBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' }),
  latitude: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  longitude: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
});

export const siteRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/sites',
      {
        schema: {
          tags: ['organisation'],
          summary: 'All sites',
          response: { 200: Type.Array(Site), ...errorResponses },
        },
      },
      async (request) => listSites(ctx, request.actor),
    );
    app.post(
      '/api/sites',
      {
        schema: {
          tags: ['organisation'],
          summary: 'Create a site',
          body: SiteBody,
          response: { 201: Site, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createSite(ctx, request.actor, request.body);
      },
    );
    app.patch(
      '/api/sites/:id',
      {
        schema: {
          tags: ['organisation'],
          summary: 'Change a site',
          params: IdParams,
          body: Type.Partial(SiteBody),
          response: { 200: Site, ...errorResponses },
        },
      },
      async (request) => updateSite(ctx, request.actor, request.params.id, request.body),
    );
    app.delete(
      '/api/sites/:id',
      {
        schema: {
          tags: ['organisation'],
          summary: 'Delete an unused site',
          params: IdParams,
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => {
        await deleteSite(ctx, request.actor, request.params.id);
        return { ok: true as const };
      },
    );
  };
