import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import {
  createDepartment,
  deleteDepartment,
  listDepartments,
  updateDepartment,
} from '../../../services/departments.service.js';
import { errorResponses, IdParams, Nullable, Ok } from '../../schemas.js';

const Department = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  code: Nullable(Type.String()),
  parentId: Nullable(Type.Integer()),
  employeeCount: Type.Integer(),
  managerUserIds: Type.Array(Type.Integer()),
});

const DepartmentBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  code: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
  parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
});

export const departmentRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/departments',
      {
        schema: {
          tags: ['organisation'],
          summary: 'All departments (a flat list; parentId makes the tree)',
          response: { 200: Type.Array(Department), ...errorResponses },
        },
      },
      async (request) => listDepartments(ctx, request.actor),
    );
    app.post(
      '/api/departments',
      {
        schema: {
          tags: ['organisation'],
          summary: 'Create a department',
          body: DepartmentBody,
          response: { 201: Department, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createDepartment(ctx, request.actor, request.body);
      },
    );
    app.patch(
      '/api/departments/:id',
      {
        schema: {
          tags: ['organisation'],
          summary: 'Rename or move a department',
          params: IdParams,
          body: Type.Partial(DepartmentBody),
          response: { 200: Department, ...errorResponses },
        },
      },
      async (request) => updateDepartment(ctx, request.actor, request.params.id, request.body),
    );
    app.delete(
      '/api/departments/:id',
      {
        schema: {
          tags: ['organisation'],
          summary: 'Delete a department with no sub-departments and no employees',
          params: IdParams,
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => {
        await deleteDepartment(ctx, request.actor, request.params.id);
        return { ok: true as const };
      },
    );
  };
