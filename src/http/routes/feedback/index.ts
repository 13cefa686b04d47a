// Feedback and questions about the system: anyone sends, HR answers, the asker reads the answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import {
  answerFeedback,
  getFeedback,
  listFeedback,
  submitFeedback,
} from '../../../services/feedback/feedback.service.js';
import { errorResponses, IdParams, Nullable, Paged } from '../../schemas.js';

const tags = ['feedback'];
const Category = Type.Union([Type.Literal('question'), Type.Literal('problem'), Type.Literal('suggestion')]);
const Status = Type.Union([Type.Literal('open'), Type.Literal('answered')]);
const Feedback = Type.Object({
  id: Type.Integer(),
  category: Category,
  subject: Type.String(),
  body: Type.String(),
  status: Status,
  askedBy: Type.String(),
  createdAt: Type.String(),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
});

export const feedbackRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/feedback',
      {
        schema: {
          tags,
          summary: 'Feedback, newest first: HR sees everyone’s, others their own (mine=true: only my own)',
          querystring: Type.Object({
            status: Type.Optional(Status),
            mine: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          }),
          response: { 200: Paged(Feedback), ...errorResponses },
        },
      },
      async (request) => listFeedback(ctx, request.actor, request.query),
    );
    app.post(
      '/api/feedback',
      {
        schema: {
          tags,
          summary: 'Send feedback or a question about the system',
          body: Type.Object({
            category: Category,
            subject: Type.String({ minLength: 1, maxLength: 200 }),
            body: Type.String({ minLength: 1, maxLength: 5000 }),
          }),
          response: { 201: Feedback, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return submitFeedback(ctx, request.actor, request.body);
      },
    );
    app.get(
      '/api/feedback/:id',
      {
        schema: {
          tags,
          summary: 'One feedback item with its answer',
          params: IdParams,
          response: { 200: Feedback, ...errorResponses },
        },
      },
      async (request) => getFeedback(ctx, request.actor, request.params.id),
    );
    app.post(
      '/api/feedback/:id/answer',
      {
        schema: {
          tags,
          summary: 'Answer it (HR); the asker is told in the app',
          params: IdParams,
          body: Type.Object({ answer: Type.String({ minLength: 1, maxLength: 5000 }) }),
          response: { 200: Feedback, ...errorResponses },
        },
      },
      async (request) => answerFeedback(ctx, request.actor, request.params.id, request.body.answer),
    );
  };
