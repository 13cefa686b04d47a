// Correction and deletion requests: employees submit their own, HR resolves them with a record.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import {
  decideRequest,
  listMyRequests,
  listRequests,
  submitMyRequest,
} from '../../../services/privacy/rights-requests.service.js';
import { errorResponses, IdParams } from '../../schemas.js';
import { PrivacyRequest, RequestKind, RequestStatus } from './schemas.js';

export const privacyRequestRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/me/privacy-requests',
      {
        schema: {
          tags: ['privacy'],
          summary: 'My correction and deletion requests',
          response: { 200: Type.Array(PrivacyRequest), ...errorResponses },
        },
      },
      async (request) => listMyRequests(ctx, request.actor),
    );

    app.post(
      '/api/me/privacy-requests',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Ask HR to correct or delete my personal data',
          body: Type.Object({ kind: RequestKind, details: Type.String({ minLength: 1, maxLength: 2000 }) }),
          response: { 201: PrivacyRequest, ...errorResponses },
        },
      },
      async (request, reply) => {
        const created = await submitMyRequest(ctx, request.actor, request.body);
        reply.status(201);
        return created;
      },
    );

    app.get(
      '/api/privacy/requests',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Correction and deletion requests, newest first',
          querystring: Type.Object({ status: Type.Optional(RequestStatus) }),
          response: { 200: Type.Array(PrivacyRequest), ...errorResponses },
        },
      },
      async (request) => listRequests(ctx, request.actor, request.query),
    );

    app.post(
      '/api/privacy/requests/:id/decide',
      {
        schema: {
          tags: ['privacy'],
          summary:
            'Resolve a request with a written resolution; completing a deletion request with deleteFaceData ' +
            'removes the employee’s face templates, photos and evidence crops',
          params: IdParams,
          body: Type.Object({
            decision: Type.Union([Type.Literal('completed'), Type.Literal('rejected')]),
            resolution: Type.String({ minLength: 1, maxLength: 2000 }),
            deleteFaceData: Type.Optional(Type.Boolean()),
          }),
          response: { 200: PrivacyRequest, ...errorResponses },
        },
      },
      async (request) => decideRequest(ctx, request.actor, request.params.id, request.body),
    );
  };
