// The alert centre in the browser, in English and Chinese: the bell counts HR's unread notice, the notice opens
// its alert, HR acknowledges it with a note and the history shows it; HR adds a webhook on the settings page.
// Screenshots go to test-results/screenshots/; FACECLOCK_DOCS_SCREENSHOTS=1 also refreshes docs/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { scanAnomalies } from '../../src/services/alerts/scan.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const shots = path.join(repoRoot, 'test-results', 'screenshots');
const docs = process.env.FACECLOCK_DOCS_SCREENSHOTS === '1';
const HR = { username: 'hr1', password: 'Hr-pass-2026' };

let server: TestServer;
let admin: ApiClient;
let browser: TestBrowser;
let alertId = 0;

async function screenshot(page: Page, lang: string, name: string, doc?: string) {
  fs.mkdirSync(path.join(shots, lang), { recursive: true });
  await page.screenshot({ path: path.join(shots, lang, `${name}.png`) });
  if (docs && doc) await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots', doc) });
}

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

async function punch(employeeId: number, at: Date, siteId: number) {
  await server.ctx.db.kysely
    .insertInto('punches')
    .values({
      employee_id: employeeId,
      at: at.toISOString(),
      site_id: siteId,
      device_id: null,
      method: 'face',
      direction: 'in',
      idempotency_key: null,
      device_time: null,
      clock_skew_ms: null,
      match_score: 0.97,
      match_margin: 0.2,
      flags: '[]',
      evidence: null,
      evidence_expires_at: null,
      note: null,
      created_at: at.toISOString(),
      created_by_user_id: null,
    })
    .execute();
}

before(async () => {
  if (!process.env.FACECLOCK_WEB_DIST) await buildWebIfStale(() => {});
  server = await startTestServer();
  admin = await adminClient(server);
  const dept = (await admin.post('/api/departments', { name: '生产部' })).body.id;
  const site = async (name: string, latitude: number, longitude: number) =>
    (await admin.post('/api/sites', { name, timeZone: 'Asia/Shanghai', latitude, longitude })).body
      .id as number;
  const shanghai = await site('上海工厂', 31.2304, 121.4737);
  const beijing = await site('北京办公室', 39.9042, 116.4074);
  const emp = (await admin.post('/api/employees', { employeeNo: 'A001', name: '张伟', departmentId: dept }))
    .body.id;
  assert.equal((await admin.post('/api/users', { ...HR, roles: ['hr'] })).status, 201);
  const now = Date.now();
  await punch(emp, new Date(now - 40 * 60_000), shanghai);
  await punch(emp, new Date(now - 10 * 60_000), beijing);
  const result = await scanAnomalies(server.ctx);
  assert.equal(result.raised.length, 1);
  alertId = result.raised[0];
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('HR follows the bell to the notice, opens the alert and acknowledges it with a note', async () => {
  const page = await browser.context.newPage();
  await login(page, 'en');
  const bell = page.getByTestId('notification-bell');
  await bell.waitFor();
  await page.locator('.ant-badge-count').filter({ hasText: '1' }).first().waitFor();
  await bell.click();
  await page.waitForURL((url) => url.pathname === '/notifications');
  const notice = page.getByTestId('notice').first();
  await notice.getByText('Impossible travel between punches').waitFor();
  await notice.getByRole('button', { name: 'Open' }).click();
  await page.waitForURL((url) => url.pathname === `/alerts/${alertId}`);
  const drawer = page.locator('.ant-drawer');
  await drawer.getByText(/上海工厂 → 北京办公室: 10\d\d\.\d km in 30 minutes/).waitFor();
  await drawer.getByPlaceholder('What was checked or done').fill('Called Zhang Wei: a badge was lent.');
  await drawer.getByRole('button', { name: 'Acknowledge' }).click();
  await drawer.getByText('Called Zhang Wei: a badge was lent.').waitFor();
  await drawer.locator('.ant-tag').filter({ hasText: 'Acknowledged' }).waitFor();
  await screenshot(page, 'en', 'alerts-centre', 'alerts-centre.png');
  const stored = (await admin.get(`/api/alerts/${alertId}`)).body;
  assert.equal(stored.status, 'acknowledged');
  assert.equal(stored.history.at(-1).actorName, 'hr1');
  await page.close();
});

test('in Chinese: the list shows the alert, and HR adds a WeCom webhook on the settings page', async () => {
  const page = await browser.context.newPage();
  await login(page, 'zh-CN');
  await page.goto(`${server.url}/alerts`);
  await page.getByText('已确认 (1)').click();
  await page.locator('.ant-table-row').getByText('不可能的移动').waitFor();
  await screenshot(page, 'zh-CN', 'alerts-list');
  await page.goto(`${server.url}/alert-settings`);
  await page.getByRole('tab', { name: 'Webhook' }).click();
  await page.getByRole('button', { name: '添加 Webhook' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByLabel('名称').fill('安全值班群');
  await modal.getByLabel('地址').fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test');
  await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
  await page.locator('.ant-table-row').getByText('安全值班群').waitFor();
  await page.locator('.ant-table-row').getByText('企业微信群机器人').waitFor();
  await screenshot(page, 'zh-CN', 'alerts-settings', 'alerts-settings.zh-CN.png');
  const channels = (await admin.get('/api/notify/channels')).body;
  assert.deepEqual(
    channels.map((c: { kind: string; name: string }) => [c.kind, c.name]),
    [['wecom', '安全值班群']],
  );
  await page.getByRole('tab', { name: '检测规则' }).click();
  await page.getByText('不可能的移动').first().waitFor();
  await screenshot(page, 'zh-CN', 'alerts-detectors');
  await page.close();
});
