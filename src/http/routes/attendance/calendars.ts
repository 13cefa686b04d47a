// Holiday calendars: per year entries (statutory holidays, bridged rest days, 调休 workdays), company days
// off, the bundled mainland China years, import and export as CSV or iCalendar.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { invalid } from '../../../core/errors.js';
import {
  calendarYear,
  createCalendarRecord,
  deleteCalendarRecord,
  exportCalendarYear,
  importCalendarYear,
  listCalendars,
  setCalendarYear,
  updateCalendarRecord,
} from '../../../services/attendance/calendars.service.js';
import type { ServiceContext } from '../../../services/context.js';
import { errorResponses, IdParams, Nullable, Ok } from '../../schemas.js';
import { Binary, CalendarEntry, DateString, RecomputeOutcome } from './schemas.js';

const tags = ['attendance: calendars'];
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Format = Type.Union([Type.Literal('csv'), Type.Literal('ics')]);
const Weekend = Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), {
  maxItems: 7,
  description: 'weekly rest days, 0 = Sunday … 6 = Saturday',
});

const Calendar = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  weekend: Type.Array(Type.Integer()),
  years: Type.Array(Type.Integer()),
  usedByGroups: Type.Integer(),
});
const YearChange = Type.Object({
  ok: Type.Literal(true),
  changedDates: Type.Integer(),
  recompute: RecomputeOutcome,
});

export const calendarRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/attendance/calendars',
      {
        schema: {
          tags,
          summary: 'Holiday calendars',
          response: { 200: Type.Array(Calendar), ...errorResponses },
        },
      },
      async (request) => listCalendars(ctx, request.actor),
    );
    app.post(
      '/api/attendance/calendars',
      {
        schema: {
          tags,
          summary: 'Create a calendar, optionally with bundled mainland China years',
          body: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 100 }),
            weekend: Type.Optional(Weekend),
            bundledYears: Type.Optional(Type.Array(Year, { maxItems: 20 })),
          }),
          response: {
            201: Type.Intersect([Calendar, Type.Object({ recompute: RecomputeOutcome })]),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return createCalendarRecord(ctx, request.actor, request.body);
      },
    );
    app.patch(
      '/api/attendance/calendars/:id',
      {
        schema: {
          tags,
          summary: 'Rename a calendar or change its weekly rest days',
          params: IdParams,
          body: Type.Object({
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            weekend: Type.Optional(Weekend),
          }),
          response: {
            200: Type.Intersect([Calendar, Type.Object({ recompute: RecomputeOutcome })]),
            ...errorResponses,
          },
        },
      },
      async (request) => updateCalendarRecord(ctx, request.actor, request.params.id, request.body),
    );
    app.delete(
      '/api/attendance/calendars/:id',
      {
        schema: {
          tags,
          summary: 'Delete a calendar no group uses',
          params: IdParams,
          response: {
            200: Type.Intersect([Ok, Type.Object({ recompute: RecomputeOutcome })]),
            ...errorResponses,
          },
        },
      },
      async (request) => deleteCalendarRecord(ctx, request.actor, request.params.id),
    );
    app.get(
      '/api/attendance/calendars/:id/year',
      {
        schema: {
          tags,
          summary: 'One year: the dated entries, company days off, and every date’s type',
          params: IdParams,
          querystring: Type.Object({ year: Year }),
          response: {
            200: Type.Object({
              calendarId: Type.Integer(),
              year: Type.Integer(),
              entries: Type.Array(CalendarEntry),
              daysOff: Type.Array(CalendarEntry),
              days: Type.Array(
                Type.Object({
                  date: Type.String(),
                  type: Type.String(),
                  name: Nullable(Type.String()),
                  source: Type.String(),
                }),
              ),
              bundledAvailable: Type.Boolean(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => calendarYear(ctx, request.actor, request.params.id, request.query.year),
    );
    app.put(
      '/api/attendance/calendars/:id/year',
      {
        schema: {
          tags,
          summary:
            'Replace a year’s entries and/or company days off, or load the bundled State Council notice (bundled: true)',
          params: IdParams,
          querystring: Type.Object({ year: Year }),
          body: Type.Object({
            entries: Type.Optional(Type.Array(CalendarEntry, { maxItems: 366 })),
            daysOff: Type.Optional(
              Type.Array(
                Type.Object({ date: DateString, name: Type.Optional(Type.String({ maxLength: 100 })) }),
                {
                  maxItems: 366,
                },
              ),
            ),
            bundled: Type.Optional(Type.Boolean()),
          }),
          response: { 200: YearChange, ...errorResponses },
        },
      },
      async (request) =>
        setCalendarYear(ctx, request.actor, request.params.id, request.query.year, request.body),
    );
    app.post(
      '/api/attendance/calendars/:id/import',
      {
        schema: {
          tags,
          summary:
            'Import one year from a CSV (date,type,name) or iCalendar file; replaces that year’s entries',
          consumes: ['multipart/form-data'],
          params: IdParams,
          querystring: Type.Object({ year: Year, format: Format }),
          response: { 200: YearChange, ...errorResponses },
        },
      },
      async (request) => {
        if (!request.isMultipart())
          throw invalid('send the file as multipart/form-data in a field named "file"');
        const file = await request.file();
        if (!file) throw invalid('no file was sent');
        const data = await file.toBuffer();
        return importCalendarYear(
          ctx,
          request.actor,
          request.params.id,
          request.query.year,
          request.query.format,
          data,
        );
      },
    );
    app.get(
      '/api/attendance/calendars/:id/export',
      {
        schema: {
          tags,
          summary: 'Export one year as CSV or iCalendar',
          params: IdParams,
          querystring: Type.Object({ year: Year, format: Format }),
          response: { 200: Binary, ...errorResponses },
        },
      },
      async (request, reply) => {
        const file = await exportCalendarYear(
          ctx,
          request.actor,
          request.params.id,
          request.query.year,
          request.query.format,
        );
        reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`);
        return reply.send(file.body);
      },
    );
  };
