// Who may call the assessment routes.
import type { RouteTable } from './rules.js';

export const assessmentRoutes: RouteTable = {};
