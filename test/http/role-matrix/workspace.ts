// Who may call the workspace routes: the dashboard, records, self-service, announcements and feedback.
import { EVERYONE, type RouteTable, type Who } from './rules.js';

const READERS: Who[] = ['manager', 'auditor', 'hr', 'admin'];
const HR: Who[] = ['hr', 'admin'];

export const workspaceRoutes: RouteTable = {
  'GET /api/dashboard': { allow: READERS },
  'GET /api/dashboard/people': { allow: READERS, query: '?state=notYetIn' },
  'GET /api/records/punches': { allow: READERS },
  'GET /api/records/punches/{id}/evidence': { allow: ['auditor', 'hr', 'admin'] },
  'GET /api/records/calendar': { allow: EVERYONE, query: '?month=2025-10' },
  'GET /api/me/overview': { allow: EVERYONE },
  'GET /api/me/punches': { allow: EVERYONE, query: '?month=2025-10' },
  'GET /api/announcements': { allow: EVERYONE },
  'POST /api/announcements': {
    allow: HR,
    body: { kind: 'system', title: 'Matrix', body: 'Matrix announcement' },
  },
  'GET /api/announcements/{id}': { allow: EVERYONE },
  'POST /api/announcements/{id}/read': { allow: EVERYONE },
  'POST /api/announcements/{id}/withdraw': { allow: HR },
  'GET /api/announcements/{id}/receipts': { allow: HR },
  'GET /api/feedback': { allow: EVERYONE },
  'POST /api/feedback': { allow: EVERYONE, body: { category: 'question', subject: 'Matrix', body: 'Why?' } },
  'GET /api/feedback/{id}': { allow: EVERYONE },
  'POST /api/feedback/{id}/answer': { allow: HR, body: { answer: 'Because.' } },
};
