// Calls every route of the API with every role, and with no session, and checks allowed/denied against one
// table. A route that is not in the table fails the test, so nobody adds a route without deciding who may call it.
// 'device' is a paired kiosk calling with its device token (x-device-token) and no session.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { alertsRoutes } from './role-matrix/alerts.js';
import { assessmentRoutes } from './role-matrix/assessment.js';
import { operationsRoutes } from './role-matrix/operations.js';
import { privacyCentreRoutes } from './role-matrix/privacy-centre.js';
import { reportsRoutes } from './role-matrix/reports.js';
import { DEVICE, EVERYONE, type Rule, type Who } from './role-matrix/rules.js';
import { workspaceRoutes } from './role-matrix/workspace.js';

const ORG_WRITE: Who[] = ['hr', 'admin'];
const ORG_READ: Who[] = ['manager', 'auditor', 'hr', 'admin'];
const site = () => ({ name: `Site ${Math.random()}`, timeZone: 'Asia/Shanghai' });
const ATT_READ: Who[] = ['manager', 'auditor', 'hr', 'admin'];
const ATT_CONF: Who[] = ['hr', 'admin'];
const APPROVE: Who[] = ['manager', 'hr', 'admin'];

const CORE_TABLE: Record<string, Rule> = {
  'GET /api/health': { allow: 'public' },
  'GET /api/setup/status': { allow: 'public' },
  'POST /api/setup': { allow: 'public', body: { username: 'someone', password: 'Some-pass-123' } },
  'POST /api/auth/login': { allow: 'public', body: { username: 'nobody', password: 'x' } },
  'GET /api/auth/me': { allow: EVERYONE },
  'POST /api/auth/logout': { allow: EVERYONE, endsSession: true },
  'POST /api/auth/logout-all': { allow: EVERYONE, endsSession: true },
  'GET /api/auth/sessions': { allow: EVERYONE },
  'DELETE /api/auth/sessions/{sessionId}': { allow: EVERYONE },
  'POST /api/auth/password': {
    allow: EVERYONE,
    body: { currentPassword: 'wrong-one-1', newPassword: 'New-pass-2026' },
  },
  'GET /api/users': { allow: ['auditor', 'admin'] },
  'POST /api/users': {
    allow: ['admin'],
    body: { username: 'u-x', password: 'User-pass-2026', roles: ['employee'] },
  },
  'PATCH /api/users/{id}': { allow: ['admin'], body: { displayName: 'X' } },
  'POST /api/users/{id}/reset-password': { allow: ['admin'], body: { newPassword: 'Reset-pass-2026' } },
  'GET /api/sites': { allow: ORG_READ },
  'POST /api/sites': { allow: ORG_WRITE, body: site },
  'PATCH /api/sites/{id}': { allow: ORG_WRITE, body: { address: 'Somewhere' } },
  'DELETE /api/sites/{id}': { allow: ORG_WRITE },
  'GET /api/departments': { allow: ORG_READ },
  'POST /api/departments': { allow: ORG_WRITE, body: { name: 'Dept' } },
  'PATCH /api/departments/{id}': { allow: ORG_WRITE, body: { name: 'Renamed' } },
  'DELETE /api/departments/{id}': { allow: ORG_WRITE },
  'GET /api/positions': { allow: ORG_READ },
  'POST /api/positions': { allow: ORG_WRITE, body: () => ({ name: `Pos ${Math.random()}` }) },
  'PATCH /api/positions/{id}': { allow: ORG_WRITE, body: { name: 'Renamed' } },
  'DELETE /api/positions/{id}': { allow: ORG_WRITE },
  'GET /api/employees': { allow: ORG_READ },
  'GET /api/employees/{id}': { allow: ORG_READ },
  'POST /api/employees': {
    allow: ORG_WRITE,
    body: () => ({ employeeNo: `E${Math.floor(Math.random() * 1e9)}`, name: 'Someone' }),
  },
  'PATCH /api/employees/{id}': { allow: ORG_WRITE, body: { name: 'Renamed' } },
  'DELETE /api/employees/{id}': { allow: ORG_WRITE },
  'PUT /api/employees/{id}/pin': { allow: ORG_WRITE, body: { pin: '123456' } },
  'POST /api/imports/{kind}/preview': { allow: ORG_WRITE, multipart: true },
  'POST /api/imports/{kind}/commit': { allow: ORG_WRITE, multipart: true },
  'GET /api/exports/{kind}': { allow: ORG_WRITE },
  'GET /api/audit': { allow: ['auditor', 'admin'] },
  'GET /api/audit/verify': { allow: ['auditor', 'admin'] },
  'GET /api/tasks': { allow: EVERYONE },
  'GET /api/tasks/{id}': { allow: EVERYONE },
  'GET /api/tasks/{id}/download': { allow: EVERYONE },
  'GET /api/employees/{id}/faces': { allow: ['auditor', 'hr', 'admin'] },
  'POST /api/employees/{id}/faces': { allow: ORG_WRITE, multipart: true },
  'DELETE /api/employees/{id}/faces': { allow: ORG_WRITE },
  'DELETE /api/employees/{id}/faces/{faceId}': { allow: ORG_WRITE },
  'POST /api/faces/identify': { allow: ['hr', 'admin'], multipart: true },
  'GET /api/faces/status': { allow: ['auditor', 'hr', 'admin'] },
  'POST /api/faces/bulk': { allow: ['hr', 'admin'], multipart: true },
  'POST /api/faces/reenroll': { allow: ['hr', 'admin'] },
  'GET /api/faces/settings': { allow: ['auditor', 'hr', 'admin'] },
  'PUT /api/faces/settings': { allow: ['admin'], body: { keepEnrollmentPhotos: false } },
  'GET /api/employees/{id}/consent': { allow: ['auditor', 'hr', 'admin'] },
  'POST /api/employees/{id}/consent': { allow: ORG_WRITE, multipart: true },
  'POST /api/employees/{id}/consent/withdraw': { allow: ORG_WRITE },
  'GET /api/employees/{id}/consent/{consentId}/document': { allow: ['auditor', 'hr', 'admin'] },
  'GET /api/devices': { allow: ['auditor', 'hr', 'admin'] },
  'POST /api/devices': { allow: ['admin'], body: { name: 'Matrix kiosk' } },
  'PATCH /api/devices/{id}': { allow: ['admin'], body: { name: 'Renamed' } },
  'POST /api/devices/{id}/pairing': { allow: ['admin'] },
  'POST /api/devices/{id}/revoke': { allow: ['admin'] },
  'GET /api/devices/alerts': { allow: ['auditor', 'hr', 'admin'] },
  'GET /api/devices/settings': { allow: ['auditor', 'hr', 'admin'] },
  'PATCH /api/devices/settings': { allow: ['admin'], body: { repeatWindowMinutes: 5 } },
  'POST /api/kiosk/pair': { allow: 'public', body: { code: '0000-0000' } },
  'GET /api/kiosk/config': { allow: DEVICE },
  'POST /api/kiosk/heartbeat': { allow: DEVICE, body: () => ({ sentAt: new Date().toISOString() }) },
  'POST /api/kiosk/punches': {
    allow: DEVICE,
    body: () => ({
      method: 'pin',
      idempotencyKey: `matrix-${Math.random().toString(36).slice(2)}`,
      capturedAt: new Date().toISOString(),
      sentAt: new Date().toISOString(),
      employeeNo: 'E1',
      pin: '0000',
    }),
  },
  'GET /api/punches': { allow: ['manager', 'auditor', 'hr', 'admin'] },
  'GET /api/punches/live': { allow: ['manager', 'auditor', 'hr', 'admin'], stream: true },
  'GET /api/me/punch-code': { allow: EVERYONE },
  'GET /api/privacy/retention': { allow: ['auditor', 'hr', 'admin'] },
  'PUT /api/privacy/retention': { allow: ['hr', 'admin'], body: { recordYears: 3 } },
  'POST /api/privacy/purge': { allow: ['hr', 'admin'] },
  'GET /api/privacy/purge-reports': { allow: ['auditor', 'hr', 'admin'] },
  'GET /api/privacy/legal-holds': { allow: ['auditor', 'hr', 'admin'] },
  'POST /api/privacy/legal-holds': { allow: ['hr', 'admin'], body: { employeeId: 999999, reason: 'matrix' } },
  'DELETE /api/privacy/legal-holds/{id}': { allow: ['hr', 'admin'] },
  'GET /api/me/data-export': { allow: EVERYONE },
  'GET /api/employees/{id}/data-export': { allow: ['hr', 'admin'] },
  'GET /api/me/privacy-requests': { allow: EVERYONE },
  'POST /api/me/privacy-requests': { allow: EVERYONE, body: { kind: 'correction', details: 'matrix' } },
  'GET /api/privacy/requests': { allow: ['auditor', 'hr', 'admin'] },
  'POST /api/privacy/requests/{id}/decide': {
    allow: ['hr', 'admin'],
    body: { decision: 'rejected', resolution: 'matrix' },
  },
  'GET /api/attendance/shifts': { allow: ATT_READ },
  'POST /api/attendance/shifts': {
    allow: ATT_CONF,
    body: () => ({
      code: `m${Math.floor(Math.random() * 1e9)}`,
      name: 'Matrix',
      definition: { kind: 'fixed', segments: [{ start: '09:00', end: '18:00' }] },
    }),
  },
  'PATCH /api/attendance/shifts/{id}': { allow: ATT_CONF, body: { name: 'Renamed' } },
  'DELETE /api/attendance/shifts/{id}': { allow: ATT_CONF },
  'GET /api/attendance/groups': { allow: ATT_READ },
  'GET /api/attendance/groups/{id}': { allow: ATT_READ },
  'POST /api/attendance/groups': {
    allow: ATT_CONF,
    body: () => ({ name: `Group ${Math.random()}`, zone: 'Asia/Shanghai' }),
  },
  'PATCH /api/attendance/groups/{id}': { allow: ATT_CONF, body: { name: 'Renamed' } },
  'DELETE /api/attendance/groups/{id}': { allow: ATT_CONF },
  'PUT /api/attendance/groups/{id}/members': { allow: ATT_CONF, body: { members: [] } },
  'GET /api/attendance/groups/{id}/schedule': { allow: ATT_READ, query: '?from=2025-10-01&to=2025-10-31' },
  'PUT /api/attendance/groups/{id}/overrides': {
    allow: ATT_CONF,
    body: { remove: [{ date: '2025-10-01' }] },
  },
  'GET /api/attendance/settings': { allow: ATT_READ },
  'PATCH /api/attendance/settings': { allow: ATT_CONF, body: { correctionDeadlineDays: 7 } },
  'GET /api/attendance/calendars': { allow: ATT_READ },
  'POST /api/attendance/calendars': { allow: ATT_CONF, body: () => ({ name: `Cal ${Math.random()}` }) },
  'PATCH /api/attendance/calendars/{id}': { allow: ATT_CONF, body: { name: 'Renamed' } },
  'DELETE /api/attendance/calendars/{id}': { allow: ATT_CONF },
  'GET /api/attendance/calendars/{id}/year': { allow: ATT_READ, query: '?year=2025' },
  'PUT /api/attendance/calendars/{id}/year': { allow: ATT_CONF, query: '?year=2025', body: { daysOff: [] } },
  'POST /api/attendance/calendars/{id}/import': {
    allow: ATT_CONF,
    query: '?year=2025&format=csv',
    multipart: true,
  },
  'GET /api/attendance/calendars/{id}/export': { allow: ATT_READ, query: '?year=2025&format=csv' },
  'GET /api/attendance/leave-types': { allow: EVERYONE },
  'POST /api/attendance/leave-types': {
    allow: ATT_CONF,
    body: () => ({
      code: `l${Math.floor(Math.random() * 1e9)}`,
      name: 'Matrix leave',
      unit: 'day',
      paid: true,
    }),
  },
  'PATCH /api/attendance/leave-types/{id}': { allow: ATT_CONF, body: { name: 'Renamed' } },
  'GET /api/attendance/balances': { allow: EVERYONE },
  'GET /api/attendance/balances/{id}/ledger': { allow: EVERYONE },
  'POST /api/attendance/balances/adjust': {
    allow: ATT_CONF,
    body: { employeeId: 999999, leaveType: 'annual', year: 2025, grantedDelta: 1, note: 'matrix' },
  },
  'POST /api/attendance/balances/accrue': { allow: ATT_CONF, body: { year: 2025 } },
  'GET /api/attendance/profiles/{id}': { allow: EVERYONE },
  'PUT /api/attendance/profiles/{id}': { allow: ATT_CONF, body: { firstWorkDate: null } },
  'GET /api/attendance/requests': { allow: EVERYONE },
  'POST /api/attendance/requests': {
    allow: ['employee', 'manager', 'hr', 'admin'],
    body: { kind: 'fieldWork', startDate: '2025-10-01', endDate: '2025-10-01' },
  },
  'GET /api/attendance/requests/{id}': { allow: EVERYONE },
  'POST /api/attendance/requests/{id}/approve': { allow: APPROVE },
  'POST /api/attendance/requests/{id}/reject': { allow: APPROVE },
  'POST /api/attendance/requests/{id}/cancel': { allow: EVERYONE },
  'POST /api/attendance/requests/{id}/comments': { allow: EVERYONE, body: { text: 'matrix' } },
  'POST /api/attendance/requests/{id}/attachments': { allow: EVERYONE, multipart: true },
  'GET /api/attendance/attachments/{id}': { allow: EVERYONE },
  'GET /api/attendance/approvals': { allow: APPROVE },
  'POST /api/attendance/approvals/bulk': { allow: APPROVE, body: { ids: [999999], decision: 'approve' } },
  'GET /api/attendance/grid': { allow: ATT_READ, query: '?month=2025-10' },
  'GET /api/attendance/day': { allow: EVERYONE, query: '?employeeId=999999&date=2025-10-01' },
  'POST /api/attendance/punches': {
    allow: ATT_CONF,
    body: { employeeId: 999999, at: '2025-10-01T01:00:00Z', note: 'matrix' },
  },
  'POST /api/attendance/recompute': {
    allow: ATT_CONF,
    body: { from: '2025-10-01', to: '2025-10-01', employeeIds: [999999] },
  },
  'POST /api/attendance/preview': { allow: ATT_CONF, body: { draft: {} } },
  'GET /api/attendance/months': { allow: ATT_READ, query: '?year=2025' },
  'POST /api/attendance/months/close': { allow: ATT_CONF, body: { month: '2025-01' } },
  'POST /api/attendance/months/reopen': { allow: ATT_CONF, body: { month: '2025-02', reason: 'matrix' } },
  'GET /api/attendance/months/summary': { allow: ATT_READ, query: '?month=2025-10' },
};

