// Who may call the alerts and notification routes.
import { EVERYONE, type RouteTable, type Who } from './rules.js';

const CONFIGURE: Who[] = ['hr', 'admin'];

export const alertsRoutes: RouteTable = {
  'GET /api/notifications': { allow: EVERYONE },
  'GET /api/notifications/unread-count': { allow: EVERYONE },
  'POST /api/notifications/{id}/read': { allow: EVERYONE },
  'POST /api/notifications/read-all': { allow: EVERYONE },
  'GET /api/notifications/email': { allow: EVERYONE },
  'PUT /api/notifications/email': { allow: EVERYONE, body: { email: 'someone@example.test' } },
  'GET /api/notify/status': { allow: CONFIGURE },
  'GET /api/notify/outbox': { allow: CONFIGURE },
  'POST /api/notify/outbox/{id}/retry': { allow: CONFIGURE },
  'POST /api/notify/test-email': { allow: CONFIGURE, body: { to: 'someone@example.test' } },
  'GET /api/notify/channels': { allow: CONFIGURE },
  'POST /api/notify/channels': {
    allow: CONFIGURE,
    body: { kind: 'webhook', name: 'Hook', url: 'http://127.0.0.1:9/hook' },
  },
  'PATCH /api/notify/channels/{id}': { allow: CONFIGURE, body: { name: 'Renamed' } },
  'DELETE /api/notify/channels/{id}': { allow: CONFIGURE },
  'POST /api/notify/channels/{id}/test': { allow: CONFIGURE },
};
