// The workspace in Debian's Chromium: HR lands on the dashboard and goes through the punch records (an evidence
// crop, audited) and an employee's calendar; a manager sees only their department; an employee lands on /me on
// a 390×844 phone, reads their month with each day's explanation, and cannot open the dashboard. In English and
// Chinese; a few screenshots go to docs/screenshots/workspace-*.png
// (with FACECLOCK_DOCS_SCREENSHOTS=1).
// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read loosely, as a user reads them
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { repoRoot } from '../../src/paths.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { MORNING, PASSWORDS, seedWorkspace, type Workspace } from '../http/workspace-fixtures.js';

// FACECLOCK_DOCS_SCREENSHOTS=1 refreshes the screenshots in docs/screenshots/; otherwise they go to test-results/.
const shots =
  process.env.FACECLOCK_DOCS_SCREENSHOTS === '1'
    ? path.join(repoRoot, 'docs', 'screenshots')
    : path.join(repoRoot, 'test-results', 'screenshots');
let server: TestServer;
let w: Workspace;
const browsers: TestBrowser[] = [];

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  if (!process.env.FACECLOCK_WEB_DIST) await buildWebIfStale(() => {});
  // The server lives on the test morning of 2025; the browser's cookie store keeps real time, so the session
  // must outlast the gap.
  server = await startTestServer({ sessionTtlHours: 24 * 365 * 5 }, { now: () => new Date(MORNING) });
  const jpeg = await sharp({ create: { width: 96, height: 96, channels: 3, background: '#c08050' } })
    .jpeg()
    .toBuffer();
  w = await seedWorkspace(server, jpeg);
});

after(async () => {
  for (const b of browsers) await b.close();
  await server?.stop();
});

/** A browser whose clock reads the server's test morning, logged in as `username`. */
async function openAs(
  username: keyof typeof PASSWORDS,
  locale: 'en-US' | 'zh-CN',
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const browser = await launchBrowser({ locale, viewport, timezoneId: 'Asia/Shanghai' });
  browsers.push(browser);
  await browser.context.clock.setFixedTime(new Date(MORNING));
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(20_000);
  const zh = locale === 'zh-CN';
  await page.goto(`${server.url}/login`);
  await page.getByLabel(zh ? '用户名' : 'Username').fill(username);
  await page.getByLabel(zh ? '密码' : 'Password').fill(PASSWORDS[username]);
  await page.getByRole('button', { name: zh ? '登录' : 'Log in' }).click();
  return page;
}

const statValue = async (page: Page, state: string) =>
  ((await page.locator(`[data-state="${state}"] .ant-statistic-content-value`).textContent()) ?? '').trim();

test('HR lands on the dashboard, filters the punch records, opens an evidence crop and a calendar (en)', async () => {
  const page = await openAs('hr1', 'en-US');
  await page.waitForURL('**/dashboard');
  await page.getByText('Today, 2025-10-20').waitFor();
  assert.equal(await statValue(page, 'present'), '1');
  assert.equal(await statValue(page, 'late'), '1');
  assert.equal(await statValue(page, 'onLeave'), '1');
  assert.equal(await statValue(page, 'notYetIn'), '1');
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor();
  assert.deepEqual(
    (await rows.locator('td:first-child').allInnerTexts()).map((s) => s.trim()),
    ['Assembly', 'Buying'],
  );
  await page.locator('[data-testid="dashboard"] svg').first().waitFor();
  await page.getByText('Alice (A1)').first().waitFor();
  assert.equal(await page.getByText('Carol (B1)').count(), 0, 'the live list starts with today’s punches');
  await page.screenshot({ path: path.join(shots, 'workspace-dashboard.png') });
  // A figure opens the names behind it.
  await page.locator('[data-state="notYetIn"]').click();
  const who = page.locator('.ant-drawer-open [data-person] .ant-list-item-meta-title');
  await who.first().waitFor();
  assert.deepEqual(await who.allTextContents(), ['B1 · Carol']);
  await page.keyboard.press('Escape');
  await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });

  await page.getByRole('menuitem', { name: 'Punch records' }).click();
  await page.getByText('6 punches').waitFor();
  await page.locator('.ant-tree-select').click();
  await page.getByTitle('Buying').click();
  await page.getByText('2 punches').waitFor();
  const names = await page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
  assert.ok(
    names.every((n) => n.includes('Carol')),
    names.join(),
  );
  await page.getByRole('button', { name: 'View' }).click();
  const img = page.locator('.ant-modal img');
  await img.waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector('.ant-modal img') as HTMLImageElement | null;
    return !!el && el.complete && el.naturalWidth === 96;
  });
  await page.getByText('This view is recorded in the audit log.').waitFor();
  await page.waitForTimeout(500); // the modal's opening animation, for the screenshot
  await page.screenshot({ path: path.join(shots, 'workspace-records.png') });
  const audit = await w.admin.get('/api/audit?action=punch.evidence_viewed');
  assert.equal(audit.body.items[0].targetId, String(w.evidencePunch));
  assert.equal(audit.body.items[0].actorName, 'hr1');
  await page.keyboard.press('Escape');

  // The month grid is one click away; the employee calendar explains each day.
  await page.getByRole('button', { name: 'Monthly grid' }).waitFor();
  await page.goto(`${server.url}/employee-calendar?employeeId=${w.ids.alice}&month=2025-10`);
  await page.locator('[data-date="2025-10-14"]').click();
  await page.locator('.ant-drawer').getByText('09:10, 18:02').waitFor();
  const reasons = await page.locator('.ant-drawer [data-reason]').allInnerTexts();
  assert.ok(
    reasons.some((r) => /late/i.test(r)),
    reasons.join(' | '),
  );
});