/** The core table and every area's table; a route named twice is a mistake. */
const AREA_TABLES = [
  reportsRoutes,
  workspaceRoutes,
  alertsRoutes,
  assessmentRoutes,
  privacyCentreRoutes,
  operationsRoutes,
];
const TABLE: Record<string, Rule> = { ...CORE_TABLE };
for (const area of AREA_TABLES) {
  for (const [route, rule] of Object.entries(area)) {
    if (route in TABLE) throw new Error(`${route} is in the role table twice`);
    TABLE[route] = rule;
  }
}

let server: TestServer;
let deviceToken = '';
const sessions = new Map<Who, { cookie: string; csrf: string }>();
const passwords: Record<Exclude<Who, 'none' | 'device'>, [string, string]> = {
  admin: [ADMIN.username, ADMIN.password],
  hr: ['hr1', 'Hr-pass-2026'],
  manager: ['mgr1', 'Mgr-pass-2026'],
  auditor: ['aud1', 'Aud-pass-2026'],
  employee: ['emp1', 'Emp-pass-2026'],
};

async function login(who: Exclude<Who, 'none' | 'device'>) {
  const [username, password] = passwords[who];
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(res.status, 200, `login as ${who}`);
  const cookie = /fc_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  sessions.set(who, { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken });
}

