// The versioned consent notice and the employee's own consent: HR drafts a notice from the live settings, edits
// and publishes it (published text never changes); the employee reads it in self-service and accepts it, which
// renews a consent given to an older version without touching face data; a new version makes the consent need
// renewal; withdrawing deletes the templates at once; the history exports as CSV and XLSX.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { ensureFaceRuntime } from '../../src/services/face/runtime.js';
import { insertTemplate } from '../../src/services/face/template-store.js';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { recordConsent } from './faces-fixtures.js';

let server: TestServer;
let admin: ApiClient;
let me: ApiClient;
let employeeId: number;

async function templateFor(id: number) {
  const rt = ensureFaceRuntime(server.ctx);
  await insertTemplate(server.ctx.db.kysely, rt.keyring, {
    employeeId: id,
    model: rt.model.name,
    modelVersion: rt.model.version,
    vector: new Float32Array(rt.model.dimension).map((_, i) => Math.cos(id + i)),
    quality: { score: 0.9 } as never,
    source: 'upload',
    photo: null,
    createdAt: new Date().toISOString(),
    createdByUserId: null,
  });
}

const templateCount = async (id: number) =>
  Number(
    (
      await server.db.kysely
        .selectFrom('face_templates')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('employee_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

before(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  const dept = await admin.post('/api/departments', { name: '研发部', code: 'RD' });
  employeeId = (
    await admin.post('/api/employees', { employeeNo: 'N001', name: '张三', departmentId: dept.body.id })
  ).body.id;
  const user = await admin.post('/api/users', {
    username: 'zhang',
    password: 'Zhang-pass-2026',
    roles: ['employee'],
    employeeId,
  });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  me = new ApiClient(server.url);
  await me.login('zhang', 'Zhang-pass-2026');
});

after(async () => {
  await server?.stop();
});

let v1: { id: number; content: unknown };

test('before any notice is published a consent to any version counts as current', async () => {
  await recordConsent(admin, employeeId); // version 2026-01, on paper
  await templateFor(employeeId);
  const mine = await me.get('/api/me/consent');
  assert.equal(mine.status, 200, JSON.stringify(mine.body));
  assert.equal(mine.body.notice, null);
  assert.equal(mine.body.standing, 'current');
  assert.equal(mine.body.templates, 1);
});

test('HR drafts a notice from the live retention settings, edits it and publishes it; then it is frozen', async () => {
  await admin.put('/api/privacy/retention', { evidenceDays: 14 });
  const template = await admin.get('/api/consent/notices/template');
  assert.equal(template.status, 200);
  assert.match(template.body['zh-CN'].retention, /14 天/);
  assert.match(template.body.en.retention, /kept 14 days/);

  const created = await admin.post('/api/consent/notices', { version: 'v1', content: template.body });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.status, 'draft');
  const again = await admin.post('/api/consent/notices', { version: 'v1', content: template.body });
  assert.equal(again.status, 409);

  // The employee cannot see a draft.
  assert.equal((await me.get('/api/consent/notice-versions/v1')).status, 404);
  assert.equal((await me.get('/api/consent/notices/current')).body.notice, null);

  const edited = { ...template.body, en: { ...template.body.en, title: 'Face attendance notice' } };
  const put = await admin.put(`/api/consent/notices/${created.body.id}`, { content: edited });
  assert.equal(put.status, 200);
  assert.equal(put.body.content.en.title, 'Face attendance notice');
  const empty = await admin.put(`/api/consent/notices/${created.body.id}`, {
    content: { ...edited, 'zh-CN': { ...edited['zh-CN'], rights: '   ' } },
  });
  assert.equal(empty.status, 400);

  const published = await admin.post(`/api/consent/notices/${created.body.id}/publish`);
  assert.equal(published.status, 200);
  assert.equal(published.body.status, 'published');
  assert.ok(published.body.publishedAt);
  const frozen = await admin.put(`/api/consent/notices/${created.body.id}`, { content: template.body });
  assert.equal(frozen.status, 409);
  assert.equal(frozen.body.code, 'notice_published');
  assert.equal((await admin.delete(`/api/consent/notices/${created.body.id}`)).status, 409);
  v1 = published.body;

  const read = await me.get('/api/consent/notice-versions/v1');
  assert.equal(read.status, 200);
  assert.equal(read.body.content.en.title, 'Face attendance notice');
});

test('the employee’s paper consent to the old version needs renewal; accepting the current notice renews it', async () => {
  const before = await me.get('/api/me/consent');
  assert.equal(before.body.notice.version, 'v1');
  assert.equal(before.body.standing, 'needs_renewal');
  assert.equal(before.body.active.noticeVersion, '2026-01');

  const stale = await me.post('/api/me/consent', { noticeVersion: '2026-01' });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.code, 'notice_not_current');

  const accepted = await me.post('/api/me/consent', { noticeVersion: 'v1' });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  assert.equal(accepted.body.standing, 'current');
  assert.equal(accepted.body.active.noticeVersion, 'v1');
  assert.equal(accepted.body.active.method, 'self_service');
  assert.equal(accepted.body.history.length, 2);
  const old = accepted.body.history.find((c: { noticeVersion: string }) => c.noticeVersion === '2026-01');
  assert.ok(old.supersededAt, 'the paper consent was superseded');
  assert.equal(old.withdrawnAt, null, 'not withdrawn');
  assert.equal(await templateCount(employeeId), 1, 'renewal keeps the face data');

  const twice = await me.post('/api/me/consent', { noticeVersion: 'v1' });
  assert.equal(twice.status, 409);
  assert.equal(twice.body.code, 'consent_exists');
});

