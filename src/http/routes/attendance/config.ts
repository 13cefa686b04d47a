// Shifts, attendance groups (members, schedule grid) and settings.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ScheduleVersion } from '../../../core/attendance/roster.js';
import type { RuleOverrides } from '../../../core/attendance/rules.js';
import {
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  scheduleGrid,
  setMembers,
  setOverrides,
  updateGroup,
} from '../../../services/attendance/groups.service.js';
import type { AttendanceSettings } from '../../../services/attendance/settings.js';
import {
  getAttendanceSettings,
  updateAttendanceSettings,
} from '../../../services/attendance/settings.service.js';
import {
  createShift,
  deleteShift,
  listShifts,
  updateShift,
} from '../../../services/attendance/shifts.service.js';
import type { ServiceContext } from '../../../services/context.js';
import { errorResponses, IdParams, Nullable, Ok, Pagination } from '../../schemas.js';
import {
  DateString,
  DayTypeSchema,
  Group,
  Member,
  OrNull,
  RecomputeOutcome,
  RequestKindSchema,
  ScheduleVersionSchema,
  Shift,
  StepSchema,
} from './schemas.js';

const tags = ['attendance: configuration'];
const WithRecompute = <T extends ReturnType<typeof Type.Object>>(t: T) =>
  Type.Intersect([t, Type.Object({ recompute: RecomputeOutcome })]);

const ShiftBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 32, description: 'the id schedules refer to; cannot change' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  definition: Type.Record(Type.String(), Type.Unknown(), {
    description:
      "the engine's shift: {kind:'fixed', segments:[{start,end}], rules?} | {kind:'flexible', …} | {kind:'free', …}",
  }),
});

const GroupBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  zone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone of the site' }),
  calendarId: Type.Optional(OrNull(Type.Integer({ minimum: 1 }))),
  rules: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), { description: 'rule overrides (考勤规则)' }),
  ),
  versions: Type.Optional(
    Type.Array(ScheduleVersionSchema, {
      description: 'weekly or rotating schedules with effective-from dates',
    }),
  ),
});

const Chains = Type.Object({
  leave: Type.Optional(Type.Array(StepSchema)),
  businessTrip: Type.Optional(Type.Array(StepSchema)),
  fieldWork: Type.Optional(Type.Array(StepSchema)),
  punchCorrection: Type.Optional(Type.Array(StepSchema)),
  overtime: Type.Optional(Type.Array(StepSchema)),
});

const Settings = Type.Object({
  approvalChains: Type.Record(RequestKindSchema, Type.Array(StepSchema)),
  correctionQuotaPerMonth: Type.Integer(),
  correctionDeadlineDays: Type.Integer(),
  attachmentMaxMb: Type.Number(),
  syncRecomputeLimit: Type.Integer(),
  annualLeaveMethod: Type.Union([Type.Literal('proRata'), Type.Literal('yearStart')]),
  companyZone: Type.String(),
  faceRollout: Type.Array(
    Type.Object({
      departmentId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
      from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    }),
    { description: 'Departments that punch by face, from which date; empty: everyone' },
  ),
});

