// Reports e-mailed on a schedule: placeholder until the schedule service lands.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServiceContext } from '../../../services/context.js';

export const scheduleRoutes =
  (_ctx: ServiceContext): FastifyPluginAsyncTypebox =>
  async () => {};
