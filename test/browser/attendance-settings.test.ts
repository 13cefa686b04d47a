// HR sets the face roll-out scope on the attendance settings page, in Chinese: the department and date are
// saved, and an employee outside the scope can no longer have a face enrolled.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { ADMIN, type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let admin: ApiClient;
let browser: TestBrowser;

before(async () => {
  await buildWebIfStale(() => {});
  server = await startTestServer();
  admin = await adminClient(server);
  await admin.post('/api/departments', { name: '研发部', code: 'RD' });
  await admin.post('/api/departments', { name: '销售部', code: 'SA' });
  browser = await launchBrowser({ locale: 'zh-CN' });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the roll-out scope is set on the settings page and saved', async () => {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(20_000);
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('menuitem', { name: '考勤设置' }).click();
  await page.getByText('刷脸考勤实施范围').waitFor();
  await page.getByRole('button', { name: '添加部门' }).click();
  await page.locator('.ant-select-tree-select, .ant-tree-select').first().click();
  await page.getByTitle('研发部').click();
  await page.getByPlaceholder('2026-12-01').fill('2026-12-01');
  await page.screenshot({ path: 'test-results/screenshots/zh-CN/attendance-settings.png', fullPage: true });
  await page.getByRole('button', { name: '保存设置' }).click();
  await page.getByText('已保存').first().waitFor();
  const saved = (await admin.get('/api/attendance/settings')).body;
  const rd = (await admin.get('/api/departments')).body.find((d: { code: string }) => d.code === 'RD');
  assert.deepEqual(saved.faceRollout, [{ departmentId: rd.id, from: '2026-12-01' }]);
});
