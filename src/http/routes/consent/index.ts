import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { invalid } from '../../../core/errors.js';
import type { ServiceContext } from '../../../services/context.js';
import {
  consentDocument,
  getConsent,
  recordConsent,
  withdrawConsent,
} from '../../../services/face/consent.service.js';
import { ErrorBody, errorResponses, IdParams, Nullable } from '../../schemas.js';
import { readUpload, requirePermission } from '../faces/uploads.js';
import { noticeRoutes } from './notices.js';
import { Consent } from './schemas.js';

const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const consentRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(noticeRoutes(ctx));

    app.get(
      '/api/employees/:id/consent',
      {
        schema: {
          tags: ['consent'],
          summary: 'The employee’s biometric consent (单独同意): the one in force and the history',
          params: IdParams,
          response: {
            200: Type.Object({
              employeeId: Type.Integer(),
              active: Nullable(Consent),
              history: Type.Array(Consent),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => getConsent(ctx, request.actor, request.params.id),
    );

    app.post(
      '/api/employees/:id/consent',
      {
        preHandler: requirePermission('consent.write'),
        schema: {
          tags: ['consent'],
          summary:
            'Record a biometric consent (multipart: noticeVersion, method hr_paper|self_service, optional ' +
            'acceptedAt, optional scanned paper in "document" (PDF, JPEG, PNG, WebP), stored encrypted). Once ' +
            'notices are published the version must be a published one; a consent under another version ' +
            'than the one in force renews it',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: Consent, ...errorResponses, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        const { files, fields } = await readUpload(request, { fileSize: MAX_DOCUMENT_BYTES, files: 1 });
        const document = files.find((f) => f.field === 'document');
        if (document?.truncated) throw invalid('the document is larger than 20 MB');
        const method = fields.method ?? 'hr_paper';
        if (method !== 'hr_paper' && method !== 'self_service')
          throw invalid('method must be hr_paper or self_service');
        const consent = await recordConsent(ctx, request.actor, request.params.id, {
          noticeVersion: fields.noticeVersion ?? '',
          method,
          acceptedAt: fields.acceptedAt || undefined,
          document: document ? { bytes: document.bytes, filename: document.filename } : undefined,
        });
        reply.status(201);
        return consent;
      },
    );

    app.post(
      '/api/employees/:id/consent/withdraw',
      {
        schema: {
          tags: ['consent'],
          summary: 'Withdraw the consent: every face template and photo of the employee is deleted at once',
          params: IdParams,
          response: {
            200: Type.Object({ consent: Consent, templatesDeleted: Type.Integer() }),
            ...errorResponses,
          },
        },
      },
      async (request) => withdrawConsent(ctx, request.actor, request.params.id),
    );

    app.get(
      '/api/employees/:id/consent/:consentId/document',
      {
        schema: {
          tags: ['consent'],
          summary: 'The scanned consent paper (decrypted for this download; the download is audited)',
          params: Type.Object({
            id: Type.Integer({ minimum: 1 }),
            consentId: Type.String({ maxLength: 40 }),
          }),
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'PDF or image' }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const doc = await consentDocument(ctx, request.actor, request.params.id, request.params.consentId);
        reply.header('cache-control', 'no-store');
        reply.header('content-disposition', `attachment; filename="consent-${request.params.id}"`);
        return reply.type(doc.contentType).send(doc.bytes);
      },
    );
  };
