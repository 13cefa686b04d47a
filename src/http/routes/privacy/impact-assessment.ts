// The draft impact assessment (个人信息保护影响评估), generated from the live configuration, and the purge preview.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import { impactAssessmentDocument } from '../../../services/privacy/impact-assessment.service.js';
import { previewPurge } from '../../../services/privacy/purge.service.js';
import { ErrorBody, errorResponses } from '../../schemas.js';
import { Retention } from './schemas.js';

export const impactAssessmentRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/privacy/impact-assessment',
      {
        schema: {
          tags: ['privacy'],
          summary:
            'Draft personal information protection impact assessment from the live configuration, as Markdown ' +
            'or PDF, in Chinese or English',
          querystring: Type.Object({
            format: Type.Optional(Type.Union([Type.Literal('md'), Type.Literal('pdf')])),
            language: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
          }),
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'Markdown or PDF' }),
            ...errorResponses,
            503: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const out = await impactAssessmentDocument(
          ctx,
          request.actor,
          request.query.format ?? 'md',
          request.query.language ?? 'zh-CN',
        );
        reply.header('cache-control', 'no-store');
        reply.header('content-disposition', `attachment; filename="${out.filename}"`);
        return reply.type(out.contentType).send(out.bytes);
      },
    );

    app.get(
      '/api/privacy/purge/preview',
      {
        schema: {
          tags: ['privacy'],
          summary: 'What the retention purge would remove now (nothing is removed)',
          response: {
            200: Type.Object({
              counts: Type.Record(Type.String(), Type.Integer()),
              settings: Retention,
              heldEmployees: Type.Integer(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => previewPurge(ctx, request.actor),
    );
  };
