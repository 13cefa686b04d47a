// The workspace through the real app on a real database: the dashboard's standing of today per department and
// its arrivals, the punch log with its filters, evidence crops only for the roles allowed (each view audited),
// an employee's month as a calendar, and /me — each limited to what HR, a manager and an employee may see.
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read loosely, as a user reads them
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiClient, startTestServer, type TestServer } from '../helpers/server.js';
import { local, MORNING, ok, seedWorkspace } from './workspace-fixtures.js';

let nowMs = MORNING;
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);

let server: TestServer;
let admin: ApiClient;
let hr: ApiClient;
let manager: ApiClient;
let auditor: ApiClient;
let alice: ApiClient;
let deptA: number;
let deptB: number;
let ids: { alice: number; bob: number; carol: number; dan: number };
let evidencePunch = 0;
let plainPunch = 0;

before(async () => {
  server = await startTestServer({}, { now: () => new Date(nowMs) });
  const w = await seedWorkspace(server, JPEG);
  ({ admin, hr, manager, auditor, alice, deptA, deptB, ids, evidencePunch, plainPunch } = w);
});

after(() => server?.stop());

test('the dashboard counts today per department for HR, and only the managed departments for a manager', async () => {
  nowMs = MORNING;
  const d = await ok(await hr.get('/api/dashboard'));
  assert.equal(d.date, '2025-10-20');
  assert.equal(d.total.employees, 4);
  assert.deepEqual(
    [d.total.present, d.total.late, d.total.onLeave, d.total.notYetIn, d.total.absent],
    [1, 1, 1, 1, 0],
  );
  const byName = Object.fromEntries(d.departments.map((x: any) => [x.name, x.counts]));
  assert.deepEqual([byName.Assembly.present, byName.Assembly.late, byName.Assembly.notYetIn], [1, 1, 0]);
  assert.deepEqual([byName.Buying.onLeave, byName.Buying.notYetIn, byName.Buying.present], [1, 1, 0]);
  // Arrivals per ten minutes of local time, empty buckets between included.
  assert.deepEqual(d.arrivals, [
    { time: '08:50', count: 1 },
    { time: '09:00', count: 0 },
    { time: '09:10', count: 0 },
    { time: '09:20', count: 1 },
  ]);
  assert.deepEqual(d.kiosks, { online: 0, total: 0 });
  assert.equal(d.alerts.open, 0);
  assert.deepEqual(d.alerts.bySeverity, { info: 0, warning: 0, critical: 0 });
  assert.ok(d.approvals.waiting >= 1, 'Bob’s field work waits for a decision HR may take');

  const m = await ok(await manager.get('/api/dashboard'));
  assert.equal(m.total.employees, 2, 'the manager sees Assembly only');
  assert.deepEqual(
    m.departments.map((x: any) => x.name),
    ['Assembly'],
  );
  assert.equal(m.kiosks, null, 'a manager does not see the kiosks');
  assert.equal(m.alerts.open, 0, 'a manager sees the open alerts of their departments');
  assert.equal(m.approvals.waiting, 1, 'Bob’s field work is the manager’s step');
  assert.equal(m.arrivals.length, 4);

  assert.equal((await alice.get('/api/dashboard')).status, 403);
});

test('a figure of the dashboard opens the names behind it, within the reader’s scope', async () => {
  nowMs = MORNING;
  const names = async (client: ApiClient, query: string) =>
    (await ok(await client.get(`/api/dashboard/people?${query}`))).map((p: any) => p.name);
  assert.deepEqual(await names(hr, 'state=notYetIn'), ['Carol']);
  assert.deepEqual(await names(hr, `state=onLeave&departmentId=${deptB}`), ['Dan']);
  assert.deepEqual(await names(hr, `state=onLeave&departmentId=${deptA}`), []);
  const late = await ok(await hr.get('/api/dashboard/people?state=late'));
  assert.deepEqual(
    late.map((p: any) => [p.name, p.department, p.punches, p.scheduled]),
    [['Bob', 'Assembly', ['09:23'], '09:00–18:00']],
  );
  assert.deepEqual(await names(manager, 'state=notYetIn'), [], 'Carol is not in the manager’s departments');
  assert.deepEqual(await names(manager, 'state=late'), ['Bob']);
  assert.equal((await alice.get('/api/dashboard/people?state=late')).status, 403);
  assert.equal((await hr.get('/api/dashboard/people?state=sleeping')).status, 400);
});

