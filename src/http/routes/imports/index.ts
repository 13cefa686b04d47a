import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { invalid } from '../../../core/errors.js';
import type { ServiceContext } from '../../../services/context.js';
import { commitImport, exportOrg, previewImport } from '../../../services/org-import.service.js';
import { ErrorBody, errorResponses } from '../../schemas.js';

const Kind = Type.Union([Type.Literal('employees'), Type.Literal('departments')]);

const Preview = Type.Object({
  kind: Kind,
  totalRows: Type.Integer(),
  validRows: Type.Integer(),
  creates: Type.Integer(),
  updates: Type.Integer(),
  problems: Type.Array(
    Type.Object({
      row: Type.Integer(),
      field: Type.String(),
      code: Type.String(),
      value: Type.Optional(Type.String()),
    }),
  ),
  sample: Type.Array(Type.Record(Type.String(), Type.Unknown())),
});

async function uploadedFile(request: FastifyRequest) {
  if (!request.isMultipart()) throw invalid('send the file as multipart/form-data in a field named "file"');
  const file = await request.file();
  if (!file) throw invalid('no file was sent');
  return { buffer: await file.toBuffer(), filename: file.filename };
}

const uploadSchema = (summary: string) => ({
  tags: ['import / export'],
  summary,
  consumes: ['multipart/form-data'],
  params: Type.Object({ kind: Kind }),
  response: { 200: Preview, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, ...errorResponses },
});

export const importRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/imports/:kind/preview',
      { schema: uploadSchema('Check a CSV or XLSX file and list every problem by row; writes nothing') },
      async (request) => {
        const { buffer, filename } = await uploadedFile(request);
        return previewImport(ctx, request.actor, request.params.kind, buffer, filename);
      },
    );
    app.post(
      '/api/imports/:kind/commit',
      {
        schema: uploadSchema(
          'Import a CSV or XLSX file in one transaction; refused whole (422) if any row has a problem',
        ),
      },
      async (request) => {
        const { buffer, filename } = await uploadedFile(request);
        return commitImport(ctx, request.actor, request.params.kind, buffer, filename);
      },
    );
    app.get(
      '/api/exports/:kind',
      {
        schema: {
          tags: ['import / export'],
          summary: 'Export employees or departments in the import format',
          params: Type.Object({ kind: Kind }),
          querystring: Type.Object({
            format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'xlsx' }),
          }),
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'CSV or XLSX file' }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { kind } = request.params;
        const format = request.query.format ?? 'xlsx';
        const body = await exportOrg(ctx, request.actor, kind, format);
        reply
          .header(
            'content-type',
            format === 'csv'
              ? 'text/csv; charset=utf-8'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', `attachment; filename="${kind}.${format}"`);
        return reply.send(body);
      },
    );
  };
