// Resolves the session cookie to an actor on every request, and checks the CSRF token on cookie-authenticated
// writes (the token is given at login and by GET /api/auth/me; the client sends it as x-csrf-token).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import type { Actor } from '../../services/actor.js';
import { resolveSession, SESSION_COOKIE } from '../../services/auth.service.js';
import type { ServiceContext } from '../../services/context.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Routes that a visitor without a session may call. */
    public?: boolean;
    /** Writes that need no CSRF token (login and setup: there is no session yet). */
    csrfExempt?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuth(app: FastifyInstance, ctx: ServiceContext) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    // The web app's files and the API description are public; everything else under /api needs a session.
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await resolveSession(ctx, token, request.ip);
      if (session) {
        request.actor = session.actor;
        request.csrfToken = session.csrfToken;
      }
    }
    const config = request.routeOptions.config;
    if (!request.actor && !config?.public && request.routeOptions.url)
      throw new AppError('unauthenticated', 401);
    if (request.actor && !SAFE_METHODS.has(request.method) && !config?.csrfExempt) {
      if (request.headers['x-csrf-token'] !== request.csrfToken) throw new AppError('csrf_failed', 403);
    }
  });
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: ServiceContext,
  token: string,
  expiresAt: string,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.secureCookies || request.protocol === 'https',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
