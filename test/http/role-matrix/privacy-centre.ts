// Who may call the privacy centre routes.
import type { RouteTable } from './rules.js';

export const privacyCentreRoutes: RouteTable = {};
