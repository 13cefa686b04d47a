// Notifications: a user's own notices (page and bell), their e-mail address, and for those who configure
// delivery: webhook channels with a test button, SMTP status, and the outbox with its delivery log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import {
  createChannel,
  deleteChannel,
  deliveryStatus,
  listChannels,
  listOutbox,
  retryOutbox,
  testChannel,
  testEmail,
  updateChannel,
} from '../../../services/notify/channels.service.js';
import {
  countMyUnread,
  getMyEmail,
  listMyNotices,
  markRead,
  setMyEmail,
} from '../../../services/notify/notices.js';
import { errorResponses, IdParams, Nullable, Ok } from '../../schemas.js';
import {
  Channel,
  ChannelBody,
  DeliveryStatus,
  MyEmail,
  Notice,
  OutboxEntry,
  OutboxQuery,
} from './schemas.js';

const tags = ['notifications'];

export const notificationRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/notifications',
      {
        schema: {
          tags,
          summary: 'My notices, newest first, with the unread count',
          querystring: Type.Object({
            unread: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
          }),
          response: {
            200: Type.Object({ total: Type.Integer(), unread: Type.Integer(), items: Type.Array(Notice) }),
            ...errorResponses,
          },
        },
      },
      async (request) => listMyNotices(ctx, request.actor, request.query),
    );
    app.get(
      '/api/notifications/unread-count',
      {
        schema: {
          tags,
          summary: 'How many of my notices are unread (the bell)',
          response: { 200: Type.Object({ unread: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => countMyUnread(ctx, request.actor),
    );
    app.post(
      '/api/notifications/:id/read',
      {
        schema: {
          tags,
          summary: 'Mark one of my notices as read',
          params: IdParams,
          response: { 200: Type.Object({ marked: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => markRead(ctx, request.actor, request.params.id),
    );
    app.post(
      '/api/notifications/read-all',
      {
        schema: {
          tags,
          summary: 'Mark all my notices as read',
          response: { 200: Type.Object({ marked: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => markRead(ctx, request.actor),
    );
    app.get(
      '/api/notifications/email',
      {
        schema: {
          tags,
          summary: 'The address my e-mail notices go to',
          response: { 200: MyEmail, ...errorResponses },
        },
      },
      async (request) => getMyEmail(ctx, request.actor),
    );
    app.put(
      '/api/notifications/email',
      {
        schema: {
          tags,
          summary: 'Set my own address for e-mail notices (empty: use the one on my employee record)',
          body: Type.Object({
            email: Nullable(Type.Union([Type.Literal(''), Type.String({ format: 'email', maxLength: 200 })])),
          }),
          response: { 200: MyEmail, ...errorResponses },
        },
      },
      async (request) => setMyEmail(ctx, request.actor, request.body.email),
    );

    app.get(
      '/api/notify/status',
      {
        schema: {
          tags,
          summary: 'Whether SMTP is configured, and the messages waiting or failed',
          response: { 200: DeliveryStatus, ...errorResponses },
        },
      },
      async (request) => deliveryStatus(ctx, request.actor),
    );
    app.get(
      '/api/notify/outbox',
      {
        schema: {
          tags,
          summary: 'E-mails and webhook messages with their delivery log',
          querystring: OutboxQuery,
          response: {
            200: Type.Object({ total: Type.Integer(), items: Type.Array(OutboxEntry) }),
            ...errorResponses,
          },
        },
      },
      async (request) => listOutbox(ctx, request.actor, request.query),
    );
    app.post(
      '/api/notify/outbox/:id/retry',
      {
        schema: {
          tags,
          summary: 'Send a failed or waiting message again now',
          params: IdParams,
          response: { 200: OutboxEntry, ...errorResponses },
        },
      },
      async (request) => retryOutbox(ctx, request.actor, request.params.id),
    );
    app.post(
      '/api/notify/test-email',
      {
        schema: {
          tags,
          summary: 'Queue a test e-mail to an address and try it at once',
          body: Type.Object({ to: Type.String({ format: 'email', maxLength: 200 }) }),
          response: { 200: OutboxEntry, ...errorResponses },
        },
      },
      async (request) => testEmail(ctx, request.actor, request.body.to),
    );
    app.get(
      '/api/notify/channels',
      {
        schema: {
          tags,
          summary: 'Webhook channels: WeCom, DingTalk and Feishu bots, generic signed JSON webhooks',
          response: { 200: Type.Array(Channel), ...errorResponses },
        },
      },
      async (request) => listChannels(ctx, request.actor),
    );
    app.post(
      '/api/notify/channels',
      {
        schema: {
          tags,
          summary: 'Add a webhook channel',
          body: ChannelBody,
          response: { 201: Channel, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createChannel(ctx, request.actor, request.body);
      },
    );
    app.patch(
      '/api/notify/channels/:id',
      {
        schema: {
          tags,
          summary: 'Change a webhook channel (leave the secret out to keep it)',
          params: IdParams,
          body: Type.Partial(ChannelBody),
          response: { 200: Channel, ...errorResponses },
        },
      },
      async (request) => updateChannel(ctx, request.actor, request.params.id, request.body),
    );
    app.delete(
      '/api/notify/channels/:id',
      {
        schema: {
          tags,
          summary: 'Delete a webhook channel',
          params: IdParams,
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => deleteChannel(ctx, request.actor, request.params.id),
    );
    app.post(
      '/api/notify/channels/:id/test',
      {
        schema: {
          tags,
          summary: 'Send a test message to a channel now; answers with the delivery outcome',
          params: IdParams,
          response: { 200: OutboxEntry, ...errorResponses },
        },
      },
      async (request) => testChannel(ctx, request.actor, request.params.id),
    );
  };
