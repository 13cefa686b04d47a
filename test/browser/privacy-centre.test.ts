// The privacy centre and operations in a real browser: HR starts a consent notice from the live settings, saves
// and publishes it (in English); an employee on a phone reads it in Chinese at /me/consent, gives the consent and
// withdraws it (the face template goes at once); HR switches the maintenance mode on and the console shows the
// banner, the status page shows the kiosks and a kiosk shows the notice; HR (in Chinese) saves the retention
// settings, places a legal hold and answers a privacy request.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { webDistDir } from '../../src/paths.js';
import { ensureFaceRuntime } from '../../src/services/face/runtime.js';
import { insertTemplate } from '../../src/services/face/template-store.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { ADMIN, ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { pairKiosk } from '../http/kiosk-fixtures.js';
import { fakeCamera, videoOf } from './kiosk-video.js';

let server: TestServer;
let admin: ApiClient;
let desk: TestBrowser;
let phone: TestBrowser;
let employeeId: number;

before(async () => {
  assert.ok(fs.existsSync(path.join(webDistDir, 'index.html')), `build the web app into ${webDistDir} first`);
  server = await startTestServer();
  admin = await adminClient(server);
  employeeId = (await admin.post('/api/employees', { employeeNo: 'W001', name: '王芳' })).body.id;
  await admin.post('/api/users', {
    username: 'wangfang',
    password: 'Wang-pass-2026',
    roles: ['employee'],
    employeeId,
  });
  await pairKiosk(admin, { name: 'Front door' });
  desk = await launchBrowser({ locale: 'en-US' });
  phone = await launchBrowser({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
});

after(async () => {
  await desk?.close();
  await phone?.close();
  await server?.stop();
});

async function login(
  browser: TestBrowser,
  username: string,
  password: string,
  labels: [string, string, string],
) {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(20_000);
  await page.goto(`${server.url}/login`);
  await page.getByLabel(labels[0]).fill(username);
  await page.getByLabel(labels[1]).fill(password);
  await page.getByRole('button', { name: labels[2] }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

test('HR starts a notice from the live settings and publishes it', async () => {
  const page = await login(desk, ADMIN.username, ADMIN.password, ['Username', 'Password', 'Log in']);
  await page.getByRole('menuitem', { name: 'Consent' }).click();
  await page.getByText('No notice has been published yet').waitFor();
  await page.getByRole('button', { name: 'New version' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Version').fill('2026-03');
  // The draft comes from the live retention settings.
  assert.match(await dialog.locator('[id="content_zh-CN_retention"]').inputValue(), /保存 30 天/);
  await dialog.getByRole('tab', { name: 'English' }).click();
  await dialog.locator('[id="content_en_title"]').fill('Face attendance: what we do with your face data');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('cell', { name: '2026-03' }).waitFor();
  await page.getByRole('button', { name: 'Publish' }).click();
  await page
    .getByRole('tooltip')
    .getByRole('button', { name: /OK|Yes/ })
    .click();
  await page.getByText('In force: version 2026-03').waitFor();
  const current = (await admin.get('/api/consent/notices/current')).body.notice;
  assert.equal(current.version, '2026-03');
  assert.equal(current.content.en.title, 'Face attendance: what we do with your face data');
});

test('an employee on a phone reads the notice in Chinese, gives consent and withdraws it', async () => {
  const rt = ensureFaceRuntime(server.ctx);
  const page = await login(phone, 'wangfang', 'Wang-pass-2026', ['用户名', '密码', '登录']);
  await page.goto(`${server.url}/me/consent`);
  const standing = page.getByTestId('consent-standing');
  await standing.getByText('您尚未同意').waitFor();
  const notice = page.getByTestId('consent-notice');
  await notice.getByText('人脸识别考勤个人信息处理告知书').waitFor();
  await notice.getByText('处理目的').waitFor();
  const accept = page.getByRole('button', { name: '同意', exact: true });
  assert.equal(await accept.isDisabled(), true, 'only after ticking that the notice was read');
  await page.getByText('我已阅读告知书').click();
  await accept.click();
  await standing.getByText('您已同意此告知书').waitFor();
  await page.screenshot({ path: 'test-results/screenshots/zh-CN/me-consent.png', fullPage: true });
  const mine = (await admin.get(`/api/employees/${employeeId}/consent`)).body;
  assert.equal(mine.active.noticeVersion, '2026-03');
  assert.equal(mine.active.method, 'self_service');

  // A face is enrolled under the consent; withdrawing deletes it.
  await insertTemplate(server.ctx.db.kysely, rt.keyring, {
    employeeId,
    model: rt.model.name,
    modelVersion: rt.model.version,
    vector: new Float32Array(rt.model.dimension).fill(0.1),
    quality: { score: 0.9 } as never,
    source: 'upload',
    photo: null,
    createdAt: new Date().toISOString(),
    createdByUserId: null,
  });
  await page.reload();
  await standing.getByText('已存人脸模板：1 个').waitFor();
  await page.getByRole('button', { name: '撤回同意' }).click();
  await page
    .getByRole('tooltip')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await standing.getByText('您尚未同意').waitFor();
  await standing.getByText('已存人脸模板：0 个').waitFor();
  const templates = await server.db.kysely
    .selectFrom('face_templates')
    .select('id')
    .where('employee_id', '=', employeeId)
    .execute();
  assert.equal(templates.length, 0);
});

test('HR switches the maintenance mode on: the console shows the banner; the status page lists the kiosks', async () => {
  const page = desk.context.pages()[0];
  await page.getByRole('menuitem', { name: 'Maintenance' }).click();
  await page.getByRole('button', { name: 'Switch on' }).click();
  const dialog = page.getByRole('dialog', { name: 'Switch on' });
  await dialog.getByLabel('Title').fill('Database upgrade');
  await dialog.getByLabel('Message for staff and kiosks').fill('Back by 22:00.');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await page.getByRole('alert').filter({ hasText: 'Maintenance: Database upgrade' }).first().waitFor();
  await page.getByRole('menuitem', { name: 'System status' }).click();
  await page.getByRole('cell', { name: 'Front door' }).waitFor();
  await page.getByText('There is no backup yet.').waitFor();
  // The banner stays on every page while the mode is on.
  await page.getByRole('alert').filter({ hasText: 'Back by 22:00.' }).first().waitFor();
  await page.screenshot({ path: 'test-results/screenshots/en/operations-status.png', fullPage: true });
  const log = (await admin.get('/api/operations/maintenance-log')).body;
  assert.equal(log.items[0].title, 'Database upgrade');
  assert.equal(log.items[0].endedAt, null);
});

test('a kiosk shows the maintenance notice and keeps its punch screen', async () => {
  const created = await admin.post('/api/devices', { name: 'Side door', direction: 'both' });
  const kiosk = await launchBrowser({
    args: fakeCamera(videoOf('facerec__obama.jpg')),
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  });
  try {
    const page = kiosk.context.pages()[0] ?? (await kiosk.context.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/kiosk?pair=${created.body.pairing.code}`);
    const notice = page.getByRole('alert').filter({ hasText: '系统维护：Database upgrade' });
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /本机会保存您的打卡并稍后发送/);
    await page.locator('video').first().waitFor({ state: 'attached' });
  } finally {
    await kiosk.close();
  }
});

test('HR in Chinese: retention saved, a legal hold placed, a deletion request answered', async () => {
  const employee = new ApiClient(server.url);
  await employee.login('wangfang', 'Wang-pass-2026');
  const asked = await employee.post('/api/me/privacy-requests', {
    kind: 'deletion',
    details: '请删除我的人脸数据',
  });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));

  const hr = await launchBrowser({ locale: 'zh-CN' });
  try {
    const page = await login(hr, ADMIN.username, ADMIN.password, ['用户名', '密码', '登录']);
    await page.getByRole('menuitem', { name: '保存期限与清理' }).click();
    const days = page.getByLabel('打卡证据截图保存（天）');
    await days.fill('20');
    await page.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.getByText('保存期限已保存。').waitFor();
    assert.equal((await admin.get('/api/privacy/retention')).body.evidenceDays, 20);
    // The button reads "loading 统计" until the save has settled.
    await page.getByRole('button', { name: /(^|\s)统\s*计$/ }).click();
    await page.getByText('保留员工数: 0').waitFor();

    await page.getByRole('menuitem', { name: '诉讼保留' }).click();
    await page.locator('form .ant-select').first().click();
    await page.locator('form .ant-select input').first().fill('W001');
    await page.locator('.ant-select-item-option').filter({ hasText: 'W001 · 王芳' }).click();
    await page.getByLabel('原因').fill('劳动仲裁 2026-17');
    await page.getByRole('button', { name: '设置诉讼保留' }).last().click();
    await page.getByRole('cell', { name: '劳动仲裁 2026-17' }).waitFor();
    const holds = (await admin.get('/api/privacy/legal-holds')).body;
    assert.deepEqual(
      holds.map((h: { employeeNo: string; reason: string }) => [h.employeeNo, h.reason]),
      [['W001', '劳动仲裁 2026-17']],
    );

    await page.getByRole('menuitem', { name: '个人信息请求' }).click();
    await page.getByRole('cell', { name: 'W001 · 王芳' }).waitFor();
    await page.getByRole('button', { name: /^处\s*理$/ }).click();
    await page.getByLabel('处理说明（员工可见）').fill('已核实');
    await page.getByRole('button', { name: /^拒\s*绝$/ }).click();
    await page.getByText('请求已处理。').waitFor();
    const requests = (await admin.get('/api/privacy/requests')).body;
    assert.equal(requests[0].status, 'rejected');
    assert.equal(requests[0].resolution, '已核实');
  } finally {
    await hr.close();
  }
});
