// Who may call the alerts and notification routes.
import { EVERYONE, type RouteTable, type Who } from './rules.js';

const CONFIGURE: Who[] = ['hr', 'admin'];
const READ: Who[] = ['manager', 'auditor', 'hr', 'admin'];
const MANAGE: Who[] = ['manager', 'hr', 'admin'];

export const alertsRoutes: RouteTable = {
  'GET /api/alerts': { allow: READ },
  'GET /api/alerts/summary': { allow: READ },
  'GET /api/alerts/settings': { allow: CONFIGURE },
  'PUT /api/alerts/settings': { allow: CONFIGURE, body: { detectors: { lowMargin: { margin: 0.03 } } } },
  'POST /api/alerts/scan': { allow: CONFIGURE },
  'GET /api/alerts/recipients': { allow: CONFIGURE },
  'GET /api/alerts/{id}': { allow: READ },
  'POST /api/alerts/{id}/status': { allow: MANAGE, body: { status: 'acknowledged' } },
  'POST /api/alerts/{id}/notes': { allow: MANAGE, body: { note: 'checked' } },
  'GET /api/alerts/{id}/evidence': { allow: CONFIGURE, query: '?punchId=1' },
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
