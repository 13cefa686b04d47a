// Who may call the reports routes.
import type { RouteTable, Who } from './rules.js';

/** Reports: HR, admin and auditors see everyone, a manager their departments; employees get none. */
const READERS: Who[] = ['manager', 'auditor', 'hr', 'admin'];
const HR: Who[] = ['hr', 'admin'];
const SCHEDULE = {
  name: 'Matrix',
  report: 'daily',
  format: 'csv',
  frequency: 'daily',
  departmentId: null,
  language: 'en',
  recipients: [1],
  enabled: false,
};

export const reportsRoutes: RouteTable = {
  'GET /api/reports/daily': { allow: READERS, query: '?date=2025-10-01' },
  'GET /api/reports/monthly': { allow: READERS, query: '?month=2025-10' },
  'GET /api/reports/departments': { allow: READERS, query: '?month=2025-10' },
  'GET /api/reports/charts': { allow: READERS, query: '?month=2025-10' },
  'POST /api/reports/exports': {
    allow: READERS,
    body: { report: 'monthly', format: 'csv', month: '2025-10' },
  },
  'GET /api/reports/review': { allow: READERS, query: '?month=2025-10' },
  'POST /api/reports/review/reviewed': { allow: HR, body: { month: '2025-03' } },
  'POST /api/reports/review/unreviewed': { allow: HR, body: { month: '2025-03' } },
  'GET /api/reports/schedules': { allow: HR },
  'GET /api/reports/schedules/recipients': { allow: HR },
  'POST /api/reports/schedules': { allow: HR, body: SCHEDULE },
  'PUT /api/reports/schedules/{id}': { allow: HR, body: SCHEDULE },
  'DELETE /api/reports/schedules/{id}': { allow: HR },
  'POST /api/reports/schedules/{id}/send': { allow: HR },
};
