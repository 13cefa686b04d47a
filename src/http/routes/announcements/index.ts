// Announcements: everyone reads them (and is counted as having read); HR publishes, withdraws and sees receipts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  getAnnouncement,
  listAnnouncements,
  markRead,
  publishAnnouncement,
  readReceipts,
  withdrawAnnouncement,
} from '../../../services/announcements/announcements.service.js';
import type { ServiceContext } from '../../../services/context.js';
import { errorResponses, IdParams, Nullable, Ok } from '../../schemas.js';

const tags = ['announcements'];
const Kind = Type.Union([Type.Literal('rule'), Type.Literal('system'), Type.Literal('maintenance')]);
const Announcement = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  title: Type.String(),
  body: Type.String(),
  windowStart: Nullable(Type.String()),
  windowEnd: Nullable(Type.String()),
  publishedAt: Type.String(),
  withdrawnAt: Nullable(Type.String()),
  publishedBy: Type.String(),
  read: Type.Boolean(),
  receipts: Nullable(Type.Object({ read: Type.Integer(), audience: Type.Integer() })),
});
const Person = Type.Object({
  userId: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  department: Nullable(Type.String()),
  readAt: Nullable(Type.String()),
});

export const announcementRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/announcements',
      {
        schema: {
          tags,
          summary: 'Published announcements, newest first, each with whether I have read it',
          querystring: Type.Object({
            includeWithdrawn: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          }),
          response: {
            200: Type.Object({
              total: Type.Integer(),
              unread: Type.Integer(),
              items: Type.Array(Announcement),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => listAnnouncements(ctx, request.actor, request.query),
    );
    app.post(
      '/api/announcements',
      {
        schema: {
          tags,
          summary:
            'Publish an announcement (rule change, system update, maintenance window); everyone is told',
          body: Type.Object({
            kind: Kind,
            title: Type.String({ minLength: 1, maxLength: 200 }),
            body: Type.String({ minLength: 1, maxLength: 20000 }),
            windowStart: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
            windowEnd: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
          }),
          response: { 201: Announcement, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return publishAnnouncement(ctx, request.actor, request.body);
      },
    );
    app.get(
      '/api/announcements/:id',
      {
        schema: {
          tags,
          summary: 'One announcement',
          params: IdParams,
          response: { 200: Announcement, ...errorResponses },
        },
      },
      async (request) => getAnnouncement(ctx, request.actor, request.params.id),
    );
    app.post(
      '/api/announcements/:id/read',
      {
        schema: {
          tags,
          summary: 'Mark it read by me (the read receipt)',
          params: IdParams,
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => markRead(ctx, request.actor, request.params.id),
    );
    app.post(
      '/api/announcements/:id/withdraw',
      {
        schema: {
          tags,
          summary: 'Withdraw an announcement: readers no longer see it',
          params: IdParams,
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => withdrawAnnouncement(ctx, request.actor, request.params.id),
    );
    app.get(
      '/api/announcements/:id/receipts',
      {
        schema: {
          tags,
          summary: 'Read receipts: who of the active users has read it (and when), and who has not',
          params: IdParams,
          response: {
            200: Type.Object({ read: Type.Array(Person), unread: Type.Array(Person) }),
            ...errorResponses,
          },
        },
      },
      async (request) => readReceipts(ctx, request.actor, request.params.id),
    );
  };
