// Appeals (申诉): file one about a day or a published month, attach files, follow it; deciders uphold or
// overturn it with a correction; the history of each step.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { invalid } from '../../../core/errors.js';
import {
  type AppealInput,
  type AppealQuery,
  addAppealAttachment,
  commentAppeal,
  decideAppeal,
  getAppeal,
  getAppealAttachment,
  listAppeals,
  submitAppeal,
  withdrawAppeal,
} from '../../../services/appeals/appeals.service.js';
import type { ServiceContext } from '../../../services/context.js';
import { ErrorBody, errorResponses, Id, IdParams, Nullable, Pagination } from '../../schemas.js';
import { DateText, Enum, Month } from '../assessment/schemas.js';

const tags = ['appeals'];
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const Status = Enum(['pending', 'upheld', 'overturned', 'withdrawn'] as const);
const Step = Enum(['manager', 'hr'] as const);

const Correction = Type.Object(
  {
    kind: Enum(['punch', 'request', 'adjustment', 'none'] as const),
    at: Type.Optional(
      Type.String({ description: 'punch: the instant of the missing punch (ISO-8601 with offset)' }),
    ),
    request: Type.Optional(
      Type.Object({
        kind: Enum(['leave', 'businessTrip', 'fieldWork'] as const),
        leaveType: Type.Optional(Type.String({ maxLength: 40 })),
        startDate: Type.Optional(DateText),
        endDate: Type.Optional(DateText),
        startHalf: Type.Optional(Enum(['am', 'pm'] as const)),
        endHalf: Type.Optional(Enum(['am', 'pm'] as const)),
        startAt: Type.Optional(Type.String({ maxLength: 40 })),
        endAt: Type.Optional(Type.String({ maxLength: 40 })),
      }),
    ),
    amountFen: Type.Optional(
      Type.Integer({
        minimum: -100_000_000,
        maximum: 100_000_000,
        description: 'adjustment: fen, + refund / bonus',
      }),
    ),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { description: 'What overturning changes: a punch, an approved request, a ledger adjustment, or nothing' },
);

const Appeal = Type.Object({
  id: Type.Integer(),
  employeeId: Type.Integer(),
  employeeNo: Type.String(),
  employeeName: Type.String(),
  target: Enum(['day', 'month'] as const),
  date: Nullable(Type.String()),
  month: Type.String(),
  reason: Type.String(),
  status: Status,
  chain: Type.Array(Step),
  step: Type.Integer(),
  currentStep: Nullable(Step),
  dueAt: Nullable(Type.String()),
  correction: Nullable(Type.Unknown()),
  outcome: Nullable(Type.Unknown()),
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
});

const AppealDetail = Type.Composite([
  Appeal,
  Type.Object({
    day: Nullable(
      Type.Object({
        statuses: Type.Array(Type.String()),
        lateMinutes: Type.Integer(),
        earlyLeaveMinutes: Type.Integer(),
        missingPunches: Type.Integer(),
        absent: Type.String(),
        workedMinutes: Type.Integer(),
        version: Type.Integer(),
      }),
    ),
    events: Type.Array(
      Type.Object({
        at: Type.String(),
        actor: Type.String(),
        action: Type.String(),
        step: Nullable(Type.String()),
        comment: Nullable(Type.String()),
        details: Nullable(Type.Unknown()),
      }),
    ),
    attachments: Type.Array(
      Type.Object({
        id: Type.Integer(),
        fileName: Type.String(),
        contentType: Type.String(),
        size: Type.Integer(),
        createdAt: Type.String(),
      }),
    ),
    canDecide: Type.Boolean(),
    canWithdraw: Type.Boolean(),
    refreshed: Type.Optional(Type.Unknown()),
  }),
]);

export const appealRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/appeals',
      {
        schema: {
          tags,
          summary: 'File an appeal about a day’s result or a published month (employees: their own)',
          body: Type.Object({
            employeeId: Type.Optional(Id()),
            target: Enum(['day', 'month'] as const),
            date: Type.Optional(DateText),
            month: Type.Optional(Month),
            reason: Type.String({ minLength: 1, maxLength: 2000 }),
          }),
          response: { 201: AppealDetail, ...errorResponses },
        },
      },
      async (request, reply) => {
        const out = await submitAppeal(ctx, request.actor, request.body as AppealInput);
        reply.status(201);
        return out;
      },
    );

    app.get(
      '/api/appeals',
      {
        schema: {
          tags,
          summary: 'Appeals: mine, or those in my scope; toDecide=true lists those waiting for my step',
          querystring: Type.Object({
            status: Type.Optional(Status),
            month: Type.Optional(Month),
            employeeId: Type.Optional(Id()),
            toDecide: Type.Optional(Type.Boolean()),
            mine: Type.Optional(Type.Boolean()),
            ...Pagination,
          }),
          response: {
            200: Type.Object({ total: Type.Integer(), items: Type.Array(Appeal) }),
            ...errorResponses,
          },
        },
      },
      async (request) => listAppeals(ctx, request.actor, request.query as AppealQuery),
    );

    app.get(
      '/api/appeals/:id',
      {
        schema: {
          tags,
          summary: 'An appeal with its history and attachments',
          params: IdParams,
          response: { 200: AppealDetail, ...errorResponses },
        },
      },
      async (request) => getAppeal(ctx, request.actor, request.params.id),
    );

    app.post(
      '/api/appeals/:id/decide',
      {
        schema: {
          tags,
          summary:
            'Uphold the result (the appeal ends) or overturn it (passes to the next step; at the last, applies the correction)',
          params: IdParams,
          body: Type.Object({
            decision: Enum(['uphold', 'overturn'] as const),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
            correction: Type.Optional(Correction),
          }),
          response: { 200: AppealDetail, ...errorResponses },
        },
      },
      async (request) =>
        decideAppeal(
          ctx,
          request.actor,
          request.params.id,
          request.body as Parameters<typeof decideAppeal>[3],
        ),
    );

    app.post(
      '/api/appeals/:id/withdraw',
      {
        schema: {
          tags,
          summary: 'Withdraw my pending appeal',
          params: IdParams,
          body: Type.Optional(Type.Object({ comment: Type.Optional(Type.String({ maxLength: 2000 })) })),
          response: { 200: AppealDetail, ...errorResponses },
        },
      },
      async (request) => withdrawAppeal(ctx, request.actor, request.params.id, request.body?.comment),
    );

    app.post(
      '/api/appeals/:id/comments',
      {
        schema: {
          tags,
          summary: 'Add a comment to an appeal',
          params: IdParams,
          body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }),
          response: { 200: AppealDetail, ...errorResponses },
        },
      },
      async (request) => commentAppeal(ctx, request.actor, request.params.id, request.body.text),
    );

    app.post(
      '/api/appeals/:id/attachments',
      {
        schema: {
          tags,
          summary: 'Attach a file to a pending appeal as multipart field "file"',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 200: AppealDetail, 413: ErrorBody, ...errorResponses },
        },
      },
      async (request) => {
        if (!request.isMultipart())
          throw invalid('send the file as multipart/form-data in a field named "file"');
        const file = await request.file();
        if (!file) throw invalid('no file was sent');
        const data = await file.toBuffer();
        return addAppealAttachment(ctx, request.actor, request.params.id, {
          fileName: file.filename,
          contentType: file.mimetype,
          data,
        });
      },
    );

    app.get(
      '/api/appeals/attachments/:id',
      {
        schema: {
          tags,
          summary: 'Download an appeal attachment',
          params: IdParams,
          response: { 200: Binary, ...errorResponses },
        },
      },
      async (request, reply) => {
        const file = await getAppealAttachment(ctx, request.actor, request.params.id);
        reply
          .header('content-type', file.contentType)
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
        return reply.send(file.data);
      },
    );
  };