export const configRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/attendance/shifts',
      { schema: { tags, summary: 'Shifts (班次)', response: { 200: Type.Array(Shift), ...errorResponses } } },
      async (request) => listShifts(ctx, request.actor),
    );
    app.post(
      '/api/attendance/shifts',
      {
        schema: {
          tags,
          summary: 'Create a shift',
          body: ShiftBody,
          response: { 201: WithRecompute(Shift), ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createShift(ctx, request.actor, request.body);
      },
    );
    app.patch(
      '/api/attendance/shifts/:id',
      {
        schema: {
          tags,
          summary: 'Change a shift; the days using it are recomputed',
          params: IdParams,
          body: Type.Partial(Type.Omit(ShiftBody, ['code'])),
          response: { 200: WithRecompute(Shift), ...errorResponses },
        },
      },
      async (request) => updateShift(ctx, request.actor, request.params.id, request.body),
    );
    app.delete(
      '/api/attendance/shifts/:id',
      {
        schema: {
          tags,
          summary: 'Delete a shift no schedule uses',
          params: IdParams,
          response: { 200: WithRecompute(Ok), ...errorResponses },
        },
      },
      async (request) => deleteShift(ctx, request.actor, request.params.id),
    );

    app.get(
      '/api/attendance/groups',
      {
        schema: {
          tags,
          summary: 'Attendance groups (考勤组)',
          response: { 200: Type.Array(Group), ...errorResponses },
        },
      },
      async (request) => listGroups(ctx, request.actor),
    );
    app.get(
      '/api/attendance/groups/:id',
      {
        schema: {
          tags,
          summary: 'One attendance group',
          params: IdParams,
          response: { 200: Group, ...errorResponses },
        },
      },
      async (request) => getGroup(ctx, request.actor, request.params.id),
    );
    app.post(
      '/api/attendance/groups',
      {
        schema: {
          tags,
          summary: 'Create an attendance group',
          body: GroupBody,
          response: { 201: WithRecompute(Group), ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.status(201);
        const b = request.body;
        return createGroup(ctx, request.actor, {
          ...b,
          rules: b.rules as RuleOverrides | undefined,
          versions: b.versions as ScheduleVersion[] | undefined,
        });
      },
    );
    app.patch(
      '/api/attendance/groups/:id',
      {
        schema: {
          tags,
          summary: 'Change a group (rules, schedule versions, zone, calendar); affected days are recomputed',
          params: IdParams,
          body: Type.Partial(GroupBody),
          response: { 200: WithRecompute(Group), ...errorResponses },
        },
      },
      async (request) => {
        const b = request.body;
        return updateGroup(ctx, request.actor, request.params.id, {
          ...b,
          rules: b.rules as RuleOverrides | undefined,
          versions: b.versions as ScheduleVersion[] | undefined,
        });
      },
    );
    app.delete(
      '/api/attendance/groups/:id',
      {
        schema: {
          tags,
          summary: 'Delete a group; its members’ days leave attendance',
          params: IdParams,
          response: { 200: WithRecompute(Ok), ...errorResponses },
        },
      },
      async (request) => deleteGroup(ctx, request.actor, request.params.id),
    );
    app.put(
      '/api/attendance/groups/:id/members',
      {
        schema: {
          tags,
          summary:
            'Replace the members: employees or whole departments (with sub-departments), each from a roll-out date',
          params: IdParams,
          body: Type.Object({ members: Type.Array(Member, { maxItems: 5000 }) }),
          response: {
            200: WithRecompute(Type.Object({ ok: Type.Literal(true), members: Type.Integer() })),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        setMembers(
          ctx,
          request.actor,
          request.params.id,
          request.body.members.map((m) => ({
            employeeId: m.employeeId ?? null,
            departmentId: m.departmentId ?? null,
            from: m.from,
            to: m.to ?? null,
          })),
        ),
    );
    app.get(
      '/api/attendance/groups/:id/schedule',
      {
        schema: {
          tags,
          summary: 'The schedule grid (排班表): each member’s shift and day type per date',
          params: IdParams,
          querystring: Type.Object({ from: DateString, to: DateString, ...Pagination }),
          response: {
            200: Type.Object({
              from: Type.String(),
              to: Type.String(),
              total: Type.Integer(),
              rows: Type.Array(
                Type.Object({
                  employeeId: Type.Integer(),
                  employeeNo: Type.String(),
                  name: Type.String(),
                  cells: Type.Array(
                    Type.Object({
                      date: Type.String(),
                      shift: Nullable(Type.String()),
                      dayType: Type.String(),
                      source: Type.String(),
                      override: Type.Boolean(),
                    }),
                  ),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => scheduleGrid(ctx, request.actor, request.params.id, request.query),
    );
    app.put(
      '/api/attendance/groups/:id/overrides',
      {
        schema: {
          tags,
          summary: 'Set or clear schedule-grid cells: a date for the whole group or one employee',
          params: IdParams,
          body: Type.Object({
            set: Type.Optional(
              Type.Array(
                Type.Object({
                  date: DateString,
                  employeeId: Type.Optional(OrNull(Type.Integer({ minimum: 1 }))),
                  shift: OrNull(Type.String({ description: 'shift code; null for a day off' })),
                  dayType: Type.Optional(OrNull(DayTypeSchema)),
                }),
                { maxItems: 5000 },
              ),
            ),
            remove: Type.Optional(
              Type.Array(
                Type.Object({
                  date: DateString,
                  employeeId: Type.Optional(OrNull(Type.Integer({ minimum: 1 }))),
                }),
                { maxItems: 5000 },
              ),
            ),
          }),
          response: {
            200: WithRecompute(
              Type.Object({ ok: Type.Literal(true), set: Type.Integer(), removed: Type.Integer() }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => setOverrides(ctx, request.actor, request.params.id, request.body),
    );

    app.get(
      '/api/attendance/settings',
      { schema: { tags, summary: 'Attendance settings', response: { 200: Settings, ...errorResponses } } },
      async (request) => getAttendanceSettings(ctx, request.actor),
    );
    app.patch(
      '/api/attendance/settings',
      {
        schema: {
          tags,
          summary: 'Change approval chains, the 补卡 quota and deadline, attachment size, …',
          body: Type.Partial(
            Type.Composite([
              Type.Omit(Settings, ['approvalChains']),
              Type.Object({ approvalChains: Chains }),
            ]),
          ),
          response: { 200: Settings, ...errorResponses },
        },
      },
      async (request) =>
        updateAttendanceSettings(ctx, request.actor, request.body as Partial<AttendanceSettings>),
    );
  };
