// The web console in a real browser (Debian's Chromium) against the real server: log in, set up the
// organisation through the UI, import 100 employees from an XLSX (first with two bad rows, which are shown and
// nothing is written), switch the language, and check that the menu follows the user's roles. Screenshots of
// every page in both languages go to test-results/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { ADMIN, type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { EMPLOYEE_HEADER, employeeRows, workbookOf } from './employee-file.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const shotsDir = path.join(repoRoot, 'test-results', 'screenshots');
// FACECLOCK_DOCS_SCREENSHOTS=1 also refreshes the README screenshots in docs/screenshots/.
const docsShots = process.env.FACECLOCK_DOCS_SCREENSHOTS === '1';

/** Every console page: file name, English and Chinese title (the menu label). */
const PAGES: [string, string, string][] = [
  ['employees', 'Employees', '员工'],
  ['departments', 'Departments', '部门'],
  ['sites', 'Sites', '考勤地点'],
  ['positions', 'Positions', '职位'],
  ['import', 'Import and export', '导入与导出'],
  ['users', 'Users and roles', '用户与角色'],
  ['audit', 'Audit log', '审计日志'],
  ['account', 'My account', '我的账户'],
];

/** Waits until the page has loaded its code and data (no spinner left) and animations have finished. */
async function settle(page: Page) {
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 });
  await page.waitForTimeout(250);
}

/** The menu entry with exactly this label (its icon's name may come first): "部门" is not "部门统计". */
const menuItem = (page: Page, label: string) =>
  page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });

/** Opens a console page the way a user does: from the menu. */
async function open(page: Page, label: string) {
  await menuItem(page, label).click();
  await page.getByRole('heading', { name: label, level: 4 }).waitFor();
  await settle(page);
}

async function screenshot(page: Page, language: string, name: string) {
  fs.mkdirSync(path.join(shotsDir, language), { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, language, `${name}.png`) });
}

async function employeeTotal(api: ApiClient): Promise<number> {
  const res = await api.get('/api/employees?limit=1');
  assert.equal(res.status, 200);
  return res.body.total as number;
}

