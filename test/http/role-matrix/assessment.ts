// Who may call the assessment and appeal routes.
import { EVERYONE, type RouteTable, type Who } from './rules.js';

const READ: Who[] = ['manager', 'auditor', 'hr', 'admin'];
const MANAGE: Who[] = ['hr', 'admin'];
const DECIDE: Who[] = ['manager', 'hr', 'admin'];
const month = { month: '2025-03' };

export const assessmentRoutes: RouteTable = {
  'GET /api/assessment/settings': { allow: READ },
  'PUT /api/assessment/settings': { allow: MANAGE, body: { maskNames: true } },
  'GET /api/assessment/cycles': { allow: READ, query: '?year=2025' },
  'GET /api/assessment/cycle': { allow: READ, query: '?month=2025-03' },
  'POST /api/assessment/compute': { allow: MANAGE, body: month },
  'POST /api/assessment/review': { allow: MANAGE, body: month },
  'POST /api/assessment/publish': { allow: MANAGE, body: month },
  'POST /api/assessment/close': { allow: MANAGE, body: month },
  'POST /api/assessment/reopen': { allow: MANAGE, body: { month: '2025-03', reason: 'matrix' } },
  'GET /api/assessment/results': { allow: READ, query: '?month=2025-03' },
  'GET /api/assessment/export': { allow: READ, query: '?month=2025-03&kind=ledger&format=csv' },
  // Everyone reads their own statement and the public list of a published month (404 until then).
  'GET /api/assessment/statement': { allow: EVERYONE, query: '?month=2025-03' },
  'GET /api/assessment/statement/pdf': { allow: EVERYONE, query: '?month=2025-03' },
  'GET /api/me/statements': { allow: EVERYONE },
  'GET /api/assessment/publications': { allow: EVERYONE },
  'GET /api/assessment/publication': { allow: EVERYONE, query: '?month=2025-03' },
  'POST /api/appeals': { allow: EVERYONE, body: { target: 'month', month: '2025-03', reason: 'matrix' } },
  'GET /api/appeals': { allow: EVERYONE },
  'GET /api/appeals/{id}': { allow: EVERYONE },
  'POST /api/appeals/{id}/decide': { allow: DECIDE, body: { decision: 'uphold' } },
  'POST /api/appeals/{id}/withdraw': { allow: EVERYONE },
  'POST /api/appeals/{id}/comments': { allow: EVERYONE, body: { text: 'matrix' } },
  'POST /api/appeals/{id}/attachments': { allow: EVERYONE, multipart: true },
  'GET /api/appeals/attachments/{id}': { allow: EVERYONE },
};
