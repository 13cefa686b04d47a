// Scheduled reports on a real database: HR schedules a report for chosen users; the morning job e-mails each
// recipient the report as they may see it (a manager: their departments) once per period, with an in-app
// notice; a recipient who may not read reports gets nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runDueSchedules } from '../../src/services/reports/schedules.service.js';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

const NOW = new Date('2025-10-20T10:00:00Z');

let server: TestServer;
let hr: ApiClient;
let manager: ApiClient;
const users: Record<string, number> = {};
let deptA: number;

interface StoredMail {
  to: string[];
  subject: string;
  text: string;
  attachments?: { filename: string; content: string; contentType?: string }[];
}

async function mails(): Promise<StoredMail[]> {
  const rows = await server.ctx.db.kysely
    .selectFrom('notify_outbox')
    .select('payload')
    .where('channel', '=', 'email')
    .orderBy('id')
    .execute();
  return rows.map((r) => JSON.parse(r.payload) as StoredMail);
}

/** The scheduler's context on another day (Shanghai time 08:00). */
const on = (date: string) => ({ ...server.ctx, now: () => new Date(`${date}T00:00:00Z`) });

before(async () => {
  server = await startTestServer({}, { now: () => NOW });
  const admin = await adminClient(server);
  deptA = (await admin.post('/api/departments', { name: '装配部', code: 'A' })).body.id;
  const deptB = (await admin.post('/api/departments', { name: '采购部', code: 'B' })).body.id;
  const alice = (
    await admin.post('/api/employees', {
      employeeNo: 'A1',
      name: '张伟',
      departmentId: deptA,
      hireDate: '2020-01-01',
    })
  ).body.id;
  await admin.post('/api/employees', {
    employeeNo: 'B1',
    name: '王芳',
    departmentId: deptB,
    hireDate: '2020-01-01',
  });
  const accounts: [string, object][] = [
    ['hr1', { roles: ['hr'] }],
    ['mgr1', { roles: ['manager'], managedDepartmentIds: [deptA] }],
    ['alice', { roles: ['employee'], employeeId: alice }],
  ];
  for (const [username, extra] of accounts) {
    const res = await admin.post('/api/users', { username, password: 'Pass-word-2026', ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    users[username] = res.body.id;
    await server.ctx.db.kysely
      .updateTable('users')
      .set({ email: `${username}@example.com` })
      .where('id', '=', res.body.id)
      .execute();
  }
  hr = new ApiClient(server.url);
  await hr.login('hr1', 'Pass-word-2026');
  manager = new ApiClient(server.url);
  await manager.login('mgr1', 'Pass-word-2026');
});

after(() => server?.stop());

test('only HR schedules reports; the recipient list holds users who may read reports', async () => {
  assert.equal((await manager.get('/api/reports/schedules')).status, 403);
  const recipients = (await hr.get('/api/reports/schedules/recipients')).body as { username: string }[];
  const names = recipients.map((r) => r.username);
  assert.ok(names.includes('hr1') && names.includes('mgr1'));
  assert.ok(!names.includes('alice'), 'an employee gets no reports');
  const empty = await hr.post('/api/reports/schedules', {
    name: 'x',
    report: 'monthly',
    format: 'csv',
    frequency: 'monthly',
    departmentId: null,
    language: 'en',
    recipients: [999_999],
    enabled: true,
  });
  assert.equal(empty.status, 400);
});

test('the monthly schedule e-mails each recipient their own scope once, on the 1st', async () => {
  const created = await hr.post('/api/reports/schedules', {
    name: 'Monthly summary for leads',
    report: 'monthly',
    format: 'csv',
    frequency: 'monthly',
    departmentId: null,
    language: 'zh-CN',
    recipients: [users.hr1, users.mgr1, users.alice],
    enabled: true,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));

  assert.deepEqual(await runDueSchedules(on('2025-11-02')), { sent: 0, failed: 0 }, 'not due on the 2nd');
  assert.deepEqual(await runDueSchedules(on('2025-11-01')), { sent: 1, failed: 0 });
  const sent = await mails();
  assert.deepEqual(
    sent.map((m) => m.to[0]).sort(),
    ['hr1@example.com', 'mgr1@example.com'],
    'the employee is skipped',
  );
  const csv = (to: string) => {
    const mail = sent.find((m) => m.to[0] === to)!;
    const [file] = mail.attachments ?? [];
    assert.equal(file.filename, 'monthly-2025-10.csv');
    return Buffer.from(file.content, 'base64').toString('utf8');
  };
  assert.ok(csv('hr1@example.com').includes('张伟') && csv('hr1@example.com').includes('王芳'));
  assert.ok(csv('mgr1@example.com').includes('张伟'));
  assert.ok(!csv('mgr1@example.com').includes('王芳'), 'the manager gets only their department');
  assert.ok(csv('hr1@example.com').startsWith('\ufeff工号'), 'in the schedule’s language');

  const notices = (await manager.get('/api/notifications')).body;
  const list = Array.isArray(notices) ? notices : notices.items;
  assert.ok(list.some((n: { kind: string }) => n.kind === 'report.scheduled'));

  assert.deepEqual(await runDueSchedules(on('2025-11-01')), { sent: 0, failed: 0 }, 'once per period');
  assert.equal((await mails()).length, 2);
  const schedules = (await hr.get('/api/reports/schedules')).body;
  assert.equal(schedules[0].lastPeriod, '2025-11');
});

test('a daily report for one department sent now; weekly ones wait for Monday', async () => {
  const created = await hr.post('/api/reports/schedules', {
    name: 'Assembly daily',
    report: 'daily',
    format: 'pdf',
    frequency: 'weekly',
    departmentId: deptA,
    language: 'en',
    recipients: [users.mgr1],
    enabled: true,
  });
  assert.equal(created.status, 201);
  const before = (await mails()).length;
  assert.equal((await runDueSchedules(on('2025-11-04'))).sent, 0, 'Tuesday');
  const now = await hr.post(`/api/reports/schedules/${created.body.id}/send`, {});
  assert.equal(now.status, 200, JSON.stringify(now.body));
  assert.deepEqual(now.body.sent, [users.mgr1]);
  const mail = (await mails()).slice(before)[0];
  assert.equal(mail.attachments?.[0].filename, `daily-2025-10-19-dept${deptA}.pdf`, 'yesterday, in Shanghai');
  assert.equal(
    Buffer.from(mail.attachments![0].content, 'base64').subarray(0, 5).toString('latin1'),
    '%PDF-',
  );
  assert.equal((await runDueSchedules(on('2025-11-10'))).sent, 1, 'Monday');

  const off = await hr.put(`/api/reports/schedules/${created.body.id}`, { ...created.body, enabled: false });
  assert.equal(off.status, 200, JSON.stringify(off.body));
  assert.equal((await runDueSchedules(on('2025-11-17'))).sent, 0, 'disabled');
  assert.equal((await hr.delete(`/api/reports/schedules/${created.body.id}`)).status, 200);
  assert.equal((await hr.delete(`/api/reports/schedules/${created.body.id}`)).status, 404);
});

test('schedules follow the company time zone: when they go out and which dates they cover', async () => {
  const zone = await hr.patch('/api/attendance/settings', { companyZone: 'America/New_York' });
  assert.equal(zone.status, 200, JSON.stringify(zone.body));
  const schedule = async (body: object) => {
    const res = await hr.post('/api/reports/schedules', {
      format: 'csv',
      departmentId: null,
      language: 'en',
      enabled: true,
      ...body,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  };
  await schedule({ name: 'Company daily', report: 'daily', frequency: 'daily', recipients: [users.hr1] });
  await schedule({
    name: 'Weekly summary',
    report: 'monthly',
    frequency: 'weekly',
    recipients: [users.mgr1],
  });
  const at = (instant: string) => ({ ...server.ctx, now: () => new Date(instant) });
  const before = (await mails()).length;
  const files = async () =>
    (await mails())
      .slice(before)
      .map((m) => `${m.to[0]} ${m.attachments?.[0].filename}`)
      .sort();

  // Monday 10 November 11:00 in Shanghai is still Sunday 22:00 in New York: the daily report covers Saturday,
  // the weekly summary waits for Monday there.
  assert.deepEqual(await runDueSchedules(at('2025-11-10T03:00:00Z')), { sent: 1, failed: 0 });
  assert.deepEqual(await files(), ['hr1@example.com daily-2025-11-08.csv']);
  // Monday 06:59 in New York: nothing yet; from 07:00 Sunday's daily report and the weekly summary.
  assert.deepEqual(await runDueSchedules(at('2025-11-10T11:59:00Z')), { sent: 0, failed: 0 });
  assert.deepEqual(await runDueSchedules(at('2025-11-10T12:00:00Z')), { sent: 2, failed: 0 });
  assert.deepEqual(await files(), [
    'hr1@example.com daily-2025-11-08.csv',
    'hr1@example.com daily-2025-11-09.csv',
    'mgr1@example.com monthly-2025-11.csv',
  ]);
  const schedules = (await hr.get('/api/reports/schedules')).body as { name: string; lastPeriod: string }[];
  assert.equal(schedules.find((s) => s.name === 'Company daily')?.lastPeriod, '2025-11-10');
  assert.equal(schedules.find((s) => s.name === 'Weekly summary')?.lastPeriod, '2025-W46');
  await hr.patch('/api/attendance/settings', { companyZone: 'Asia/Shanghai' });
});
