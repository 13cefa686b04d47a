import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ROLES } from '../../../core/access/roles.js';
import { resetPassword } from '../../../services/auth.service.js';
import type { ServiceContext } from '../../../services/context.js';
import { createUser, listUsers, updateUser } from '../../../services/users.service.js';
import { errorResponses, IdParams, Nullable, Ok } from '../../schemas.js';

const RoleName = Type.Union(ROLES.map((r) => Type.Literal(r)));

const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  employeeId: Nullable(Type.Integer()),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  roles: Type.Array(Type.String()),
  managedDepartmentIds: Type.Array(Type.Integer()),
  locked: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  createdAt: Type.String(),
});

export const userRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary: 'All users with roles',
          response: { 200: Type.Array(User), ...errorResponses },
        },
      },
      async (request) => listUsers(ctx, request.actor),
    );

    app.post(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Create a user',
          body: Type.Object({
            username: Type.String({ minLength: 2, maxLength: 64 }),
            displayName: Type.Optional(Type.String({ maxLength: 100 })),
            password: Type.String({ minLength: 1, maxLength: 256 }),
            roles: Type.Array(RoleName, { minItems: 1 }),
            employeeId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
            managedDepartmentIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }))),
          }),
          response: { 201: User, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createUser(ctx, request.actor, request.body);
      },
    );

    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags: ['users'],
          summary: 'Change roles, managed departments, linked employee or status',
          params: IdParams,
          body: Type.Object({
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            roles: Type.Optional(Type.Array(RoleName, { minItems: 1 })),
            employeeId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
            managedDepartmentIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }))),
          }),
          response: { 200: User, ...errorResponses },
        },
      },
      async (request) => updateUser(ctx, request.actor, request.params.id, request.body),
    );

    app.post(
      '/api/users/:id/reset-password',
      {
        schema: {
          tags: ['users'],
          summary: 'Set a new password (the user must change it at next login); ends their sessions',
          params: IdParams,
          body: Type.Object({ newPassword: Type.String({ minLength: 1, maxLength: 256 }) }),
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => {
        await resetPassword(ctx, request.actor, request.params.id, request.body.newPassword);
        return { ok: true as const };
      },
    );
  };
