// Reports in the browser, as HR and as a manager, in Chinese and in English: each report page shows its
// table (a manager only their departments), each export runs as a task with a progress bar and ends with a
// download link whose file is checked; the department page draws its charts; HR marks a month reviewed.
// Screenshots go to test-results/screenshots/; FACECLOCK_DOCS_SCREENSHOTS=1 also refreshes docs/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const shots = path.join(repoRoot, 'test-results', 'screenshots');
const docs = process.env.FACECLOCK_DOCS_SCREENSHOTS === '1';

// The report pages open on the previous month (and the daily report on yesterday): put the data there.
const now = new Date();
const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
const MONTH = `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, '0')}`;
const dateIn = (day: number) => `${MONTH}-${String(day).padStart(2, '0')}`;
/** The third Monday of the month (clear of the Spring Festival and National Day weeks) and the Tuesday after. */
const thirdMonday = ((8 - first.getDay()) % 7) + 1 + 14;
const MON = dateIn(thirdMonday);
const TUE = dateIn(thirdMonday + 1);

let server: TestServer;
let admin: ApiClient;
let browser: TestBrowser;

const USERS = {
  hr: { username: 'hr1', password: 'Hr-pass-2026' },
  manager: { username: 'mgr1', password: 'Mgr-pass-2026' },
};

