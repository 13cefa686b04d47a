// Every error leaves as JSON: { statusCode, code, message, details? }, the message in the caller's language.
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorCode, formatError } from '../../core/errors.js';
import { requestLocale } from '../locale.js';

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    const locale = requestLocale(request);
    let statusCode = 500;
    let code: ErrorCode = 'internal';
    let params: Record<string, string | number> = {};
    let details: unknown;
    if (error instanceof AppError) {
      ({ statusCode, code, params, details } = error);
    } else if (isDatabaseInputError(error)) {
      // A value the database cannot hold (an out-of-range number, malformed text for a typed column).
      statusCode = 400;
      code = 'invalid_input';
      params = { reason: 'a value is out of range or malformed' };
    } else if ('validation' in error && error.validation) {
      statusCode = 400;
      code = 'invalid_input';
      params = { reason: error.message };
      details = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
    } else if ((error as FastifyError).statusCode === 429) {
      statusCode = 429;
      code = 'rate_limited';
      params = { after: String((error as FastifyError & { after?: string }).after ?? '1 minute') };
    } else if (
      (error as FastifyError).code === 'FST_REQ_FILE_TOO_LARGE' ||
      (error as FastifyError).statusCode === 413
    ) {
      statusCode = 413;
      code = 'payload_too_large';
    } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
      statusCode = (error as FastifyError).statusCode!;
      code = statusCode === 404 ? 'not_found' : 'invalid_input';
      params = { reason: error.message, what: 'resource', id: '' };
    }
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    reply.status(statusCode).send({
      statusCode,
      code,
      message: formatError(code, locale, params),
      ...(details ? { details } : {}),
    });
  });
}

/** PostgreSQL data exceptions (class 22) and SQLite type mismatches are the caller's input, not a server fault. */
function isDatabaseInputError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return /^22[0-9A-Z]{3}$/.test(code) || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG';
}
