import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError, type ErrorCode, formatError, invalid } from '../../../core/errors.js';
import { defaultDecodeLimits } from '../../../face/decode.js';
import type { ServiceContext } from '../../../services/context.js';
import { startBulkEnrollment } from '../../../services/face/bulk.service.js';
import {
  deleteAllFaces,
  deleteFace,
  enrollFaces,
  listFaces,
} from '../../../services/face/enrollment.service.js';
import { faceStatus, identifyFace } from '../../../services/face/identify.service.js';
import { reenrollStale } from '../../../services/face/reenroll.service.js';
import { getFaceSettings, updateFaceSettings } from '../../../services/face/settings.js';
import { requestLocale } from '../../locale.js';
import { ErrorBody, errorResponses, IdParams, Ok } from '../../schemas.js';
import { EnrollResult, FaceList, FaceSettings, FaceStatus, IdentifyResult } from './schemas.js';
import { readUpload, requirePermission } from './uploads.js';

/** A photo may be a little over the decoder's limit so that the decoder, not the upload, names the problem. */
const PHOTO_UPLOAD_BYTES = defaultDecodeLimits.maxBytes + 1;
const MAX_PHOTOS_PER_REQUEST = 20;
const MAX_ZIP_BYTES = 1024 ** 3;

const uploadErrors = { ...errorResponses, 413: ErrorBody, 415: ErrorBody };