test('after the scheduled day has ended, someone who never came is absent', async () => {
  nowMs = Date.parse('2025-10-20T11:00:00Z'); // 19:00 in Shanghai
  try {
    const d = await ok(await hr.get('/api/dashboard'));
    assert.equal(d.total.absent, 1);
    assert.equal(d.total.notYetIn, 0);
  } finally {
    nowMs = MORNING;
  }
});

test('the punch log filters by department, method, dates and person, within the reader’s scope', async () => {
  const all = await ok(await hr.get('/api/records/punches'));
  assert.equal(all.total, 6);
  assert.deepEqual(
    all.items.map((p: any) => p.at),
    [...all.items.map((p: any) => p.at)].sort().reverse(),
    'newest first',
  );
  const buying = await ok(await hr.get(`/api/records/punches?departmentId=${deptB}`));
  assert.deepEqual(new Set(buying.items.map((p: any) => p.employee.name)), new Set(['Carol']));
  assert.equal(buying.items.find((p: any) => p.id === evidencePunch).hasEvidence, true);
  assert.equal(buying.items.find((p: any) => p.id === plainPunch).hasEvidence, false);
  const faces = await ok(await hr.get('/api/records/punches?method=face'));
  assert.equal(faces.total, 2);
  const day = await ok(await hr.get('/api/records/punches?from=2025-10-14&to=2025-10-14'));
  assert.deepEqual(
    day.items.map((p: any) => p.employee.name),
    ['Alice', 'Alice'],
  );
  const paged = await ok(await hr.get('/api/records/punches?limit=2&offset=2'));
  assert.equal(paged.total, 6);
  assert.deepEqual(
    paged.items.map((p: any) => p.id),
    all.items.slice(2, 4).map((p: any) => p.id),
  );
  const bob = await ok(await hr.get(`/api/records/punches?employeeId=${ids.bob}`));
  assert.deepEqual(
    bob.items.map((p: any) => p.employee.name),
    ['Bob'],
  );

  const mine = await ok(await manager.get('/api/records/punches'));
  assert.equal(mine.total, 4);
  assert.ok(mine.items.every((p: any) => p.department.name === 'Assembly'));
  assert.equal((await manager.get(`/api/records/punches?departmentId=${deptB}`)).status, 403);
  const carol = await ok(await manager.get(`/api/records/punches?employeeId=${ids.carol}`));
  assert.equal(carol.total, 0, 'a manager asking for someone outside their departments gets nothing');
  assert.equal((await alice.get('/api/records/punches')).status, 403);
  assert.equal((await hr.get('/api/records/punches?from=2025-13-40')).status, 400);
});

