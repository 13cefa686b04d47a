import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { permissionsOf } from '../../../core/access/roles.js';
import type { Actor } from '../../../services/actor.js';
import {
  changePassword,
  listMySessions,
  login,
  logout,
  logoutEverywhere,
  revokeMySession,
} from '../../../services/auth.service.js';
import type { ServiceContext } from '../../../services/context.js';
import { clearSessionCookie, setSessionCookie } from '../../plugins/auth.js';
import { ErrorBody, errorResponses, Nullable, Ok } from '../../schemas.js';

const Me = Type.Object({
  userId: Type.Integer(),
  username: Type.String(),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  employeeId: Nullable(Type.Integer()),
  managedDepartmentIds: Type.Array(Type.Integer()),
  csrfToken: Type.String(),
  mustChangePassword: Type.Optional(Type.Boolean()),
});

const meOf = (actor: Actor, csrfToken: string) => ({
  userId: actor.userId!,
  username: actor.username,
  roles: actor.roles,
  permissions: [...permissionsOf(actor.roles)],
  employeeId: actor.employeeId,
  managedDepartmentIds: [...actor.managedDepartmentIds],
  csrfToken,
});

export const authRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: {
          public: true,
          csrfExempt: true,
          rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['auth'],
          summary: 'Log in; sets the session cookie and returns the CSRF token',
          body: Type.Object({
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
          }),
          response: {
            200: Me,
            400: ErrorBody,
            401: ErrorBody,
            403: ErrorBody,
            423: ErrorBody,
            429: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const result = await login(ctx, {
          username: request.body.username,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        setSessionCookie(request, reply, ctx, result.token, result.expiresAt);
        return { ...meOf(result.actor, result.csrfToken), mustChangePassword: result.mustChangePassword };
      },
    );

    app.get(
      '/api/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'The logged-in user, roles and CSRF token',
          response: { 200: Me, ...errorResponses },
        },
      },
      async (request) => meOf(request.actor!, request.csrfToken!),
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: 'End this session', response: { 200: Ok, ...errorResponses } } },
      async (request, reply) => {
        await logout(ctx, request.actor);
        clearSessionCookie(reply);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/auth/logout-all',
      {
        schema: {
          tags: ['auth'],
          summary: 'End every session of this user',
          response: { 200: Type.Object({ ended: Type.Integer() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const ended = await logoutEverywhere(ctx, request.actor);
        clearSessionCookie(reply);
        return { ended };
      },
    );

    app.get(
      '/api/auth/sessions',
      {
        schema: {
          tags: ['auth'],
          summary: 'My open sessions',
          response: {
            200: Type.Array(
              Type.Object({
                id: Type.String(),
                createdAt: Type.String(),
                lastSeenAt: Type.String(),
                expiresAt: Type.String(),
                ip: Nullable(Type.String()),
                userAgent: Nullable(Type.String()),
                current: Type.Boolean(),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => listMySessions(ctx, request.actor),
    );

    app.delete(
      '/api/auth/sessions/:sessionId',
      {
        schema: {
          tags: ['auth'],
          summary: 'End one of my sessions',
          params: Type.Object({ sessionId: Type.String({ minLength: 1, maxLength: 64 }) }),
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => {
        await revokeMySession(ctx, request.actor, request.params.sessionId);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: 'Change my password (ends my other sessions)',
          body: Type.Object({
            currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
            newPassword: Type.String({ minLength: 1, maxLength: 256 }),
          }),
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => {
        await changePassword(ctx, request.actor, request.body.currentPassword, request.body.newPassword);
        return { ok: true as const };
      },
    );
  };
