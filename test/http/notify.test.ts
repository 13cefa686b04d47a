// Notifications through the real app: in-app notices, e-mail to a real local SMTP server, webhooks to a local HTTP
// receiver with retries and back-off, and an outbox that survives a restart.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import { deliverDue, notifyEmployees, notifyUsers, sendEmail } from '../../src/services/notify/index.js';
import { enqueue, pruneNotifications } from '../../src/services/notify/outbox.js';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { startReceiver, startSmtp } from './notify-receivers.js';

let clock = Date.parse('2026-03-02T09:00:00Z');
const now = () => new Date(clock);
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let server: TestServer;
let admin: ApiClient;
let employee: { id: number; userId: number; client: ApiClient };

async function outbox(query = '') {
  const res = await admin.get(`/api/notify/outbox${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items as any[];
}

before(async () => {
  smtp = await startSmtp();
  server = await startTestServer({ smtpUrl: smtp.url, smtpFrom: 'FaceClock <clock@example.test>' }, { now });
  admin = await adminClient(server);
  const emp = await admin.post('/api/employees', {
    employeeNo: 'N001',
    name: 'Li Na',
    email: 'li.na@example.test',
  });
  assert.equal(emp.status, 201, JSON.stringify(emp.body));
  const user = await admin.post('/api/users', {
    username: 'lina',
    password: 'Lina-pass-2026',
    roles: ['employee'],
    employeeId: emp.body.id,
  });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  const client = new ApiClient(server.url);
  await client.login('lina', 'Lina-pass-2026');
  employee = { id: emp.body.id, userId: user.body.id, client };
});

after(async () => {
  await server?.stop();
  await smtp?.close();
});

test('an employee gets an in-app notice and an e-mail in their language, once', async () => {
  const notice = {
    kind: 'test.hello',
    title: { en: 'Your day was late', 'zh-CN': '您当天迟到' },
    body: { en: 'On 2 March you punched in at 09:12.', 'zh-CN': '3月2日您于 09:12 打卡上班。' },
    link: '/me/appeals',
    email: true,
    dedupeKey: 'late:2026-03-02',
  };
  await notifyEmployees(server.ctx, [employee.id], notice);
  await notifyEmployees(server.ctx, [employee.id], notice); // same key: nothing new
  await deliverDue(server.ctx);

  const list = await employee.client.get('/api/notifications');
  assert.equal(list.status, 200);
  assert.equal(list.body.total, 1);
  assert.equal(list.body.unread, 1);
  assert.equal(list.body.items[0].title['zh-CN'], '您当天迟到');
  assert.equal(list.body.items[0].link, '/me/appeals');
  assert.deepEqual((await employee.client.get('/api/notifications/unread-count')).body, { unread: 1 });

  assert.equal(smtp.mails.length, 1);
  assert.deepEqual(smtp.mails[0].to, ['li.na@example.test']);
  assert.equal(smtp.mails[0].from, 'clock@example.test');
  assert.equal(smtp.mails[0].subject, '您当天迟到'); // no locale set: Chinese

  const read = await employee.client.post(`/api/notifications/${list.body.items[0].id}/read`);
  assert.deepEqual(read.body, { marked: 1 });
  assert.equal((await employee.client.get('/api/notifications/unread-count')).body.unread, 0);
  // Another user cannot mark it.
  assert.equal((await admin.post(`/api/notifications/${list.body.items[0].id}/read`)).status, 404);
});

test("a user's own address and language win; attachments travel", async () => {
  await server.ctx.db.kysely
    .updateTable('users')
    .set({ locale: 'en' })
    .where('id', '=', employee.userId)
    .execute();
  const put = await employee.client.put('/api/notifications/email', { email: 'lina.private@example.test' });
  assert.equal(put.status, 200);
  assert.equal(put.body.email, 'lina.private@example.test');
  const before = smtp.mails.length;
  await notifyUsers(server.ctx, [employee.userId], {
    kind: 'test.report',
    title: { en: 'Monthly report', 'zh-CN': '月度报表' },
    body: { en: 'Attached.', 'zh-CN': '见附件。' },
    email: true,
    attachments: [
      { filename: 'report.csv', content: new TextEncoder().encode('a,b\n1,2\n'), contentType: 'text/csv' },
    ],
  });
  await deliverDue(server.ctx);
  assert.equal(smtp.mails.length, before + 1);
  const mail = smtp.mails.at(-1)!;
  assert.deepEqual(mail.to, ['lina.private@example.test']);
  assert.equal(mail.subject, 'Monthly report');
  assert.match(mail.raw, /filename="?report\.csv/);
  assert.match(mail.raw, /YSxiCjEsMgo=/); // the attachment, base64
});

test('sendEmail queues a plain e-mail that the job delivers; bad addresses are dropped', async () => {
  const before = smtp.mails.length;
  await sendEmail(server.ctx, {
    to: ['hr@example.test', 'not-an-address'],
    subject: 'Digest',
    text: 'Hello',
  });
  await deliverDue(server.ctx);
  assert.equal(smtp.mails.length, before + 1);
  assert.deepEqual(smtp.mails.at(-1)!.to, ['hr@example.test']);
  const sent = await outbox('?channel=email&status=sent');
  const entry = sent.find((e) => e.summary === 'Digest');
  assert.equal(entry.attempts, 1);
  assert.equal(entry.deliveries.length, 1);
  assert.equal(entry.deliveries[0].ok, true);
});

test('a message claimed by a server that died is sent once its lease runs out', async () => {
  // Queued (without the background kick), then claimed by another server that stopped before sending: the
  // lease keeps it for two minutes.
  const id = await enqueue(server.ctx.db.kysely, now().toISOString(), {
    channel: 'email',
    kind: 'email',
    summary: 'Leased',
    payload: { to: ['lease@example.test'], subject: 'Leased', text: 'x' },
  });
  await server.ctx.db.kysely
    .updateTable('notify_outbox')
    .set({ locked_until: new Date(clock + 120_000).toISOString() })
    .where('id', '=', id)
    .execute();
  const before = smtp.mails.length;
  await deliverDue(server.ctx);
  assert.equal(smtp.mails.length, before);
  clock += 121_000;
  await deliverDue(server.ctx);
  assert.equal(smtp.mails.length, before + 1);
  assert.equal(smtp.mails.at(-1)?.subject, 'Leased');
});

test('a webhook that fails twice gets the message once, after retries with back-off', async () => {
  const receiver = await startReceiver([500, 503, 200]);
  try {
    const channel = await admin.post('/api/notify/channels', {
      kind: 'webhook',
      name: 'Security desk',
      url: receiver.url,
      secret: 's3cret',
    });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    assert.equal(channel.body.hasSecret, true);
    assert.equal('secret' in channel.body, false);

    const first = await admin.post(`/api/notify/channels/${channel.body.id}/test`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.status, 'pending');
    assert.equal(first.body.attempts, 1);
    assert.match(first.body.lastError, /HTTP 500/);
    const nextAt = Date.parse(first.body.nextAttemptAt);
    assert.equal(nextAt - clock, 30_000);

    // Not due yet: nothing is sent.
    await deliverDue(server.ctx);
    assert.equal(receiver.requests.length, 1);

    clock += 30_000;
    await deliverDue(server.ctx);
    assert.equal(receiver.requests.length, 2);
    clock += 30_000; // the second back-off is 60 s
    await deliverDue(server.ctx);
    assert.equal(receiver.requests.length, 2);
    clock += 30_000;
    await deliverDue(server.ctx);
    assert.equal(receiver.requests.length, 3);
    clock += 3_600_000;
    await deliverDue(server.ctx);
    assert.equal(receiver.requests.length, 3, 'a delivered message is not sent again');

    const accepted = receiver.requests.filter((r) => r.status === 200);
    assert.equal(accepted.length, 1);
    const req = accepted[0];
    const body = JSON.parse(req.body);
    assert.equal(body.kind, 'notify.test');
    assert.equal(body.title.en, 'FaceClock test message');
    const ts = req.headers['x-faceclock-timestamp'] as string;
    const expected = `sha256=${createHmac('sha256', 's3cret').update(`${ts}.${req.body}`).digest('hex')}`;
    assert.equal(req.headers['x-faceclock-signature'], expected);

    const log = (await outbox('?channel=webhook')).find((e) => e.id === first.body.id);
    assert.equal(log.status, 'sent');
    assert.equal(log.attempts, 3);
    assert.deepEqual(
      log.deliveries.map((d: { ok: boolean }) => d.ok),
      [false, false, true],
    );
  } finally {
    await receiver.close();
  }
});

test('a bot answering HTTP 200 with an error code is a failed try', async () => {
  const receiver = await startReceiver([200], () => '{"errcode":310000,"errmsg":"sign not match"}');
  try {
    const channel = await admin.post('/api/notify/channels', {
      kind: 'dingtalk',
      name: 'Ding',
      url: `${receiver.url}?access_token=abc`,
      secret: 'SECabc',
    });
    const res = await admin.post(`/api/notify/channels/${channel.body.id}/test`);
    assert.equal(res.body.status, 'pending');
    assert.match(res.body.lastError, /310000/);
    const url = new URL(receiver.requests[0].url, 'http://x');
    const ts = url.searchParams.get('timestamp')!;
    const sign = createHmac('sha256', 'SECabc').update(`${ts}\nSECabc`).digest('base64');
    assert.equal(url.searchParams.get('sign'), sign);
    assert.equal(url.searchParams.get('access_token'), 'abc');
    assert.equal(JSON.parse(receiver.requests[0].body).msgtype, 'markdown');
    await admin.delete(`/api/notify/channels/${channel.body.id}`);
  } finally {
    await receiver.close();
  }
});

test('employees cannot configure delivery', async () => {
  assert.equal((await employee.client.get('/api/notify/outbox')).status, 403);
  assert.equal((await employee.client.get('/api/notify/channels')).status, 403);
});

test('without SMTP e-mails stay queued, survive a restart, and go out once SMTP is set', async () => {
  const dataDir = server.dataDir;
  const pgSchema = server.pgSchema;
  await server.close();
  server = await startTestServer({ smtpUrl: undefined }, { now, reuse: { dataDir, pgSchema } });
  admin = await adminClient(server);
  await sendEmail(server.ctx, { to: ['queue@example.test'], subject: 'Held mail', text: 'Wait for me' });
  await deliverDue(server.ctx);
  const status = await admin.get('/api/notify/status');
  assert.equal(status.body.smtpConfigured, false);
  assert.equal(status.body.emailsPending, 1);
  const before = smtp.mails.length;

  await server.close();
  server = await startTestServer({ smtpUrl: smtp.url }, { now, reuse: { dataDir, pgSchema } });
  admin = await adminClient(server);
  await deliverDue(server.ctx);
  assert.equal(smtp.mails.length, before + 1);
  assert.equal(smtp.mails.at(-1)!.subject, 'Held mail');
  assert.equal((await admin.get('/api/notify/status')).body.emailsPending, 0);
});

test('old delivered messages and read notices are pruned; waiting ones are kept', async () => {
  const pendingBefore = (await admin.get('/api/notify/status')).body.emailsPending;
  clock += 100 * 86_400_000;
  const pruned = await pruneNotifications(server.ctx);
  admin = await adminClient(server); // the session ended with the hundred days
  assert.ok(pruned.messages >= 3, JSON.stringify(pruned));
  assert.equal((await outbox('?status=sent')).length, 0);
  assert.equal((await admin.get('/api/notify/status')).body.emailsPending, pendingBefore);
});
