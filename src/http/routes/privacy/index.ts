// Privacy: retention settings, the purge and its reports, legal holds, and data exports (right of access).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import { exportEmployeeData, exportMyData } from '../../../services/privacy/data-export.service.js';
import {
  listLegalHolds,
  placeLegalHold,
  releaseLegalHold,
} from '../../../services/privacy/legal-holds.service.js';
import { listPurgeReports, runPurge } from '../../../services/privacy/purge.service.js';
import { getRetention, updateRetention } from '../../../services/privacy/retention-settings.js';
import { errorResponses, Id, IdParams, Paged, Pagination } from '../../schemas.js';
import { impactAssessmentRoutes } from './impact-assessment.js';
import { ExportQuery, LegalHold, PurgeReport, Retention } from './schemas.js';

const ExportBody = Type.Unsafe<unknown>({
  description: 'JSON: { exportedAt, employeeId, sections }; XLSX: one sheet per section',
});

export const privacyRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(impactAssessmentRoutes(ctx));

    app.get(
      '/api/privacy/retention',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Retention settings (保存期限)',
          response: { 200: Retention, ...errorResponses },
        },
      },
      async (request) => getRetention(ctx, request.actor),
    );

    app.put(
      '/api/privacy/retention',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Change retention settings (fields left out keep their value)',
          body: Type.Partial(Retention),
          response: { 200: Retention, ...errorResponses },
        },
      },
      async (request) => updateRetention(ctx, request.actor, request.body),
    );

    app.post(
      '/api/privacy/purge',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Run the retention purge now; returns its report',
          response: { 200: PurgeReport, ...errorResponses },
        },
      },
      async (request) => runPurge(ctx, request.actor, 'manual'),
    );

    app.get(
      '/api/privacy/purge-reports',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Reports of past purges, newest first',
          querystring: Type.Object(Pagination),
          response: { 200: Paged(PurgeReport), ...errorResponses },
        },
      },
      async (request) => listPurgeReports(ctx, request.actor, request.query),
    );

    app.get(
      '/api/privacy/legal-holds',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Legal holds (诉讼保留) in force; includeReleased=true lists released ones too',
          querystring: Type.Object({ includeReleased: Type.Optional(Type.Boolean()) }),
          response: { 200: Type.Array(LegalHold), ...errorResponses },
        },
      },
      async (request) => listLegalHolds(ctx, request.actor, request.query),
    );

    app.post(
      '/api/privacy/legal-holds',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Place a legal hold: the purge removes none of this employee’s data until it is released',
          body: Type.Object({ employeeId: Id(), reason: Type.String({ minLength: 1, maxLength: 500 }) }),
          response: { 201: LegalHold, ...errorResponses },
        },
      },
      async (request, reply) => {
        const hold = await placeLegalHold(ctx, request.actor, request.body);
        reply.status(201);
        return hold;
      },
    );

    app.delete(
      '/api/privacy/legal-holds/:id',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Release a legal hold (kept in the list as released)',
          params: IdParams,
          response: { 200: LegalHold, ...errorResponses },
        },
      },
      async (request) => releaseLegalHold(ctx, request.actor, request.params.id),
    );

    app.get(
      '/api/me/data-export',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Download all my data (JSON or XLSX); no face vectors or images',
          querystring: ExportQuery,
          response: { 200: ExportBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const out = await exportMyData(ctx, request.actor, request.query.format ?? 'json');
        return send(reply, out, 'my-data');
      },
    );

    app.get(
      '/api/employees/:id/data-export',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Download all data held about an employee (JSON or XLSX); no face vectors or images',
          params: IdParams,
          querystring: ExportQuery,
          response: { 200: ExportBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const out = await exportEmployeeData(
          ctx,
          request.actor,
          request.params.id,
          request.query.format ?? 'json',
        );
        return send(reply, out, `employee-${request.params.id}-data`);
      },
    );
  };

type ExportOut = { format: 'json'; data: unknown } | { format: 'xlsx'; bytes: Buffer };

function send(reply: import('fastify').FastifyReply, out: ExportOut, name: string) {
  reply.header('cache-control', 'no-store');
  if (out.format === 'json') {
    reply.header('content-disposition', `attachment; filename="${name}.json"`);
    return reply.type('application/json').send(JSON.stringify(out.data));
  }
  reply.header('content-disposition', `attachment; filename="${name}.xlsx"`);
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(out.bytes);
}