test('a manager sees only their department on the dashboard and in the records (zh-CN)', async () => {
  const page = await openAs('mgr1', 'zh-CN');
  await page.waitForURL('**/dashboard');
  await page.getByText('今天 2025-10-20').waitFor();
  assert.equal(await statValue(page, 'present'), '1');
  assert.equal(await statValue(page, 'onLeave'), '0', 'Dan on leave is in Buying, not managed');
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor();
  assert.deepEqual(
    (await rows.locator('td:first-child').allInnerTexts()).map((s) => s.trim()),
    ['Assembly'],
  );
  await page.getByText('待我审批').waitFor();
  // The late count of Assembly (columns: department, employees, present, late, …).
  await page.locator('.ant-table-tbody tr.ant-table-row').first().locator('td').nth(3).locator('a').click();
  const who = page.locator('.ant-drawer-open [data-person] .ant-list-item-meta-title');
  await who.first().waitFor();
  assert.deepEqual(await who.allTextContents(), ['A2 · Bob']);
  await page.keyboard.press('Escape');
  await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
  await page.screenshot({ path: path.join(shots, 'workspace-dashboard.zh-CN.png') });

  await page.getByRole('menuitem', { name: '打卡记录' }).click();
  await page.getByText('共 4 条打卡').waitFor();
  assert.equal(
    await page.getByRole('columnheader', { name: '证据照片' }).count(),
    0,
    'no evidence for managers',
  );
  const names = await page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
  assert.ok(names.every((n) => n.includes('Alice') || n.includes('Bob')));
});

test('an employee lands on /me on a phone, reads their month and the day’s explanation (zh-CN)', async () => {
  const page = await openAs('alice', 'zh-CN', { width: 390, height: 844 });
  await page.waitForURL('**/me');
  await page.getByText('您好，Alice').waitFor();
  await page.locator('[data-testid="me-today"] [data-state="present"]').waitFor();
  await page.getByText('打卡时间 08:55').waitFor();
  await page.locator('[data-date="2025-10-31"]').waitFor();
  assert.equal(await page.locator('.fc-month-calendar-day').count(), 31);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the page fits the phone's width (${wide}px)`);
  await page.screenshot({ path: path.join(shots, 'workspace-me.zh-CN.png'), fullPage: true });

  await page.locator('[data-date="2025-10-14"]').click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByText('迟到').first().waitFor();
  const reasons = await drawer.locator('[data-reason]').allInnerTexts();
  assert.ok(
    reasons.some((r) => /[\u4e00-\u9fff]/.test(r)),
    reasons.join(' | '),
  );
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: '阅读告知书，同意或撤回同意' }).waitFor();
  await page.goto(`${server.url}/dashboard`);
  await page.getByText('403').or(page.getByText('无权')).first().waitFor();
});

