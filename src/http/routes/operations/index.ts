// Operations: the status page, the maintenance mode (with its public notice for the console and the kiosks)
// and the maintenance log with its report.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceContext } from '../../../services/context.js';
import {
  createMaintenanceEntry,
  endMaintenance,
  exportMaintenanceLog,
  listMaintenanceLog,
  maintenanceNotice,
  startMaintenance,
  updateMaintenanceEntry,
} from '../../../services/operations/maintenance.service.js';
import { systemStatus } from '../../../services/operations/status.service.js';
import { requestLocale } from '../../locale.js';
import { errorResponses, IdParams, Nullable, Paged, Pagination } from '../../schemas.js';

const Kind = Type.Union([Type.Literal('maintenance'), Type.Literal('incident'), Type.Literal('drill')]);
const Instant = Type.String({ maxLength: 40 });
const LongText = Type.String({ maxLength: 10_000 });

const Entry = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  title: Type.String(),
  message: Nullable(Type.String()),
  mode: Type.Boolean(),
  startedAt: Type.String(),
  plannedEnd: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
  whatHappened: Type.String(),
  actions: Type.String(),
  createdByName: Type.String(),
  updatedAt: Type.String(),
});

const Notice = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  message: Nullable(Type.String()),
  startedAt: Type.String(),
  plannedEnd: Nullable(Type.String()),
});

const Level = Type.Union([Type.Literal('ok'), Type.Literal('warning'), Type.Literal('error')]);

const Status = Type.Object({
  checkedAt: Type.String(),
  level: Level,
  warnings: Type.Array(
    Type.Object({
      code: Type.String(),
      level: Level,
      params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
    }),
  ),
  database: Type.Object({
    ok: Type.Boolean(),
    dialect: Type.String(),
    latencyMs: Type.Number(),
    error: Nullable(Type.String()),
  }),
  faceEngine: Type.Object({
    loaded: Type.Boolean(),
    backend: Nullable(Type.String()),
    model: Type.String(),
    modelVersion: Type.String(),
    templates: Type.Integer(),
    indexed: Type.Integer(),
    stale: Type.Integer(),
    unreadable: Type.Integer(),
  }),
  jobs: Type.Array(
    Type.Object({
      job: Type.String(),
      status: Type.String(),
      slot: Type.String(),
      startedAt: Type.String(),
      finishedAt: Nullable(Type.String()),
    }),
  ),
  backup: Type.Object({
    dir: Type.String(),
    count: Type.Integer(),
    last: Nullable(
      Type.Object({
        file: Type.String(),
        createdAt: Type.String(),
        bytes: Type.Integer(),
        ageHours: Type.Integer(),
      }),
    ),
  }),
  devices: Type.Object({
    online: Type.Integer(),
    offline: Type.Integer(),
    pending: Type.Integer(),
    items: Type.Array(
      Type.Object({
        id: Type.Integer(),
        name: Type.String(),
        state: Type.String(),
        lastSeenAt: Nullable(Type.String()),
      }),
    ),
  }),
  keys: Type.Object({ current: Type.String(), inFile: Type.Integer() }),
  maintenance: Nullable(Notice),
});

const LogQuery = {
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
  kind: Type.Optional(Kind),
};

const EntryBody = Type.Object({
  kind: Type.Optional(Kind),
  title: Type.Optional(Type.String({ maxLength: 200 })),
  startedAt: Type.Optional(Instant),
  endedAt: Type.Optional(Nullable(Instant)),
  whatHappened: Type.Optional(LongText),
  actions: Type.Optional(LongText),
});

export const operationsRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/operations/status',
      {
        schema: {
          tags: ['operations'],
          summary: 'System status: database, face engine, jobs, last backup, kiosks, keys, maintenance mode',
          response: { 200: Status, ...errorResponses },
        },
      },
      async (request) => systemStatus(ctx, request.actor),
    );

    app.get(
      '/api/maintenance',
      {
        config: { public: true },
        schema: {
          tags: ['operations'],
          summary: 'The maintenance notice in force, if any (shown as a banner in the console and on kiosks)',
          response: { 200: Type.Object({ maintenance: Nullable(Notice) }) },
        },
      },
      async () => ({ maintenance: await maintenanceNotice(ctx) }),
    );

    app.post(
      '/api/operations/maintenance/start',
      {
        schema: {
          tags: ['operations'],
          summary: 'Switch the maintenance mode on, with a message and a planned end; opens a log entry',
          body: Type.Object({
            title: Type.String({ minLength: 1, maxLength: 200 }),
            message: Type.Optional(Type.String({ maxLength: 2000 })),
            plannedEnd: Type.Optional(Nullable(Instant)),
          }),
          response: { 201: Entry, ...errorResponses },
        },
      },
      async (request, reply) => {
        const entry = await startMaintenance(ctx, request.actor, request.body);
        reply.status(201);
        return entry;
      },
    );

    app.post(
      '/api/operations/maintenance/end',
      {
        schema: {
          tags: ['operations'],
          summary:
            'Switch the maintenance mode off; closes its log entry with what happened and what was done',
          body: Type.Object({ whatHappened: Type.Optional(LongText), actions: Type.Optional(LongText) }),
          response: { 200: Entry, ...errorResponses },
        },
      },
      async (request) => endMaintenance(ctx, request.actor, request.body),
    );

    app.get(
      '/api/operations/maintenance-log',
      {
        schema: {
          tags: ['operations'],
          summary: 'The maintenance log (维护记录), newest first',
          querystring: Type.Object({ ...LogQuery, ...Pagination }),
          response: { 200: Paged(Entry), ...errorResponses },
        },
      },
      async (request) => listMaintenanceLog(ctx, request.actor, request.query),
    );

    app.post(
      '/api/operations/maintenance-log',
      {
        schema: {
          tags: ['operations'],
          summary: 'Log an incident, a drill or maintenance done outside maintenance mode',
          body: EntryBody,
          response: { 201: Entry, ...errorResponses },
        },
      },
      async (request, reply) => {
        const entry = await createMaintenanceEntry(ctx, request.actor, request.body);
        reply.status(201);
        return entry;
      },
    );

    app.put(
      '/api/operations/maintenance-log/:id',
      {
        schema: {
          tags: ['operations'],
          summary: 'Change a log entry (fields left out keep their value)',
          params: IdParams,
          body: EntryBody,
          response: { 200: Entry, ...errorResponses },
        },
      },
      async (request) => updateMaintenanceEntry(ctx, request.actor, request.params.id, request.body),
    );

    app.get(
      '/api/operations/maintenance-log/export',
      {
        schema: {
          tags: ['operations'],
          summary: 'The maintenance report: the log as CSV or XLSX, in the language of the request',
          querystring: Type.Object({
            ...LogQuery,
            format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
          }),
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'CSV or XLSX' }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const out = await exportMaintenanceLog(
          ctx,
          request.actor,
          query,
          format ?? 'csv',
          requestLocale(request),
        );
        reply.header('cache-control', 'no-store');
        reply.header('content-disposition', `attachment; filename="${out.filename}"`);
        return reply.type(out.contentType).send(out.bytes);
      },
    );
  };
