// Deleting an employee from the console, in English and Chinese: the confirmation says only a person with no
// attendance records can be deleted (the day results computed from a schedule not counting); deleting someone
// who has punched shows the server's refusal in a dialog that stays until read, and the row stays; a person
// entered by mistake is deleted.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

const HR = { username: 'hr1', password: 'Hr-pass-2026' };

let server: TestServer;
let admin: ApiClient;
let browser: TestBrowser;
let workedId = 0;

async function login(page: Page, lang: 'en' | 'zh-CN') {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.evaluate((l) => localStorage.setItem('faceclock.language', l), lang);
  await page.reload();
  const t =
    lang === 'en'
      ? { user: 'Username', pass: 'Password', go: 'Log in' }
      : { user: '用户名', pass: '密码', go: '登录' };
  await page.getByLabel(t.user).fill(HR.username);
  await page.getByLabel(t.pass).fill(HR.password);
  await page.getByRole('button', { name: t.go }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

async function employee(employeeNo: string, name: string): Promise<number> {
  const res = await admin.post('/api/employees', { employeeNo, name });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

before(async () => {
  if (!process.env.FACECLOCK_WEB_DIST) await buildWebIfStale(() => {});
  server = await startTestServer();
  admin = await adminClient(server);
  assert.equal((await admin.post('/api/users', { ...HR, roles: ['hr'] })).status, 201);
  workedId = await employee('W001', '李四');
  await employee('M001', 'Typo Person');
  const punch = await admin.post('/api/attendance/punches', {
    employeeId: workedId,
    at: new Date(Date.now() - 3_600_000).toISOString(),
    note: 'card reader broken',
  });
  assert.equal(punch.status, 201, JSON.stringify(punch.body));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const stillThere = async (id: number) => (await admin.get(`/api/employees/${id}`)).status === 200;

test('in English: someone who punched is refused with the reason; a person entered by mistake is deleted', async () => {
  const page = await browser.context.newPage();
  await login(page, 'en');
  await page.goto(`${server.url}/employees`);
  await page.getByRole('row', { name: /W001/ }).getByRole('button', { name: 'Delete' }).click();
  const confirm = page.locator('.ant-popconfirm');
  await confirm.getByText('Delete 李四?').waitFor();
  await confirm.getByText(/with no attendance records, can be deleted.*terminated instead/).waitFor();
  await confirm
    .getByText(/Day results computed from their schedule do not count and are deleted with them/)
    .waitFor();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  const refusal = page.getByRole('dialog');
  await refusal.locator('.ant-modal-confirm-title', { hasText: '李四 cannot be deleted' }).waitFor();
  await refusal.getByText(/W001 has attendance records and cannot be deleted\. Terminate/).waitFor();
  await refusal.getByRole('button', { name: 'OK' }).click();
  await refusal.waitFor({ state: 'detached' });
  assert.ok(await page.getByRole('row', { name: /W001/ }).isVisible());
  assert.ok(await stillThere(workedId));

  await page.getByRole('row', { name: /M001/ }).getByRole('button', { name: 'Delete' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Delete' }).click();
  await page.getByText('Typo Person was deleted.').waitFor();
  await page.getByRole('row', { name: /M001/ }).waitFor({ state: 'detached' });
  const left = (await admin.get('/api/employees?q=M001')).body;
  assert.equal(left.total, 0);
  await page.close();
});

test('in Chinese: the confirmation and the refusal are in Chinese', async () => {
  const page = await browser.context.newPage();
  await login(page, 'zh-CN');
  await page.goto(`${server.url}/employees`);
  await page.getByRole('row', { name: /W001/ }).getByRole('button', { name: '删除' }).click();
  const confirm = page.locator('.ant-popconfirm');
  await confirm.getByText('删除员工 李四？').waitFor();
  await confirm.getByText(/只能删除误录入、没有任何考勤记录的员工/).waitFor();
  await confirm.getByText(/按排班自动计算出的每日考勤结果不算考勤记录，会随员工一并删除/).waitFor();
  await confirm.getByRole('button', { name: /删\s*除/ }).click();
  const refusal = page.getByRole('dialog');
  await refusal.locator('.ant-modal-confirm-title', { hasText: '不能删除 李四' }).waitFor();
  await refusal.getByText(/员工 W001 已有考勤记录，不能删除。请改为办理离职/).waitFor();
  await refusal.getByRole('button', { name: /知\s*道\s*了|确\s*定|OK/ }).click();
  await refusal.waitFor({ state: 'detached' });
  assert.ok(await stillThere(workedId));
  await page.close();
});