describe('web console', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let api: ApiClient;

  before(async () => {
    await buildWebIfStale(() => {});
    server = await startTestServer();
    api = await adminClient(server);
    browser = await launchBrowser({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens on the login page, refuses a wrong password and logs in', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Log in to the console' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    await screenshot(page, 'en', 'login');

    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill('not-the-password1');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Wrong username or password.').waitFor();

    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    // The dashboard is the landing page of those who may see it.
    await page.getByRole('heading', { name: 'Dashboard', level: 4 }).waitFor();
    await open(page, 'Employees');
    await settle(page);
    await page.getByText('No employees match').waitFor();
    for (const item of [
      'Departments',
      'Sites',
      'Positions',
      'Import and export',
      'Users and roles',
      'Audit log',
    ]) {
      assert.ok(await menuItem(page, item).isVisible(), `menu shows ${item}`);
    }
  });

  it('creates a site with its time zone', async () => {
    await open(page, 'Sites');
    await page.getByText('No sites yet').waitFor();
    await page.getByRole('button', { name: 'New site' }).click();
    const dialog = page.getByRole('dialog', { name: 'New site' });
    await dialog.getByLabel('Name').fill('Shanghai HQ');
    await dialog.getByLabel('Address').fill('No. 1 Century Avenue, Pudong');
    await dialog.getByLabel('Time zone').fill('Asia/Shanghai');
    await dialog.getByLabel('Time zone').press('Enter');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'Shanghai HQ' }).waitFor();
    assert.ok(await page.getByRole('cell', { name: 'Asia/Shanghai' }).isVisible());
  });

  it('creates a department and a sub-department in the tree', async () => {
    await open(page, 'Departments');
    await page.getByRole('button', { name: 'New department' }).click();
    let dialog = page.getByRole('dialog', { name: 'New department' });
    await dialog.getByLabel('Name').fill('Engineering');
    await dialog.getByLabel('Code').fill('ENG');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'Engineering', exact: true }).waitFor();

    await page
      .getByRole('row', { name: /Engineering/ })
      .getByRole('button', { name: 'Add sub-department' })
      .click();
    dialog = page.getByRole('dialog', { name: 'New department' });
    await dialog.getByLabel('Name').fill('Platform');
    await dialog.getByLabel('Code').fill('ENG-PLT');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'Platform', exact: true }).waitFor();
    await page.getByText('Departments: 2').waitFor();

    // More departments for the import, made through the API.
    for (const [name, code] of [
      ['Sales', 'SAL'],
      ['Finance', 'FIN'],
      ['Human Resources', 'HR'],
    ]) {
      assert.equal((await api.post('/api/departments', { name, code })).status, 201);
    }
  });

  it('adds a position', async () => {
    await open(page, 'Positions');
    await page.getByLabel('Position').fill('Engineer');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('cell', { name: 'Engineer', exact: true }).waitFor();
  });

  it('creates an employee through the form, which checks its fields', async () => {
    await open(page, 'Employees');
    await page.getByRole('button', { name: 'New employee' }).click();
    const drawer = page.getByRole('dialog', { name: 'New employee' });
    await drawer.getByLabel('Employee no.').fill('E0001');
    await drawer.getByLabel('Name').fill('李雷');
    await drawer.getByLabel('Department').click();
    await page.getByTitle('Engineering (ENG)').click();
    await drawer.getByLabel('Position').fill('Engineer');
    await drawer.getByLabel('Position').press('Enter');
    await drawer.getByLabel('Site').fill('Shanghai');
    await drawer.getByLabel('Site').press('Enter');
    await drawer.getByLabel('Hire date').fill('2023-03-01');
    await drawer.getByLabel('Hire date').press('Enter');
    await drawer.getByLabel('Email').fill('li.lei@example');
    await drawer.getByRole('button', { name: 'Save' }).click();
    await drawer.getByText('Enter a valid email address.').waitFor();
    assert.equal(await employeeTotal(api), 0, 'an invalid form is not sent');

    await drawer.getByLabel('Email').fill('li.lei@example.cn');
    await drawer.getByRole('button', { name: 'Save' }).click();
    await drawer.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /E0001/ });
    await row.waitFor();
    for (const text of ['李雷', 'Engineering', 'Engineer', 'Shanghai HQ', '2023-03-01', 'Active']) {
      assert.ok(await row.getByText(text, { exact: true }).isVisible(), `the new row shows ${text}`);
    }
    await page.getByText('Total: 1').waitFor();
    assert.equal(await employeeTotal(api), 1);
  });

  it('shows the two bad rows of an import file and writes nothing', async () => {
    const rows = employeeRows(100, 1001, {
      departments: ['ENG', 'ENG-PLT', 'Sales', 'FIN', 'HR'],
      positions: ['Engineer', 'Sales Representative', 'Accountant', 'HR Specialist'],
      site: 'Shanghai HQ',
    });
    const bad = rows.map((r) => [...r]);
    bad[36][2] = 'Marketing'; // file row 38: no such department
    bad[70][5] = '2024-02-30'; // file row 72: no such date
    await open(page, 'Import and export');
    await page.locator('input[type=file]').setInputFiles({
      name: 'employees.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbookOf(EMPLOYEE_HEADER, bad),
    });
    await page.getByText('2 problem(s) in 2 row(s). Nothing can be imported yet.').waitFor();
    const expected: [number, string[]][] = [
      [38, ['department name or code (department)', 'No department has this name or code.', 'Marketing']],
      [72, ['hire date (hire_date)', 'Not a date (use YYYY-MM-DD).', '2024-02-30']],
    ];
    for (const [rowNo, texts] of expected) {
      const row = page.getByRole('row', { name: new RegExp(`^${rowNo} `) });
      for (const text of texts)
        assert.ok(await row.getByText(text, { exact: true }).isVisible(), `row ${rowNo}: ${text}`);
    }
    assert.ok(await page.getByRole('button', { name: /Import$/ }).isDisabled());
    await settle(page);
    await screenshot(page, 'en', 'import-problems');

    assert.equal(await employeeTotal(api), 1, 'nothing was written');
    await open(page, 'Employees');
    await page.getByText('Total: 1').waitFor();

    // Fixed: the rows go in.
    await open(page, 'Import and export');
    await page.locator('input[type=file]').setInputFiles({
      name: 'employees-fixed.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbookOf(EMPLOYEE_HEADER, rows),
    });
    await page.getByText('No problems: 100 new and 0 updated rows are ready to import.').waitFor();
    await settle(page);
    await screenshot(page, 'en', 'import-ready');
    await page.getByRole('button', { name: /Import$/ }).click();
    await page.getByRole('alert').filter({ hasText: 'Imported: 100 new, 0 updated.' }).waitFor();
    assert.equal(await employeeTotal(api), 101);

    await open(page, 'Employees');
    await page.getByText('Total: 101').waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('E1050');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page.getByText('Total: 1').waitFor();
    assert.ok(await page.getByRole('row', { name: /E1050/ }).isVisible());
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page.getByText('Total: 101').waitFor();
  });

  it('verifies the audit chain from the audit log page', async () => {
    await open(page, 'Audit log');
    assert.ok(await page.getByRole('cell', { name: 'Imported employees' }).first().isVisible());
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/The chain is intact: \d+ entries checked\./).waitFor();

    // Someone edits an entry directly in the database: the check names it.
    const audit = server.db.kysely;
    const original = await audit
      .selectFrom('audit_log')
      .select('actor_name')
      .where('id', '=', 3)
      .executeTakeFirstOrThrow();
    await audit.updateTable('audit_log').set({ actor_name: 'mallory' }).where('id', '=', 3).execute();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText('The chain is broken at entry #3: the entry was changed').waitFor();
    await audit
      .updateTable('audit_log')
      .set({ actor_name: original.actor_name })
      .where('id', '=', 3)
      .execute();
  });

  it('saves a screenshot of every page in English', async () => {
    for (const [name, title] of PAGES) {
      await open(page, title);
      await screenshot(page, 'en', name);
    }
    await open(page, 'Employees');
    if (docsShots)
      await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/console-employees.png') });
  });

  it('switches to Chinese and shows Chinese labels on every page', async () => {
    await page.getByLabel('Language').click();
    await page.getByTitle('简体中文').click();
    await page.getByRole('heading', { name: '员工', level: 4 }).waitFor();
    await page.getByText('共 101 人').waitFor();
    for (const item of ['部门', '考勤地点', '职位', '导入与导出', '用户与角色', '审计日志']) {
      assert.ok(await menuItem(page, item).isVisible(), `menu shows ${item}`);
    }
    assert.ok(await page.getByRole('columnheader', { name: '工号' }).isVisible());
    assert.ok(await page.getByRole('button', { name: '新建员工' }).isVisible());
    if (docsShots) {
      await page.getByLabel('语言').blur();
      await settle(page);
      await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/console-employees.zh-CN.png') });
    }
    for (const [name, , title] of PAGES) {
      await open(page, title);
      await screenshot(page, 'zh-CN', name);
    }
    // Server messages follow the UI language too (this is the account page).
    await page.getByLabel('当前密码').fill('wrong-password-1');
    await page.getByLabel('新密码').fill('Another-pass-2026');
    await page.getByLabel('再次输入密码').fill('Another-pass-2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('当前密码错误。').waitFor();
  });

  it('shows a user only the pages their roles allow', async () => {
    const created = await api.post('/api/users', {
      username: 'hr.chen',
      displayName: '陈静',
      password: 'Hr-pass-2026x',
      roles: ['hr'],
    });
    assert.equal(created.status, 201);

    await page.getByRole('button', { name: '我的账户' }).click(); // the account menu in the header
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录控制台' }).waitFor();
    await screenshot(page, 'zh-CN', 'login');

    await page.getByLabel('用户名').fill('hr.chen');
    await page.getByLabel('密码').fill('Hr-pass-2026x');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '考勤看板', level: 4 }).waitFor();
    for (const item of ['员工', '部门', '导入与导出']) {
      assert.ok(await menuItem(page, item).isVisible(), `hr sees ${item}`);
    }
    for (const item of ['用户与角色', '审计日志']) {
      assert.equal(await menuItem(page, item).count(), 0, `hr does not see ${item}`);
    }
    await page.goto(`${server.url}/audit`);
    await page.getByText('无权访问', { exact: true }).waitFor();
  });
});

