// Leave types, balances (with the ledger), annual-leave accrual and the work profile it uses.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  accrueAnnualLeaveAsUser,
  adjustBalance,
  balanceLedger,
  createLeaveType,
  getWorkProfile,
  listBalances,
  listLeaveTypes,
  setWorkProfile,
  updateLeaveType,
} from '../../../services/attendance/leave.service.js';
import type { ServiceContext } from '../../../services/context.js';
import { errorResponses, IdParams, Nullable, Ok } from '../../schemas.js';
import { Accrual, DateString, LeaveUnit, OrNull } from './schemas.js';

const tags = ['attendance: leave'];

const LeaveType = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  unit: LeaveUnit,
  paid: Type.Boolean(),
  hasBalance: Type.Boolean(),
  accrual: Accrual,
  active: Type.Boolean(),
});
const LeaveTypeBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 32 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  unit: LeaveUnit,
  paid: Type.Boolean(),
  hasBalance: Type.Optional(Type.Boolean()),
  accrual: Type.Optional(Accrual),
  active: Type.Optional(Type.Boolean()),
});
const Balance = Type.Object({
  employeeId: Type.Integer(),
  leaveType: Type.String(),
  year: Type.Integer({ description: '0 for balances without a period (time off in lieu)' }),
  unit: LeaveUnit,
  granted: Type.Number(),
  used: Type.Number(),
  available: Type.Number(),
});
const Profile = Type.Object({ employeeId: Type.Integer(), firstWorkDate: Nullable(Type.String()) });

export const leaveRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/attendance/leave-types',
      {
        schema: {
          tags,
          summary: 'Leave types (请假类型)',
          response: { 200: Type.Array(LeaveType), ...errorResponses },
        },
      },
      async (request) => listLeaveTypes(ctx, request.actor),
    );
    app.post(
      '/api/attendance/leave-types',
      {
        schema: {
          tags,
          summary: 'Create a leave type',
          body: LeaveTypeBody,
          response: { 201: LeaveType, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createLeaveType(ctx, request.actor, request.body);
      },
    );
    app.patch(
      '/api/attendance/leave-types/:id',
      {
        schema: {
          tags,
          summary: 'Change a leave type',
          params: IdParams,
          body: Type.Partial(Type.Omit(LeaveTypeBody, ['code'])),
          response: { 200: LeaveType, ...errorResponses },
        },
      },
      async (request) => updateLeaveType(ctx, request.actor, request.params.id, request.body),
    );
    app.get(
      '/api/attendance/balances',
      {
        schema: {
          tags,
          summary: 'Leave balances of an employee (default: the caller)',
          querystring: Type.Object({
            employeeId: Type.Optional(Type.Integer({ minimum: 1 })),
            year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
          }),
          response: { 200: Type.Array(Balance), ...errorResponses },
        },
      },
      async (request) => listBalances(ctx, request.actor, request.query),
    );
    app.get(
      '/api/attendance/balances/:id/ledger',
      {
        schema: {
          tags,
          summary: 'Every movement of an employee’s balances (id: the employee)',
          params: IdParams,
          response: {
            200: Type.Array(
              Type.Object({
                leaveType: Type.String(),
                year: Type.Integer(),
                grantedDelta: Type.Number(),
                usedDelta: Type.Number(),
                reason: Type.String(),
                requestId: Nullable(Type.Integer()),
                note: Nullable(Type.String()),
                at: Type.String(),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => balanceLedger(ctx, request.actor, request.params.id),
    );
    app.post(
      '/api/attendance/balances/adjust',
      {
        schema: {
          tags,
          summary: 'Grant or take back balance by hand (carry-over, correction), with a note',
          body: Type.Object({
            employeeId: Type.Integer({ minimum: 1 }),
            leaveType: Type.String({ minLength: 1 }),
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
            grantedDelta: Type.Number(),
            note: Type.String({ minLength: 1, maxLength: 500 }),
          }),
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => adjustBalance(ctx, request.actor, request.body),
    );
    app.post(
      '/api/attendance/balances/accrue',
      {
        schema: {
          tags,
          summary:
            'Grant the year’s statutory annual leave (5/10/15 days by working years, pro rata); idempotent',
          body: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
          response: {
            200: Type.Object({ year: Type.Integer(), employees: Type.Integer(), changed: Type.Integer() }),
            ...errorResponses,
          },
        },
      },
      async (request) => accrueAnnualLeaveAsUser(ctx, request.actor, request.body.year),
    );
    app.get(
      '/api/attendance/profiles/:id',
      {
        schema: {
          tags,
          summary: 'An employee’s first work date (cumulative working years for annual leave)',
          params: IdParams,
          response: { 200: Profile, ...errorResponses },
        },
      },
      async (request) => getWorkProfile(ctx, request.actor, request.params.id),
    );
    app.put(
      '/api/attendance/profiles/:id',
      {
        schema: {
          tags,
          summary: 'Set an employee’s first work date',
          params: IdParams,
          body: Type.Object({ firstWorkDate: OrNull(DateString) }),
          response: { 200: Profile, ...errorResponses },
        },
      },
      async (request) => setWorkProfile(ctx, request.actor, request.params.id, request.body),
    );
  };
