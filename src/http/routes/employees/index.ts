import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import {
  createEmployee,
  deleteEmployee,
  getEmployee,
  listEmployees,
  setEmployeePin,
  updateEmployee,
} from '../../../services/employees.service.js';
import { errorResponses, IdParams, Nullable, Ok, Paged, Pagination } from '../../schemas.js';

const Status = Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('terminated')]);
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

const Employee = Type.Object({
  id: Type.Integer(),
  employeeNo: Type.String(),
  name: Type.String(),
  departmentId: Nullable(Type.Integer()),
  positionId: Nullable(Type.Integer()),
  siteId: Nullable(Type.Integer()),
  hireDate: Nullable(Type.String()),
  terminationDate: Nullable(Type.String()),
  status: Status,
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  hasPin: Type.Boolean(),
});

const EmployeeBody = Type.Object({
  employeeNo: Type.String({ minLength: 1, maxLength: 32 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  departmentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  positionId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  siteId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  hireDate: Type.Optional(Nullable(DateString)),
  terminationDate: Type.Optional(Nullable(DateString)),
  status: Type.Optional(Status),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
  email: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
});

export const employeeRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/employees',
      {
        schema: {
          tags: ['employees'],
          summary: 'Employees in the caller’s scope (a manager: their departments; an employee: themself)',
          querystring: Type.Object({
            q: Type.Optional(Type.String({ maxLength: 100 })),
            departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
            siteId: Type.Optional(Type.Integer({ minimum: 1 })),
            status: Type.Optional(Status),
            ...Pagination,
          }),
          response: { 200: Paged(Employee), ...errorResponses },
        },
      },
      async (request) => listEmployees(ctx, request.actor, request.query),
    );
    app.get(
      '/api/employees/:id',
      {
        schema: {
          tags: ['employees'],
          summary: 'One employee',
          params: IdParams,
          response: { 200: Employee, ...errorResponses },
        },
      },
      async (request) => getEmployee(ctx, request.actor, request.params.id),
    );
    app.post(
      '/api/employees',
      {
        schema: {
          tags: ['employees'],
          summary: 'Create an employee',
          body: EmployeeBody,
          response: { 201: Employee, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createEmployee(ctx, request.actor, request.body);
      },
    );
    app.patch(
      '/api/employees/:id',
      {
        schema: {
          tags: ['employees'],
          summary: 'Change an employee',
          params: IdParams,
          body: Type.Partial(EmployeeBody),
          response: { 200: Employee, ...errorResponses },
        },
      },
      async (request) => updateEmployee(ctx, request.actor, request.params.id, request.body),
    );
    app.delete(
      '/api/employees/:id',
      {
        schema: {
          tags: ['employees'],
          summary:
            'Delete an employee entered by mistake; one with attendance records is refused (409 employee_has_records) and is terminated instead',
          description:
            'Attendance records are punches, attendance requests, leave ledger entries, assessment results and appeals, and refused kiosk attempts that identified the employee (a repeat, an inactive employee, face punch not rolled out). Day results the attendance engine computed from the schedule are not: they are deleted with the employee. Refused attempts that named the employee only as the closest candidate (an unrecognised face, a wrong PIN) are not either: they are kept, naming no one.',
          params: IdParams,
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => {
        await deleteEmployee(ctx, request.actor, request.params.id);
        return { ok: true as const };
      },
    );
    app.put(
      '/api/employees/:id/pin',
      {
        schema: {
          tags: ['employees'],
          summary: 'Set or clear the PIN used for the non-face punch (stored hashed)',
          params: IdParams,
          body: Type.Object({ pin: Nullable(Type.String({ pattern: '^\\d{4,8}$' })) }),
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => {
        await setEmployeePin(ctx, request.actor, request.params.id, request.body.pin);
        return { ok: true as const };
      },
    );
  };