describe('first-time setup', () => {
  let server: TestServer;
  let browser: TestBrowser;

  before(async () => {
    await buildWebIfStale(() => {});
    server = await startTestServer({ adminUser: undefined, adminPassword: undefined });
    browser = await launchBrowser({ locale: 'zh-CN' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates the first administrator, in the browser language, and then closes', async () => {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    await page.getByRole('heading', { name: '首次设置' }).waitFor();
    await screenshot(page, 'zh-CN', 'setup');

    await page.getByLabel('用户名').fill('owner');
    await page.getByLabel('密码', { exact: true }).fill('short1');
    await page.getByLabel('再次输入密码').fill('short1');
    await page.getByRole('button', { name: '创建管理员并登录' }).click();
    await page.getByText('至少 10 位，且须同时包含字母和数字。').first().waitFor();

    await page.getByLabel('密码', { exact: true }).fill('Owner-pass-2026');
    await page.getByLabel('再次输入密码').fill('Owner-pass-2026');
    await page.getByRole('button', { name: '创建管理员并登录' }).click();
    await page.getByRole('heading', { name: '考勤看板', level: 4 }).waitFor();
    assert.ok(await page.getByRole('menuitem', { name: '用户与角色' }).isVisible());

    const status = await fetch(`${server.url}/api/setup/status`).then((r) => r.json());
    assert.deepEqual(status, { needsSetup: false });
    await page.goto(`${server.url}/setup`);
    await page.getByRole('heading', { name: '考勤看板', level: 4 }).waitFor();
  });
});
