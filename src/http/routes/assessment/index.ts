// Monthly assessment: settings (score formula, reward and penalty rules), the month cycle (compute, review,
// publish, close), results and statements, the public list (公示) and exports for performance and payroll.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { RewardRule } from '../../../core/assessment/ledger.js';
import type { Actor } from '../../../services/actor.js';
import {
  closeAssessmentMonth,
  computeMonth,
  getCycle,
  listCycles,
  publishMonth,
  reopenAssessmentMonth,
  reviewMonth,
} from '../../../services/assessment/cycle.service.js';
import { getAssessmentSettings, updateAssessmentSettings } from '../../../services/assessment/settings.js';
import { statementPdf } from '../../../services/assessment/statement-pdf.js';
import {
  exportMonth,
  getStatement,
  listResults,
  myStatements,
  publication,
  publishedMonths,
} from '../../../services/assessment/statements.service.js';
import type { ServiceContext } from '../../../services/context.js';
import { requestLocale } from '../../locale.js';
import { errorResponses, Id, Nullable, Pagination } from '../../schemas.js';
import { Cycle, Month, PublicRow, ResultRow, Settings, Statement } from './schemas.js';

const tags = ['assessment'];
const MonthQuery = Type.Object({ month: Month });
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

export const assessmentRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/assessment/settings',
      {
        schema: {
          tags,
          summary: 'Assessment settings: score formula, reward and penalty rules, appeal chain and windows',
          response: { 200: Settings, ...errorResponses },
        },
      },
      async (request) => getAssessmentSettings(ctx, request.actor),
    );

    app.put(
      '/api/assessment/settings',
      {
        schema: {
          tags,
          summary: 'Change assessment settings (fields left out keep their value)',
          body: Type.Partial(Settings),
          response: { 200: Settings, ...errorResponses },
        },
      },
      async (request) =>
        updateAssessmentSettings(ctx, request.actor, {
          ...request.body,
          ...(request.body.rules ? { rules: request.body.rules as unknown as RewardRule[] } : {}),
        } as Parameters<typeof updateAssessmentSettings>[2]),
    );

    app.get(
      '/api/assessment/cycles',
      {
        schema: {
          tags,
          summary: 'The twelve months of a year with their assessment status',
          querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
          response: { 200: Type.Array(Cycle), ...errorResponses },
        },
      },
      async (request) => listCycles(ctx, request.actor, request.query.year),
    );

    app.get(
      '/api/assessment/cycle',
      {
        schema: {
          tags,
          summary: 'One month’s status',
          querystring: MonthQuery,
          response: { 200: Cycle, ...errorResponses },
        },
      },
      async (request) => getCycle(ctx, request.actor, request.query.month),
    );

    const step = (
      path: string,
      summary: string,
      run: (actor: Actor | null, month: string, body: { note?: string }) => Promise<unknown>,
    ) =>
      app.post(
        `/api/assessment/${path}`,
        {
          schema: {
            tags,
            summary,
            body: Type.Object({ month: Month, note: Type.Optional(Type.String({ maxLength: 500 })) }),
            response: {
              200: Type.Composite([
                Cycle,
                Type.Object({
                  changed: Type.Optional(Type.Integer()),
                  task: Type.Optional(
                    Type.Unknown({ description: 'a large month is computed as a background task' }),
                  ),
                }),
              ]),
              ...errorResponses,
            },
          },
        },
        async (request) => run(request.actor, request.body.month, request.body) as never,
      );
    step(
      'compute',
      'Compute (or compute again) every employee’s month from the day results',
      (actor, month) => computeMonth(ctx, actor, month),
    );
    step('review', 'Mark the computed month as reviewed by HR', (actor, month, body) =>
      reviewMonth(ctx, actor, month, body.note),
    );
    step('publish', 'Publish (公示): employees see it, get their statement, and may appeal', (actor, month) =>
      publishMonth(ctx, actor, month),
    );
    step('close', 'Close and lock the month (also closes the attendance month)', (actor, month) =>
      closeAssessmentMonth(ctx, actor, month),
    );

    app.post(
      '/api/assessment/reopen',
      {
        schema: {
          tags,
          summary: 'Reopen a closed month (published again; the attendance month reopens too)',
          body: Type.Object({ month: Month, reason: Type.String({ minLength: 1, maxLength: 500 }) }),
          response: { 200: Cycle, ...errorResponses },
        },
      },
      async (request) => reopenAssessmentMonth(ctx, request.actor, request.body.month, request.body.reason),
    );

    app.get(
      '/api/assessment/results',
      {
        schema: {
          tags,
          summary: 'Each employee’s result for a month (managers: their departments)',
          querystring: Type.Object({ month: Month, departmentId: Type.Optional(Id()), ...Pagination }),
          response: {
            200: Type.Object({ cycle: Cycle, total: Type.Integer(), items: Type.Array(ResultRow) }),
            ...errorResponses,
          },
        },
      },
      async (request) => listResults(ctx, request.actor, request.query),
    );

    app.get(
      '/api/assessment/statement',
      {
        schema: {
          tags,
          summary:
            'A monthly statement: figures, score and ledger lines explained (employees: their own, once published)',
          querystring: Type.Object({ month: Month, employeeId: Type.Optional(Id()) }),
          response: { 200: Statement, ...errorResponses },
        },
      },
      async (request) => getStatement(ctx, request.actor, request.query, requestLocale(request)),
    );

    app.get(
      '/api/assessment/statement/pdf',
      {
        schema: {
          tags,
          summary: 'A monthly statement as a PDF, in Chinese or English (the same access as the statement)',
          querystring: Type.Object({
            month: Month,
            employeeId: Type.Optional(Id()),
            language: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
          }),
          response: { 200: Binary, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { language, ...query } = request.query;
        const out = await statementPdf(ctx, request.actor, query, language ?? requestLocale(request));
        reply
          .header('content-type', 'application/pdf')
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="${out.fileName}"`);
        return reply.send(out.bytes);
      },
    );

    app.get(
      '/api/me/statements',
      {
        schema: {
          tags,
          summary: 'My published monthly statements, newest first',
          response: {
            200: Type.Array(
              Type.Object({
                month: Type.String(),
                score: Type.Number(),
                totalFen: Type.Integer(),
                version: Type.Integer(),
                status: Type.String(),
                appealUntil: Nullable(Type.String()),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => myStatements(ctx, request.actor),
    );

    app.get(
      '/api/assessment/publications',
      {
        schema: {
          tags,
          summary: 'Months published (公示), newest first',
          response: {
            200: Type.Array(
              Type.Object({
                month: Type.String(),
                status: Type.String(),
                publishedAt: Nullable(Type.String()),
                appealUntil: Nullable(Type.String()),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => publishedMonths(ctx, request.actor),
    );

    app.get(
      '/api/assessment/publication',
      {
        schema: {
          tags,
          summary: 'The public list of a published month (公示), names masked when the setting says so',
          querystring: MonthQuery,
          response: {
            200: Type.Object({ cycle: Cycle, masked: Type.Boolean(), items: Type.Array(PublicRow) }),
            ...errorResponses,
          },
        },
      },
      async (request) => publication(ctx, request.actor, request.query.month),
    );

    app.get(
      '/api/assessment/export',
      {
        schema: {
          tags,
          summary:
            'Export a month: kind=assessment (performance reviews) or ledger (payroll), as CSV or XLSX',
          querystring: Type.Object({
            month: Month,
            kind: Type.Union([Type.Literal('assessment'), Type.Literal('ledger')]),
            format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
          }),
          response: { 200: Binary, ...errorResponses },
        },
      },
      async (request, reply) => {
        const out = await exportMonth(
          ctx,
          request.actor,
          { ...request.query, format: request.query.format ?? 'xlsx' },
          requestLocale(request),
        );
        reply
          .header('content-type', out.contentType)
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="${out.fileName}"`);
        return reply.send(out.bytes);
      },
    );
  };
