// Announcements with read receipts, and feedback with answers, through the real app on a real database: HR
// publishes and everyone is told; who has read it and who not; a withdrawn one disappears; an employee's
// question is seen by HR (not by a manager), answered, and the asker reads the answer.
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read loosely, as a user reads them
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let admin: ApiClient;
let hr: ApiClient;
let manager: ApiClient;
let alice: ApiClient;
let aliceUserId = 0;

async function ok(res: { status: number; body: any }, status = 200) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  return res.body;
}

async function noticesOf(userId: number, kind: string): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from notices where user_id = ${userId} and kind = ${kind}`.execute(
    server.ctx.db.kysely,
  );
  return Number(rows[0].n);
}

before(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  const dept = (await admin.post('/api/departments', { name: 'Assembly' })).body.id;
  const employee = (
    await admin.post('/api/employees', { employeeNo: 'A1', name: 'Alice', departmentId: dept })
  ).body.id;
  await ok(await admin.post('/api/users', { username: 'hr1', password: 'Hr-pass-2026', roles: ['hr'] }), 201);
  await ok(
    await admin.post('/api/users', {
      username: 'mgr1',
      password: 'Mgr-pass-2026',
      roles: ['manager'],
      managedDepartmentIds: [dept],
    }),
    201,
  );
  aliceUserId = (
    await ok(
      await admin.post('/api/users', {
        username: 'alice',
        password: 'Alice-pass-2026',
        roles: ['employee'],
        employeeId: employee,
      }),
      201,
    )
  ).id;
  hr = new ApiClient(server.url);
  await hr.login('hr1', 'Hr-pass-2026');
  manager = new ApiClient(server.url);
  await manager.login('mgr1', 'Mgr-pass-2026');
  alice = new ApiClient(server.url);
  await alice.login('alice', 'Alice-pass-2026');
});

after(() => server?.stop());

test('HR publishes an announcement; everyone is told; receipts show who has read it and who not', async () => {
  assert.equal(
    (await alice.post('/api/announcements', { kind: 'system', title: 'Mine', body: 'Not allowed' })).status,
    403,
  );
  const noWindow = await hr.post('/api/announcements', {
    kind: 'maintenance',
    title: 'Down',
    body: 'Tonight',
  });
  assert.equal(noWindow.status, 400, 'a maintenance notice needs its window');
  const backwards = await hr.post('/api/announcements', {
    kind: 'maintenance',
    title: 'Down',
    body: 'Tonight',
    windowStart: '2026-01-02T14:00:00Z',
    windowEnd: '2026-01-02T12:00:00Z',
  });
  assert.equal(backwards.status, 400);

  const published = await ok(
    await hr.post('/api/announcements', {
      kind: 'maintenance',
      title: 'Kiosk update',
      body: 'The kiosks restart at 22:00; punch with the QR code meanwhile.',
      windowStart: '2026-01-02T14:00:00Z',
      windowEnd: '2026-01-02T15:00:00Z',
    }),
    201,
  );
  assert.equal(published.publishedBy, 'hr1');
  assert.equal(published.receipts.read, 0);
  assert.equal(published.receipts.audience, 4, 'admin, HR, the manager and Alice');
  assert.equal(await noticesOf(aliceUserId, 'announcement.published'), 1, 'Alice is told in the app');

  const list = await ok(await alice.get('/api/announcements'));
  assert.equal(list.unread, 1);
  assert.equal(list.items[0].title, 'Kiosk update');
  assert.equal(list.items[0].read, false);
  assert.equal(list.items[0].receipts, null, 'an employee sees no receipts');
  assert.equal((await ok(await alice.get('/api/me/overview'))).announcements.unread, 1);

  await ok(await alice.post(`/api/announcements/${published.id}/read`));
  await ok(await alice.post(`/api/announcements/${published.id}/read`));
  assert.equal((await ok(await alice.get('/api/announcements'))).unread, 0);
  assert.equal((await ok(await alice.get(`/api/announcements/${published.id}`))).read, true);

  assert.equal((await alice.get(`/api/announcements/${published.id}/receipts`)).status, 403);
  assert.equal((await manager.get(`/api/announcements/${published.id}/receipts`)).status, 403);
  const receipts = await ok(await hr.get(`/api/announcements/${published.id}/receipts`));
  assert.deepEqual(
    receipts.read.map((p: any) => p.username),
    ['alice'],
  );
  assert.equal(receipts.read[0].department, 'Assembly');
  assert.ok(receipts.read[0].readAt);
  assert.deepEqual(
    receipts.unread.map((p: any) => p.username),
    ['admin', 'hr1', 'mgr1'],
  );
  assert.equal((await ok(await hr.get('/api/announcements'))).items[0].receipts.read, 1);

  const audit = await ok(await admin.get('/api/audit?action=announcement.publish'));
  assert.equal(audit.items[0].targetId, String(published.id));
});

test('a withdrawn announcement is gone for readers and stays visible to HR', async () => {
  const noWindowNeeded = await ok(
    await hr.post('/api/announcements', {
      kind: 'system',
      title: 'New console',
      body: 'The console has a dashboard.',
      windowStart: null,
      windowEnd: null,
    }),
    201,
  );
  assert.equal(noWindowNeeded.windowStart, null, 'a null window is no window');
  await ok(await hr.post(`/api/announcements/${noWindowNeeded.id}/withdraw`));

  const a = await ok(
    await hr.post('/api/announcements', { kind: 'rule', title: 'New grace period', body: 'Five minutes.' }),
    201,
  );
  assert.equal((await manager.post(`/api/announcements/${a.id}/withdraw`)).status, 403);
  await ok(await hr.post(`/api/announcements/${a.id}/withdraw`));
  const titles = (await ok(await alice.get('/api/announcements'))).items.map((x: any) => x.title);
  assert.ok(!titles.includes('New grace period'));
  assert.equal((await alice.get(`/api/announcements/${a.id}`)).status, 404);
  assert.equal((await alice.post(`/api/announcements/${a.id}/read`)).status, 404);
  const hrList = await ok(await hr.get('/api/announcements?includeWithdrawn=true'));
  assert.ok(hrList.items.find((x: any) => x.id === a.id).withdrawnAt);
});

test('feedback: the asker and HR see it, a manager does not; HR answers and the asker reads the answer', async () => {
  const asked = await ok(
    await alice.post('/api/feedback', {
      category: 'question',
      subject: 'Forgot to punch',
      body: 'What do I do when I forget to punch out?',
    }),
    201,
  );
  assert.equal(asked.status, 'open');
  assert.equal(asked.askedBy, 'alice');
  const hrUserId = (await ok(await admin.get('/api/users'))).find((u: any) => u.username === 'hr1').id;
  assert.equal(await noticesOf(hrUserId, 'feedback.submitted'), 1, 'HR is told of the question');

  assert.equal((await ok(await manager.get('/api/feedback'))).total, 0, 'a manager sees only their own');
  assert.equal((await manager.get(`/api/feedback/${asked.id}`)).status, 404);
  const open = await ok(await hr.get('/api/feedback?status=open'));
  assert.deepEqual(
    open.items.map((f: any) => f.id),
    [asked.id],
  );
  assert.equal((await ok(await hr.get('/api/feedback?mine=true'))).total, 0);

  assert.equal((await alice.post(`/api/feedback/${asked.id}/answer`, { answer: 'Myself' })).status, 403);
  assert.equal((await manager.post(`/api/feedback/${asked.id}/answer`, { answer: 'No' })).status, 403);
  const answered = await ok(
    await hr.post(`/api/feedback/${asked.id}/answer`, {
      answer: 'Ask for a punch correction (补卡) under Requests.',
    }),
  );
  assert.equal(answered.status, 'answered');
  assert.equal(answered.answeredBy, 'hr1');
  assert.equal(await noticesOf(aliceUserId, 'feedback.answered'), 1, 'Alice is told');

  const mine = await ok(await alice.get(`/api/feedback/${asked.id}`));
  assert.match(mine.answer, /补卡/);
  assert.equal((await ok(await alice.get('/api/me/overview'))).feedback.answered, 1);
  assert.equal((await hr.post('/api/feedback/999999/answer', { answer: 'x' })).status, 404);
});
