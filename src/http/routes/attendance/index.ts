// Attendance routes: configuration (shifts, groups, schedules, settings), calendars, leave, requests and
// approvals, results and months.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServiceContext } from '../../../services/context.js';
import { calendarRoutes } from './calendars.js';
import { configRoutes } from './config.js';
import { leaveRoutes } from './leave.js';
import { requestRoutes } from './requests.js';
import { resultRoutes } from './results.js';

export const attendanceRoutes =
  (ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(configRoutes(ctx));
    await app.register(calendarRoutes(ctx));
    await app.register(leaveRoutes(ctx));
    await app.register(requestRoutes(ctx));
    await app.register(resultRoutes(ctx));
  };
