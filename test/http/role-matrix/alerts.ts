// Who may call the alerts routes.
import type { RouteTable } from './rules.js';

export const alertsRoutes: RouteTable = {};
