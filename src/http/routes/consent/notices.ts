// The consent notice versions, everyone's consent records with their export, and the employee's own consent.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  acceptMyConsent,
  exportConsentHistory,
  listConsentRecords,
  myConsent,
  withdrawMyConsent,
} from '../../../services/consent/consent-records.service.js';
import {
  createNotice,
  deleteNoticeDraft,
  getCurrentNotice,
  getNotice,
  listNotices,
  noticeTemplate,
  publishNotice,
  updateNotice,
} from '../../../services/consent/notices.service.js';
import type { ServiceContext } from '../../../services/context.js';
import { requestLocale } from '../../locale.js';
import { errorResponses, Id, IdParams, Nullable, Ok, Pagination } from '../../schemas.js';
import { ConsentRecord, MyConsent, Notice, NoticeContent, RecordState } from './schemas.js';

export const noticeRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/consent/notices',
      {
        schema: {
          tags: ['consent'],
          summary: 'Every version of the consent notice (告知书), drafts included, newest first',
          response: { 200: Type.Array(Notice), ...errorResponses },
        },
      },
      async (request) => listNotices(ctx, request.actor),
    );

    app.get(
      '/api/consent/notices/current',
      {
        schema: {
          tags: ['consent'],
          summary: 'The notice in force (the newest published version); null before one is published',
          response: { 200: Type.Object({ notice: Nullable(Notice) }), ...errorResponses },
        },
      },
      async (request) => ({ notice: await getCurrentNotice(ctx, request.actor) }),
    );

    app.get(
      '/api/consent/notices/template',
      {
        schema: {
          tags: ['consent'],
          summary: 'A starting text for a new version: the current notice, or a draft from the live settings',
          response: { 200: NoticeContent, ...errorResponses },
        },
      },
      async (request) => noticeTemplate(ctx, request.actor),
    );

    app.get(
      '/api/consent/notice-versions/:version',
      {
        schema: {
          tags: ['consent'],
          summary: 'One notice version by its label (the text an employee accepted)',
          params: Type.Object({ version: Type.String({ minLength: 1, maxLength: 64 }) }),
          response: { 200: Notice, ...errorResponses },
        },
      },
      async (request) => getNotice(ctx, request.actor, request.params.version),
    );

    app.post(
      '/api/consent/notices',
      {
        schema: {
          tags: ['consent'],
          summary: 'Start a new notice version as a draft',
          body: Type.Object({
            version: Type.String({ minLength: 1, maxLength: 64 }),
            content: NoticeContent,
          }),
          response: { 201: Notice, ...errorResponses },
        },
      },
      async (request, reply) => {
        const notice = await createNotice(ctx, request.actor, request.body);
        reply.status(201);
        return notice;
      },
    );

    app.put(
      '/api/consent/notices/:id',
      {
        schema: {
          tags: ['consent'],
          summary: 'Change the text of a draft (a published version never changes)',
          params: IdParams,
          body: Type.Object({ content: NoticeContent }),
          response: { 200: Notice, ...errorResponses },
        },
      },
      async (request) => updateNotice(ctx, request.actor, request.params.id, request.body),
    );

    app.delete(
      '/api/consent/notices/:id',
      {
        schema: {
          tags: ['consent'],
          summary: 'Delete a draft',
          params: IdParams,
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => {
        await deleteNoticeDraft(ctx, request.actor, request.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/consent/notices/:id/publish',
      {
        schema: {
          tags: ['consent'],
          summary:
            'Publish a draft: it becomes the notice in force; consents to earlier versions need renewal',
          params: IdParams,
          response: { 200: Notice, ...errorResponses },
        },
      },
      async (request) => publishNotice(ctx, request.actor, request.params.id),
    );

    app.get(
      '/api/consent/records',
      {
        schema: {
          tags: ['consent'],
          summary:
            "Everyone's biometric consents, newest first, with where each stands against the current notice",
          querystring: Type.Object({
            state: Type.Optional(RecordState),
            employeeId: Type.Optional(Id()),
            ...Pagination,
          }),
          response: {
            200: Type.Object({
              currentVersion: Nullable(Type.String()),
              summary: Type.Object({
                current: Type.Integer(),
                needs_renewal: Type.Integer(),
                withdrawn: Type.Integer(),
                superseded: Type.Integer(),
                without: Type.Integer({ description: 'Active employees with no consent in force' }),
              }),
              total: Type.Integer(),
              items: Type.Array(ConsentRecord),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => listConsentRecords(ctx, request.actor, request.query),
    );

    app.get(
      '/api/consent/records/export',
      {
        schema: {
          tags: ['consent'],
          summary: 'The consent history as CSV or XLSX (in the language of the request)',
          querystring: Type.Object({
            format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
          }),
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'CSV or XLSX' }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const out = await exportConsentHistory(
          ctx,
          request.actor,
          request.query.format ?? 'csv',
          requestLocale(request),
        );
        reply.header('cache-control', 'no-store');
        reply.header('content-disposition', `attachment; filename="${out.filename}"`);
        return reply.type(out.contentType).send(out.bytes);
      },
    );

    app.get(
      '/api/me/consent',
      {
        schema: {
          tags: ['consent'],
          summary: 'My biometric consent: the current notice, my consent and whether it needs renewal',
          response: { 200: MyConsent, ...errorResponses },
        },
      },
      async (request) => myConsent(ctx, request.actor),
    );

    app.post(
      '/api/me/consent',
      {
        schema: {
          tags: ['consent'],
          summary:
            'Accept the current notice (gives or renews my consent); the version read must be the current one',
          body: Type.Object({ noticeVersion: Type.String({ minLength: 1, maxLength: 64 }) }),
          response: { 200: MyConsent, ...errorResponses },
        },
      },
      async (request) => acceptMyConsent(ctx, request.actor, request.body),
    );

    app.post(
      '/api/me/consent/withdraw',
      {
        schema: {
          tags: ['consent'],
          summary:
            'Withdraw my consent: my face templates and photos are deleted at once; QR/PIN punching stays',
          response: {
            200: Type.Intersect([MyConsent, Type.Object({ templatesDeleted: Type.Integer() })]),
            ...errorResponses,
          },
        },
      },
      async (request) => withdrawMyConsent(ctx, request.actor),
    );
  };