test('/me in English shows the same day, and the announcement HR published is read there', async () => {
  const published = await w.hr.post('/api/announcements', {
    kind: 'rule',
    title: 'Grace period of five minutes',
    body: 'From November, arriving up to five minutes after the start is not late.',
  });
  assert.equal(published.status, 201);
  const page = await openAs('alice', 'en-US', { width: 390, height: 844 });
  await page.waitForURL('**/me');
  await page.getByText('Hello, Alice').waitFor();
  await page.locator('[data-testid="me-today"]').getByText('Present').waitFor();
  await page.getByRole('link', { name: /Announcements/ }).click();
  await page.getByText('Grace period of five minutes').click();
  await page.locator('.ant-modal').getByText('arriving up to five minutes').waitFor();
  // Opening it records the read; the list then drops its "Unread" tag.
  await page
    .locator(`[data-announcement="${published.body.id}"]`)
    .getByText('Unread', { exact: true })
    .waitFor({ state: 'detached' });
  const receipts = await w.hr.get(`/api/announcements/${published.body.id}/receipts`);
  assert.deepEqual(
    receipts.body.read.map((p: any) => p.username),
    ['alice'],
  );

  // A leave request from the phone, then its progress on /me.
  await page.goto(`${server.url}/me`);
  await page.getByRole('button', { name: /New request/ }).click();
  const form = page.locator('.ant-drawer-open');
  await form.getByLabel('Leave type').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '病假' }).click();
  await form.getByLabel('From', { exact: true }).click();
  await page.locator('.ant-picker-dropdown:visible .ant-picker-cell[title="2025-10-22"]').click();
  await form.getByLabel('Reason').fill('Dentist');
  await form.getByRole('button', { name: 'Submit' }).click();
  await page.getByText('Your request was sent').waitFor();
  const mine = await w.alice.get('/api/attendance/requests');
  const leave = mine.body.items.find((r: any) => r.startDate === '2025-10-22');
  assert.equal(leave.kind, 'leave');
  assert.equal(leave.leaveType, 'sick');
  assert.equal(leave.status, 'pending');
  const item = page.locator(`[data-request="${leave.id}"]`);
  await item.getByText('In progress').waitFor();
  assert.equal(
    await item.locator('.ant-steps-item').count(),
    1 + leave.chain.length,
    'submitted, then each step',
  );
});

test('HR publishes an announcement, sees who has not read it, and answers a question (zh-CN)', async () => {
  const asked = await w.alice.post('/api/feedback', {
    category: 'question',
    subject: '忘记打卡',
    body: '下班忘记打卡怎么办？',
  });
  assert.equal(asked.status, 201);
  const page = await openAs('hr1', 'zh-CN');
  await page.waitForURL('**/dashboard');
  await page.getByRole('menuitem', { name: '公告' }).click();
  await page.getByRole('button', { name: '发布公告' }).click();
  const dialog = page.locator('.ant-modal-wrap:visible');
  await dialog.getByLabel('标题').fill('系统升级');
  await dialog.getByLabel('正文').fill('周六晚上系统升级，请用二维码打卡。');
  await dialog.getByRole('button', { name: '发布公告' }).click();
  await page.getByText('公告已发布，已通知所有人。').waitFor();
  const listed = (await w.hr.get('/api/announcements')).body.items.find((a: any) => a.title === '系统升级');
  assert.ok(listed, 'published');
  await page
    .locator(`[data-announcement="${listed.id}"]`)
    .getByRole('button', { name: /人中 0 人已读/ })
    .click();
  const receipts = page.locator('.ant-drawer-open');
  await receipts.getByText('alice').first().waitFor();
  await page.keyboard.press('Escape');

  await page.getByRole('menuitem', { name: '意见反馈' }).click();
  const item = page.locator(`[data-feedback="${asked.body.id}"]`);
  await item.getByRole('button', { name: '答复' }).click();
  const answer = page.locator('.ant-modal-wrap:visible');
  await answer.getByLabel('答复').fill('请在“新建申请”中提交补卡。');
  await answer.getByRole('button', { name: '答复' }).click();
  await page.getByText('答复已发送。').waitFor();
  const mine = await w.alice.get(`/api/feedback/${asked.body.id}`);
  assert.equal(mine.body.status, 'answered');
  assert.match(mine.body.answer, /补卡/);
});
