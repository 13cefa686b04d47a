// The language of a request's messages: an explicit x-locale header, else Accept-Language.
import type { FastifyRequest } from 'fastify';
import type { Locale } from '../core/errors.js';

export function requestLocale(request: FastifyRequest): Locale {
  const explicit = request.headers['x-locale'];
  const value = (typeof explicit === 'string' ? explicit : request.headers['accept-language']) ?? '';
  return /^\s*zh/i.test(value) ? 'zh-CN' : 'en';
}