test('HR may record a consent only to a published version once notices exist', async () => {
  const other = (await admin.post('/api/employees', { employeeNo: 'N002', name: 'Li Si' })).body.id;
  const form = new FormData();
  form.append('noticeVersion', 'v9');
  form.append('method', 'hr_paper');
  const res = await admin.post(`/api/employees/${other}/consent`, form);
  assert.equal(res.status, 409);
  assert.equal(res.body.code, 'notice_not_current');
  const ok = new FormData();
  ok.append('noticeVersion', 'v1');
  ok.append('method', 'hr_paper');
  assert.equal((await admin.post(`/api/employees/${other}/consent`, ok)).status, 201);
});

test('a new notice version makes earlier consents need renewal, in the records and their summary', async () => {
  const v2 = await admin.post('/api/consent/notices', { version: 'v2', content: v1.content });
  await admin.post(`/api/consent/notices/${v2.body.id}/publish`);
  assert.equal((await me.get('/api/me/consent')).body.standing, 'needs_renewal');
  const records = await admin.get('/api/consent/records');
  assert.equal(records.status, 200);
  assert.equal(records.body.currentVersion, 'v2');
  assert.deepEqual(records.body.summary, {
    current: 0,
    needs_renewal: 2,
    withdrawn: 0,
    superseded: 1,
    without: 0,
  });
  const renewals = await admin.get('/api/consent/records?state=needs_renewal');
  assert.deepEqual(renewals.body.items.map((r: { employeeNo: string }) => r.employeeNo).sort(), [
    'N001',
    'N002',
  ]);
  const publish = await admin.get('/api/audit?action=consent.notice_publish&limit=1');
  assert.equal(publish.body.items[0].details.consentsNeedingRenewal, 2);
  // The employee is told, with a link to the consent page.
  const notices = await me.get('/api/notifications');
  assert.equal(notices.status, 200, JSON.stringify(notices.body));
  const renewal = (notices.body.items as { kind: string; link: string | null; title: string }[]).find(
    (n) => n.kind === 'consent.renewal',
  );
  assert.equal(renewal?.link, '/me/consent');
});

test('withdrawing in self-service deletes the templates at once and leaves QR punching', async () => {
  const res = await me.post('/api/me/consent/withdraw');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.templatesDeleted, 1);
  assert.equal(res.body.standing, 'none');
  assert.equal(res.body.active, null);
  assert.equal(res.body.alternatives.qr, true);
  assert.equal(await templateCount(employeeId), 0);
  assert.equal((await admin.get('/api/consent/records')).body.summary.without, 1, 'N001 has none now');
  const code = await me.get('/api/me/punch-code');
  assert.equal(code.status, 200, 'the QR punch code is still there');
  const again = await me.post('/api/me/consent/withdraw');
  assert.equal(again.status, 409);
});

test('the consent history exports as CSV (in Chinese on request) and XLSX', async () => {
  const csv = await fetch(`${server.url}/api/consent/records/export?format=csv`, {
    headers: { cookie: admin.cookie, 'accept-language': 'zh-CN' },
  });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition') ?? '', /consent-history\.csv/);
  const text = (await csv.text()).replace(/^\uFEFF/, '');
  const lines = text.trim().split('\n');
  assert.match(lines[0], /^工号,姓名,部门,告知书版本/);
  assert.equal(lines.length, 1 + 3, 'the paper consent, its renewal, and N002');
  assert.ok(lines.some((l) => l.startsWith('N001,张三,研发部,v1,员工自助') && l.endsWith('已撤回')));
  assert.ok(lines.some((l) => l.startsWith('N002') && l.endsWith('需续签')));

  const xlsx = await fetch(`${server.url}/api/consent/records/export?format=xlsx`, {
    headers: { cookie: admin.cookie, 'accept-language': 'en' },
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await xlsx.arrayBuffer());
  const sheet = book.worksheets[0];
  assert.equal(sheet.getRow(1).getCell(1).value, 'Employee no.');
  assert.equal(sheet.rowCount, 4);
  const exported = await admin.get('/api/audit?action=consent.export&limit=5');
  assert.equal(exported.body.items.length, 2);
});
