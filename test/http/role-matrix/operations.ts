// Who may call the operations routes.
import type { RouteTable } from './rules.js';

export const operationsRoutes: RouteTable = {};