before(async () => {
  server = await startTestServer();
  const admin = await adminClient(server);
  const parent = (await admin.post('/api/departments', { name: 'Parent', code: 'P' })).body;
  const child = (await admin.post('/api/departments', { name: 'Child', code: 'C', parentId: parent.id }))
    .body;
  const employee = (
    await admin.post('/api/employees', { employeeNo: 'E1', name: 'Emp One', departmentId: child.id })
  ).body;
  const mk = async (who: Exclude<Who, 'none' | 'admin' | 'device'>, extra: object = {}) => {
    const [username, password] = passwords[who];
    const res = await admin.post('/api/users', { username, password, roles: [who], ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  };
  await mk('hr');
  await mk('manager', { managedDepartmentIds: [parent.id] });
  await mk('auditor');
  await mk('employee', { employeeId: employee.id });
  for (const who of Object.keys(passwords) as Exclude<Who, 'none' | 'device'>[]) await login(who);
  const kiosk = (await admin.post('/api/devices', { name: 'Matrix door' })).body;
  const paired = await fetch(`${server.url}/api/kiosk/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: kiosk.pairing.code }),
  });
  deviceToken = ((await paired.json()) as { token: string }).token;
});

after(async () => {
  await server?.stop();
});

function concrete(path: string): string {
  return path
    .replace('{id}', '999999')
    .replace('{kind}', 'employees')
    .replace('{sessionId}', 'abcdef0123456789');
}

async function call(method: string, path: string, rule: Rule, who: Who) {
  const session = who === 'none' || who === 'device' ? undefined : sessions.get(who);
  const headers: Record<string, string> = {};
  if (who === 'device') headers['x-device-token'] = deviceToken;
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrf;
  }
  let body: BodyInit | undefined;
  if (rule.multipart) {
    const form = new FormData();
    form.append('file', new Blob(['employee_no,name\nM1,Matrix\n']), 'employees.csv');
    body = form;
  } else if (method !== 'GET' && method !== 'DELETE') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(typeof rule.body === 'function' ? rule.body() : (rule.body ?? {}));
  }
  const abort = new AbortController();
  const res = await fetch(server.url + concrete(path) + (rule.query ?? ''), {
    method,
    headers,
    body,
    signal: abort.signal,
  });
  if (rule.stream && res.status === 200) abort.abort();
  else await res.arrayBuffer();
  if (rule.endsSession && who !== 'none' && who !== 'device' && res.status < 400) await login(who);
  return res.status;
}

test('every route is in the role table, and the table names no route that is gone', async () => {
  const spec = server.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const routes = Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
  const missing = routes.filter((r) => !(r in TABLE));
  assert.deepEqual(missing, [], 'routes without a row in the role table');
  const stale = Object.keys(TABLE).filter((r) => !routes.includes(r));
  assert.deepEqual(stale, [], 'rows in the role table for routes that no longer exist');
});

test('each role gets exactly the access the table gives it', async () => {
  const wrong: string[] = [];
  for (const [route, rule] of Object.entries(TABLE)) {
    const [method, path] = route.split(' ');
    // A caller without the kind of credential the route takes (a session, or a device token) gets 401.
    const deviceRoute = rule.allow !== 'public' && rule.allow.every((w) => w === 'device');
    for (const who of ['none', ...EVERYONE, 'device'] as Who[]) {
      const status = await call(method, path, rule, who);
      const allowed = rule.allow === 'public' || (who !== 'none' && rule.allow.includes(who));
      const denied = status === 401 || status === 403;
      const unauthenticated = who === 'none' || deviceRoute !== (who === 'device');
      const expectedDenied = unauthenticated ? status === 401 : status === 403;
      if (allowed && denied && !(route === 'POST /api/auth/login' && status === 401)) {
        wrong.push(`${route} as ${who}: ${status}, expected access`);
      }
      if (!allowed && !expectedDenied)
        wrong.push(`${route} as ${who}: ${status}, expected ${unauthenticated ? 401 : 403}`);
      if (status >= 500) wrong.push(`${route} as ${who}: server error ${status}`);
    }
  }
  assert.deepEqual(wrong, []);
});
