// Who may call the workspace routes.
import type { RouteTable } from './rules.js';

export const workspaceRoutes: RouteTable = {};