export const faceRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/employees/:id/faces',
      {
        schema: {
          tags: ['faces'],
          summary:
            'The employee’s face templates: count, dates, source, quality and model (never vectors or photos)',
          params: IdParams,
          response: { 200: FaceList, ...errorResponses },
        },
      },
      async (request) => listFaces(ctx, request.actor, request.params.id),
    );

    app.post(
      '/api/employees/:id/faces',
      {
        preHandler: requirePermission('faces.enroll'),
        schema: {
          tags: ['faces'],
          summary:
            'Enroll one or more photos (multipart: files in "photo", optional field "source" upload|webcam). ' +
            'Needs an active biometric consent; each photo gets its own outcome and reason.',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 200: EnrollResult, ...uploadErrors },
        },
      },
      async (request) => {
        const { files, fields } = await readUpload(request, {
          fileSize: PHOTO_UPLOAD_BYTES,
          files: MAX_PHOTOS_PER_REQUEST,
        });
        const source = fields.source ?? 'upload';
        if (source !== 'upload' && source !== 'webcam') throw invalid('source must be upload or webcam');
        const locale = requestLocale(request);
        const outcome = await enrollFaces(
          ctx,
          request.actor,
          request.params.id,
          files.map((f) => ({ bytes: f.bytes, filename: f.filename, truncated: f.truncated })),
          source,
        );
        return {
          ...outcome,
          results: outcome.results.map((r) =>
            r.status === 'refused' ? { ...r, message: formatError(r.reason, locale, r.params) } : r,
          ),
        };
      },
    );

    app.delete(
      '/api/employees/:id/faces',
      {
        schema: {
          tags: ['faces'],
          summary: 'Delete every face template (and kept photo) of the employee',
          params: IdParams,
          response: { 200: Type.Object({ deleted: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => deleteAllFaces(ctx, request.actor, request.params.id),
    );

    app.delete(
      '/api/employees/:id/faces/:faceId',
      {
        schema: {
          tags: ['faces'],
          summary: 'Delete one face template (and its kept photo)',
          params: Type.Object({ id: Type.Integer({ minimum: 1 }), faceId: Type.String({ maxLength: 40 }) }),
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => {
        await deleteFace(ctx, request.actor, request.params.id, request.params.faceId);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/faces/identify',
      {
        preHandler: requirePermission('faces.identify'),
        config: { rateLimit: { max: ctx.config.identifyRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['faces'],
          summary:
            'Identify test: one photo (multipart field "photo") → the open-set decision, the top candidates, ' +
            'the threshold and margin used, and the quality result',
          consumes: ['multipart/form-data'],
          response: { 200: IdentifyResult, ...uploadErrors },
        },
      },
      async (request) => {
        const { files } = await readUpload(request, { fileSize: PHOTO_UPLOAD_BYTES, files: 1 });
        const photo = files[0];
        if (!photo) throw invalid('send one photo in a field named "photo"');
        const locale = requestLocale(request);
        const result = await identifyFace(ctx, request.actor, {
          bytes: photo.bytes,
          filename: photo.filename,
          truncated: photo.truncated,
        });
        const d = result.decision;
        return {
          ...result,
          decision: d.outcome === 'match' ? d : { ...d, message: decisionMessage(d.reason, locale) },
          quality: {
            ...result.quality,
            messages: result.quality.reasons.map((r) => formatError(r, locale)),
          },
        };
      },
    );

    app.get(
      '/api/faces/status',
      {
        schema: {
          tags: ['faces'],
          summary:
            'Face engine status: model and version, backend, calibration, quality thresholds, template and ' +
            'employee counts, templates of another model that need enrolling again',
          response: { 200: FaceStatus, ...errorResponses },
        },
      },
      async (request) => faceStatus(ctx, request.actor),
    );

    app.post(
      '/api/faces/bulk',
      {
        preHandler: requirePermission('faces.enroll'),
        schema: {
          tags: ['faces'],
          summary:
            'Bulk enrollment from a ZIP (multipart field "file") of photos named by employee number ' +
            '(E001.jpg, E001_2.jpg or E001/…). Starts a background task: poll GET /api/tasks/:id; its result ' +
            'is the per-file report. With ?wait=true the answer waits for the report.',
          consumes: ['multipart/form-data'],
          querystring: Type.Object({ wait: Type.Optional(Type.Boolean({ default: false })) }),
          response: {
            202: Type.Unknown({ description: 'The background task (see GET /api/tasks/:id)' }),
            ...uploadErrors,
          },
        },
      },
      async (request, reply) => {
        const { files } = await readUpload(request, { fileSize: MAX_ZIP_BYTES, files: 1 });
        const zip = files[0];
        if (!zip) throw invalid('send the ZIP file in a field named "file"');
        if (zip.truncated) throw new AppError('payload_too_large', 413);
        const task = await startBulkEnrollment(ctx, request.actor, zip.bytes, zip.filename, {
          wait: request.query.wait,
        });
        reply.status(202);
        return task;
      },
    );

    app.post(
      '/api/faces/reenroll',
      {
        schema: {
          tags: ['faces'],
          summary:
            'After a model change: make the templates of the old model again from their kept (sealed) photos. ' +
            'A background task (GET /api/tasks/:id); with ?wait=true the answer waits for its report.',
          querystring: Type.Object({ wait: Type.Optional(Type.Boolean({ default: false })) }),
          response: {
            202: Type.Unknown({ description: 'The background task (see GET /api/tasks/:id)' }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const task = await reenrollStale(ctx, request.actor, { wait: request.query.wait });
        reply.status(202);
        return task;
      },
    );

    app.get(
      '/api/faces/settings',
      {
        schema: {
          tags: ['faces'],
          summary: 'Face settings',
          response: { 200: FaceSettings, ...errorResponses },
        },
      },
      async (request) => getFaceSettings(ctx, request.actor),
    );

    app.put(
      '/api/faces/settings',
      {
        schema: {
          tags: ['faces'],
          summary:
            'Change face settings (keep enrollment photos, sealed, for re-enrollment after a model change)',
          body: Type.Partial(FaceSettings),
          response: { 200: FaceSettings, ...errorResponses },
        },
      },
      async (request) => updateFaceSettings(ctx, request.actor, request.body),
    );
  };

/** The reason of an "unknown" (no_templates, below_threshold, ambiguous) or a refused photo, translated. */
function decisionMessage(reason: string, locale: 'en' | 'zh-CN'): string {
  const code = (
    ['no_templates', 'below_threshold', 'ambiguous'].includes(reason) ? `unknown_${reason}` : reason
  ) as ErrorCode;
  return formatError(code, locale);
}
