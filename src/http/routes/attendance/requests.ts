// Requests (leave, business trip, field work, 补卡, overtime), their comments and attachments, and the
// approval inbox with bulk decisions.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { invalid } from '../../../core/errors.js';
import {
  addAttachment,
  approvalInbox,
  bulkDecide,
  cancelRequest,
  commentRequest,
  decideRequest,
  getAttachment,
  getRequest,
  listRequests,
  submitRequest,
} from '../../../services/attendance/requests.service.js';
import type { ServiceContext } from '../../../services/context.js';
import { ErrorBody, errorResponses, IdParams, Paged, Pagination } from '../../schemas.js';
import {
  Binary,
  DateString,
  Instant,
  RecomputeOutcome,
  Request,
  RequestDetail,
  RequestKindSchema,
  RequestStatusSchema,
} from './schemas.js';

const tags = ['attendance: requests'];
const Half = Type.Union([Type.Literal('am'), Type.Literal('pm')]);
const Comment = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 1000 })) });

export const requestRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/attendance/requests',
      {
        schema: {
          tags,
          summary: 'Requests in the caller’s scope (an employee: their own)',
          querystring: Type.Object({
            employeeId: Type.Optional(Type.Integer({ minimum: 1 })),
            departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
            status: Type.Optional(RequestStatusSchema),
            kind: Type.Optional(RequestKindSchema),
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            ...Pagination,
          }),
          response: { 200: Paged(Request), ...errorResponses },
        },
      },
      async (request) => listRequests(ctx, request.actor, request.query),
    );
    app.post(
      '/api/attendance/requests',
      {
        schema: {
          tags,
          summary:
            'Submit a request: leave/trip/field work by dates (with halves) or instants, overtime by instants, 补卡 by the instant "at"',
          body: Type.Object({
            employeeId: Type.Optional(Type.Integer({ minimum: 1, description: 'default: the caller' })),
            kind: RequestKindSchema,
            leaveType: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
            startDate: Type.Optional(DateString),
            endDate: Type.Optional(DateString),
            startHalf: Type.Optional(Half),
            endHalf: Type.Optional(Half),
            startAt: Type.Optional(Instant),
            endAt: Type.Optional(Instant),
            at: Type.Optional(Instant),
            compensation: Type.Optional(Type.Union([Type.Literal('pay'), Type.Literal('timeOffInLieu')])),
            reason: Type.Optional(Type.String({ maxLength: 1000 })),
          }),
          response: { 201: RequestDetail, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return submitRequest(ctx, request.actor, request.body);
      },
    );
    app.get(
      '/api/attendance/requests/:id',
      {
        schema: {
          tags,
          summary: 'A request with its history, comments and attachments',
          params: IdParams,
          response: { 200: RequestDetail, ...errorResponses },
        },
      },
      async (request) => getRequest(ctx, request.actor, request.params.id),
    );
    app.post(
      '/api/attendance/requests/:id/approve',
      {
        schema: {
          tags,
          summary: 'Approve the current step; the last one deducts the balance and recomputes the days',
          params: IdParams,
          body: Comment,
          response: { 200: RequestDetail, ...errorResponses },
        },
      },
      async (request) =>
        decideRequest(ctx, request.actor, request.params.id, 'approve', request.body.comment),
    );
    app.post(
      '/api/attendance/requests/:id/reject',
      {
        schema: {
          tags,
          summary: 'Reject a pending request',
          params: IdParams,
          body: Comment,
          response: { 200: RequestDetail, ...errorResponses },
        },
      },
      async (request) => decideRequest(ctx, request.actor, request.params.id, 'reject', request.body.comment),
    );
    app.post(
      '/api/attendance/requests/:id/cancel',
      {
        schema: {
          tags,
          summary:
            'Cancel a pending or approved request; an approved one gives its balance back and is recomputed',
          params: IdParams,
          body: Comment,
          response: { 200: RequestDetail, ...errorResponses },
        },
      },
      async (request) => cancelRequest(ctx, request.actor, request.params.id, request.body.comment),
    );
    app.post(
      '/api/attendance/requests/:id/comments',
      {
        schema: {
          tags,
          summary: 'Comment on a request',
          params: IdParams,
          body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 1000 }) }),
          response: { 200: RequestDetail, ...errorResponses },
        },
      },
      async (request) => commentRequest(ctx, request.actor, request.params.id, request.body.text),
    );
    app.post(
      '/api/attendance/requests/:id/attachments',
      {
        schema: {
          tags,
          summary: 'Attach a file (a doctor’s note, a ticket) as multipart field "file"',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 200: RequestDetail, 413: ErrorBody, ...errorResponses },
        },
      },
      async (request) => {
        if (!request.isMultipart())
          throw invalid('send the file as multipart/form-data in a field named "file"');
        const file = await request.file();
        if (!file) throw invalid('no file was sent');
        const data = await file.toBuffer();
        return addAttachment(ctx, request.actor, request.params.id, {
          fileName: file.filename,
          contentType: file.mimetype,
          data,
        });
      },
    );
    app.get(
      '/api/attendance/attachments/:id',
      {
        schema: {
          tags,
          summary: 'Download an attachment',
          params: IdParams,
          response: { 200: Binary, ...errorResponses },
        },
      },
      async (request, reply) => {
        const file = await getAttachment(ctx, request.actor, request.params.id);
        reply
          .header('content-type', file.contentType)
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
        return reply.send(file.data);
      },
    );
    app.get(
      '/api/attendance/approvals',
      {
        schema: {
          tags,
          summary: 'The approval inbox: pending requests waiting for a step the caller decides',
          response: { 200: Paged(Request), ...errorResponses },
        },
      },
      async (request) => approvalInbox(ctx, request.actor),
    );
    app.post(
      '/api/attendance/approvals/bulk',
      {
        schema: {
          tags,
          summary: 'Approve or reject many requests; each succeeds or fails on its own',
          body: Type.Object({
            ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500 }),
            decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
            comment: Type.Optional(Type.String({ maxLength: 1000 })),
          }),
          response: {
            200: Type.Object({
              results: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  ok: Type.Boolean(),
                  code: Type.Optional(Type.String()),
                  message: Type.Optional(Type.String()),
                }),
              ),
              recompute: RecomputeOutcome,
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => bulkDecide(ctx, request.actor, request.body),
    );
  };