before(async () => {
  if (!process.env.FACECLOCK_WEB_DIST) await buildWebIfStale(() => {});
  server = await startTestServer();
  admin = await adminClient(server);
  const rd = (await admin.post('/api/departments', { name: '研发部', code: 'RD' })).body.id;
  const sales = (await admin.post('/api/departments', { name: '销售部', code: 'SA' })).body.id;
  const people: [string, string, number][] = [
    ['R1', '张伟', rd],
    ['R2', '李娜', rd],
    ['S1', '王芳', sales],
    ['S2', '刘洋', sales],
  ];
  const ids: number[] = [];
  for (const [no, name, departmentId] of people)
    ids.push(
      (await admin.post('/api/employees', { employeeNo: no, name, departmentId, hireDate: '2020-01-01' }))
        .body.id,
    );
  await admin.post('/api/users', { ...USERS.hr, roles: ['hr'] });
  await admin.post('/api/users', { ...USERS.manager, roles: ['manager'], managedDepartmentIds: [rd] });
  await admin.post('/api/attendance/shifts', {
    code: 'office',
    name: 'Office 9–18',
    definition: {
      kind: 'fixed',
      segments: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ],
    },
  });
  const calendars = (await admin.get('/api/attendance/calendars')).body;
  const group = await admin.post('/api/attendance/groups', {
    name: 'Office',
    zone: 'Asia/Shanghai',
    calendarId: calendars[0].id,
    rules: { lateGraceMinutes: 0 },
    versions: [
      {
        effectiveFrom: '2020-01-01',
        schedule: {
          kind: 'weekly',
          days: { mon: 'office', tue: 'office', wed: 'office', thu: 'office', fri: 'office' },
        },
      },
    ],
  });
  await admin.put(`/api/attendance/groups/${group.body.id}/members`, {
    members: [
      { departmentId: rd, from: '2020-01-01' },
      { departmentId: sales, from: '2020-01-01' },
    ],
  });
  const punch = (i: number, date: string, time: string) =>
    admin.post('/api/attendance/punches', {
      employeeId: ids[i],
      at: `${date}T${time}:00+08:00`,
      note: 'kiosk down',
    });
  for (const [i, date, times] of [
    [0, MON, ['09:12', '18:05']],
    [1, MON, ['08:58', '18:01']],
    [2, MON, ['09:40', '18:00']],
    [3, MON, ['08:50', '17:30']],
    [0, TUE, ['08:55', '17:40']],
    [2, TUE, ['10:20', '18:00']],
  ] as const)
    for (const time of times) assert.equal((await punch(i, date, time)).status, 201);
  const last = new Date(now.getFullYear(), now.getMonth(), 0).getDate();
  const recompute = await admin.post('/api/attendance/recompute', { from: dateIn(1), to: dateIn(last) });
  assert.equal(recompute.status, 200, JSON.stringify(recompute.body));
  browser = await launchBrowser({ viewport: { width: 1400, height: 900 }, timezoneId: 'Asia/Shanghai' });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function screenshot(page: Page, lang: string, name: string, doc?: string) {
  fs.mkdirSync(path.join(shots, lang), { recursive: true });
  await page.screenshot({ path: path.join(shots, lang, `${name}.png`), fullPage: true });
  if (docs && doc) await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots', doc) });
}

async function login(page: Page, lang: 'en' | 'zh-CN', who: keyof typeof USERS) {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.evaluate((l) => localStorage.setItem('faceclock.language', l), lang);
  await page.reload();
  const t =
    lang === 'en'
      ? { user: 'Username', pass: 'Password', go: 'Log in' }
      : { user: '用户名', pass: '密码', go: '登录' };
  await page.getByLabel(t.user).fill(USERS[who].username);
  await page.getByLabel(t.pass).fill(USERS[who].password);
  await page.getByRole('button', { name: t.go }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

const text = {
  en: {
    daily: 'Daily report',
    monthly: 'Monthly summary',
    departments: 'Department statistics',
    export: (f: string) => `Export ${f}`,
    download: 'Download',
    late: 'Late',
    firstIn: 'First in',
    rate: 'Attendance rate by department',
    total: 'Total',
  },
  'zh-CN': {
    daily: '考勤日报',
    monthly: '月度汇总',
    departments: '部门统计',
    export: (f: string) => `导出 ${f}`,
    download: '下载',
    late: '迟到',
    firstIn: '上班打卡',
    rate: '各部门出勤率',
    total: '合计',
  },
} as const;

/** Runs one export through the page and returns the downloaded file. */
async function exportVia(page: Page, lang: 'en' | 'zh-CN', format: 'XLSX' | 'CSV' | 'PDF') {
  await page.getByRole('button', { name: text[lang].export(format) }).click();
  const link = page.getByRole('link', { name: text[lang].download });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  const data = fs.readFileSync(file);
  // Close the finished export's alert by starting over on the next one.
  return { name: download.suggestedFilename(), data };
}

for (const lang of ['zh-CN', 'en'] as const) {
  for (const who of ['hr', 'manager'] as const) {
    describe(`reports as ${who} in ${lang}`, () => {
      const T = text[lang];
      const visible = who === 'hr' ? ['张伟', '李娜', '王芳', '刘洋'] : ['张伟', '李娜'];
      const hidden = who === 'hr' ? [] : ['王芳', '刘洋'];
      let page: Page;
      before(async () => {
        page = await browser.context.newPage();
        page.setDefaultTimeout(20_000);
        await login(page, lang, who);
      });
      after(() => page.close());

      it('the monthly summary lists the employees in scope and exports XLSX, CSV and PDF', async () => {
        await page.getByRole('menuitem', { name: T.monthly }).click();
        await page.getByRole('cell', { name: '张伟' }).waitFor();
        for (const name of visible) assert.ok(await page.getByRole('cell', { name }).isVisible(), name);
        for (const name of hidden) assert.equal(await page.getByRole('cell', { name }).count(), 0, name);
        await screenshot(
          page,
          lang,
          `reports-monthly-${who}`,
          lang === 'zh-CN' && who === 'hr' ? 'reports-monthly-zh.png' : undefined,
        );
        const xlsx = await exportVia(page, lang, 'XLSX');
        assert.equal(xlsx.name, `monthly-${MONTH}.xlsx`);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(xlsx.data as unknown as ArrayBuffer);
        const names = book.worksheets[0].getColumn(2).values.filter((v) => typeof v === 'string');
        for (const name of visible) assert.ok(names.includes(name), `XLSX lacks ${name}`);
        for (const name of hidden) assert.ok(!names.includes(name), `XLSX shows ${name}`);
        const csv = await exportVia(page, lang, 'CSV');
        assert.equal(csv.name, `monthly-${MONTH}.csv`);
        assert.ok(csv.data.toString('utf8').includes(T.total));
        const pdf = await exportVia(page, lang, 'PDF');
        assert.equal(pdf.data.subarray(0, 5).toString('latin1'), '%PDF-');
      });

      it('the daily report shows the late arrivals of the day and exports', async () => {
        await page.getByRole('menuitem', { name: T.daily }).click();
        await page.getByRole('columnheader', { name: T.firstIn }).waitFor();
        await page.locator('.ant-picker input').first().fill(MON);
        await page.locator('.ant-picker input').first().press('Enter');
        await page.getByRole('cell', { name: '09:12' }).waitFor();
        const row = page.getByRole('row').filter({ hasText: '张伟' }).first();
        const rowText = (await row.textContent()) ?? '';
        assert.ok(rowText.includes(T.late), `Zhang Wei is late on Monday: ${rowText}`);
        for (const name of hidden) assert.equal(await page.getByRole('cell', { name }).count(), 0, name);
        await screenshot(page, lang, `reports-daily-${who}`);
        for (const format of ['XLSX', 'CSV', 'PDF'] as const) {
          const file = await exportVia(page, lang, format);
          assert.match(file.name, new RegExp(`^daily-\\d{4}-\\d{2}-\\d{2}\\.${format.toLowerCase()}$`));
          assert.ok(file.data.length > 100);
        }
      });

      it('department statistics show each department in scope with the charts', async () => {
        await page.getByRole('menuitem', { name: T.departments }).click();
        await page.getByText(T.rate).waitFor();
        await page.getByRole('cell', { name: '研发部' }).first().waitFor();
        assert.equal(await page.getByRole('cell', { name: '研发部' }).count(), 1);
        assert.equal(await page.getByRole('cell', { name: '销售部' }).count(), who === 'hr' ? 1 : 0);
        assert.ok((await page.locator('canvas').count()) >= 4, 'four charts are drawn');
        await page.waitForTimeout(800); // the charts' opening animation
        await screenshot(
          page,
          lang,
          `reports-departments-${who}`,
          who === 'hr' ? `reports-departments-${lang === 'en' ? 'en' : 'zh'}.png` : undefined,
        );
        for (const format of ['XLSX', 'CSV', 'PDF'] as const) {
          const file = await exportVia(page, lang, format);
          assert.equal(file.name, `departments-${MONTH}.${format.toLowerCase()}`);
        }
      });
    });
  }
}

describe('data review', () => {
  it('HR sees the hand-entered punches and marks the month reviewed', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    await login(page, 'en', 'hr');
    await page.getByRole('menuitem', { name: 'Data review' }).click();
    await page.getByText('This month has not been reviewed').waitFor();
    assert.ok((await page.getByText('Entered by HR').count()) >= 1);
    await screenshot(page, 'en', 'reports-review', 'reports-review-en.png');
    const csv = await exportVia(page, 'en', 'CSV');
    assert.equal(csv.name, `review-${MONTH}.csv`);
    assert.equal(
      csv.data.toString('utf8').match(/^Non-face punch,/gm)?.length,
      12,
      'twelve punches entered by hand',
    );
    await page.getByRole('button', { name: 'Mark reviewed' }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('checked with the team leads');
    await page.getByRole('dialog').getByRole('button', { name: 'Mark reviewed' }).click();
    await page.getByText('Reviewed by hr1').waitFor();
    const review = (await admin.get(`/api/reports/review?month=${MONTH}`)).body;
    assert.equal(review.reviewed.by, 'hr1');
    assert.equal(review.reviewed.note, 'checked with the team leads');
    await page.close();
  });
});

describe('scheduled reports', () => {
  it('HR schedules the monthly summary for a manager and sends it at once', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    await login(page, 'en', 'hr');
    await page.getByRole('menuitem', { name: 'Scheduled reports' }).click();
    await page.getByRole('button', { name: 'New schedule' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Monthly summary for team leads');
    await dialog.getByLabel('Recipients').click();
    await dialog.getByLabel('Recipients').fill('mgr1');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'Monthly summary for team leads' }).waitFor();
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByText('Sent to 1 recipient(s).').waitFor();
    await screenshot(page, 'en', 'reports-schedules');
    const [schedule] = (await admin.get('/api/reports/schedules')).body;
    assert.equal(schedule.name, 'Monthly summary for team leads');
    assert.equal(schedule.frequency, 'monthly');
    assert.equal(schedule.recipients.length, 1);
    assert.ok(schedule.lastSentAt);
    await page.close();
  });
});
