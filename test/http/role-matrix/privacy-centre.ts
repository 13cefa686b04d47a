// Who may call the privacy centre routes: consent notices and records, the impact assessment, the status page,
// maintenance mode and the maintenance log.
import { EVERYONE, type RouteTable, type Who } from './rules.js';

const CONSENT_READ: Who[] = ['auditor', 'hr', 'admin'];
const MANAGE: Who[] = ['hr', 'admin'];
const notice = {
  title: 'T',
  purpose: 'P',
  data: 'D',
  storage: 'S',
  retention: 'R',
  access: 'A',
  rights: 'G',
};

export const privacyCentreRoutes: RouteTable = {
  'GET /api/consent/notices': { allow: CONSENT_READ },
  'GET /api/consent/notices/current': { allow: EVERYONE },
  'GET /api/consent/notices/template': { allow: MANAGE },
  'GET /api/consent/notice-versions/{version}': { allow: EVERYONE },
  'POST /api/consent/notices': {
    allow: MANAGE,
    body: () => ({
      version: `m${Math.floor(Math.random() * 1e9)}`,
      content: { 'zh-CN': notice, en: notice },
    }),
  },
  'PUT /api/consent/notices/{id}': { allow: MANAGE, body: { content: { 'zh-CN': notice, en: notice } } },
  'DELETE /api/consent/notices/{id}': { allow: MANAGE },
  'POST /api/consent/notices/{id}/publish': { allow: MANAGE },
  'GET /api/consent/records': { allow: CONSENT_READ },
  'GET /api/consent/records/export': { allow: CONSENT_READ },
  'GET /api/me/consent': { allow: EVERYONE },
  'POST /api/me/consent': { allow: EVERYONE, body: { noticeVersion: 'matrix' } },
  'POST /api/me/consent/withdraw': { allow: EVERYONE },
  'GET /api/privacy/impact-assessment': { allow: CONSENT_READ },
  'GET /api/privacy/purge/preview': { allow: CONSENT_READ },
  'GET /api/operations/status': { allow: CONSENT_READ },
  'GET /api/maintenance': { allow: 'public' },
  'POST /api/operations/maintenance/start': {
    allow: MANAGE,
    // A planned end in the past is refused after the permission check, so the mode never stays on.
    body: { title: 'Matrix', plannedEnd: '2000-01-01T00:00:00Z' },
  },
  'POST /api/operations/maintenance/end': { allow: MANAGE },
  'GET /api/operations/maintenance-log': { allow: CONSENT_READ },
  'POST /api/operations/maintenance-log': { allow: MANAGE, body: { kind: 'drill', title: 'Matrix drill' } },
  'PUT /api/operations/maintenance-log/{id}': { allow: MANAGE, body: { title: 'Matrix' } },
  'GET /api/operations/maintenance-log/export': { allow: CONSENT_READ },
};