test('evidence crops open for HR and auditors only, and every view is in the audit log', async () => {
  const res = await fetch(`${server.url}/api/records/punches/${evidencePunch}/evidence`, {
    headers: { cookie: auditor.cookie },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/jpeg');
  assert.deepEqual(new Uint8Array(await res.arrayBuffer()), JPEG);
  assert.equal((await hr.get(`/api/records/punches/${evidencePunch}/evidence`)).status, 200);
  assert.equal((await manager.get(`/api/records/punches/${evidencePunch}/evidence`)).status, 403);
  assert.equal((await alice.get(`/api/records/punches/${evidencePunch}/evidence`)).status, 403);
  assert.equal((await hr.get(`/api/records/punches/${plainPunch}/evidence`)).status, 404);

  const log = await ok(await admin.get('/api/audit?action=punch.evidence_viewed'));
  const views = log.items.filter((e: any) => e.targetId === String(evidencePunch));
  assert.deepEqual(views.map((e: any) => e.actorName).sort(), ['aud1', 'hr1']);
});

test('an employee’s month as a calendar: statuses and explanations, and only for those who may see them', async () => {
  const cal = await ok(await alice.get('/api/records/calendar?month=2025-10'));
  assert.equal(cal.employee.name, 'Alice');
  assert.equal(cal.days.length, 31);
  const day14 = cal.days.find((d: any) => d.date === '2025-10-14');
  assert.ok(day14.statuses.includes('late'));
  assert.equal(day14.lateMinutes, 10);
  assert.deepEqual(day14.punches, ['09:10', '18:02']);
  assert.ok(
    day14.reasons.some((r: any) => /late/i.test(r.text)),
    JSON.stringify(day14.reasons),
  );
  const day15 = cal.days.find((d: any) => d.date === '2025-10-15');
  assert.ok(day15.statuses.includes('absentFullDay'), 'a workday without punches is absent');
  const day18 = cal.days.find((d: any) => d.date === '2025-10-18');
  assert.equal(day18.dayType, 'restDay');
  const day25 = cal.days.find((d: any) => d.date === '2025-10-25');
  assert.equal(day25.evaluated, false, 'days after today are not evaluated');
  assert.ok(cal.summary.late >= 1);

  const zh = new ApiClient(server.url, 'zh-CN');
  await zh.login('alice', 'Alice-pass-2026');
  const zhCal = await ok(await zh.get('/api/records/calendar?month=2025-10'));
  const zh14 = zhCal.days.find((d: any) => d.date === '2025-10-14');
  assert.match(zh14.reasons.map((r: any) => r.text).join(' '), /[\u4e00-\u9fff]/, 'explanations in Chinese');

  assert.equal((await alice.get(`/api/records/calendar?month=2025-10&employeeId=${ids.bob}`)).status, 403);
  assert.equal((await manager.get(`/api/records/calendar?month=2025-10&employeeId=${ids.bob}`)).status, 200);
  assert.equal(
    (await manager.get(`/api/records/calendar?month=2025-10&employeeId=${ids.carol}`)).status,
    403,
  );
  assert.equal((await hr.get(`/api/records/calendar?month=2025-10&employeeId=${ids.carol}`)).status, 200);
  assert.equal((await hr.get('/api/records/calendar?month=2025-10')).status, 400, 'HR is not an employee');
  assert.equal((await hr.get('/api/records/calendar?month=2025-13')).status, 400);
});

test('/me shows my day, my face data and my requests; my punches are only mine', async () => {
  const me = await ok(await alice.get('/api/me/overview'));
  assert.equal(me.employee.name, 'Alice');
  assert.equal(me.today.state, 'present');
  assert.deepEqual(me.today.punches, ['08:55']);
  assert.equal(me.today.scheduled, '09:00–18:00');
  assert.deepEqual(me.face, { enrolled: false, templates: 0, consent: null });
  assert.equal(me.requests.pending, 0);

  const punches = await ok(await alice.get('/api/me/punches?month=2025-10'));
  assert.deepEqual(
    punches.items.map((p: any) => p.at),
    [local('2025-10-14', '09:10'), local('2025-10-14', '18:02'), local('2025-10-20', '08:55')].map((s) =>
      new Date(s).toISOString(),
    ),
  );
  const september = await ok(await alice.get('/api/me/punches?month=2025-09'));
  assert.equal(september.items.length, 0);

  const hrMe = await ok(await hr.get('/api/me/overview'));
  assert.equal(hrMe.employee, null, 'an account without an employee record has no day');
  assert.equal((await hr.get('/api/me/punches?month=2025-10')).body.items.length, 0);
});
