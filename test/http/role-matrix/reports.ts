// Who may call the reports routes.
import type { RouteTable } from './rules.js';

export const reportsRoutes: RouteTable = {};
