// Errors with a stable machine code and a message in zh-CN and en. The HTTP layer turns them into JSON.
import { errorMessages } from './i18n/error-messages.js';

export type ErrorCode = keyof typeof errorMessages;
export type Locale = 'en' | 'zh-CN';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(formatError(code, 'en', params));
    this.name = 'AppError';
  }
}

export function formatError(
  code: ErrorCode,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  const template = errorMessages[code][locale === 'zh-CN' ? 'zh' : 'en'];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

export const notFound = (what: string, id: string | number) => new AppError('not_found', 404, { what, id });
export const forbidden = () => new AppError('forbidden', 403);
export const invalid = (reason: string, details?: unknown) =>
  new AppError('invalid_input', 400, { reason }, details);
export const conflict = (reason: string) => new AppError('conflict', 409, { reason });
