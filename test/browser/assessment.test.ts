// The assessment in a real browser: HR publishes a computed month from the cycle page (with its confirmation),
// an employee reads the public list (公示) with masked names and their statement, then files an appeal about a
// day from self-service with a file attached; the manager finds it in their inbox.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

const NOW = new Date('2025-11-10T02:00:00Z'); // Monday 10 November 2025, 10:00 in Shanghai
const WEEK = ['2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31'];

let server: TestServer;
let hr: ApiClient;
let browser: TestBrowser;
let aliceId: number;

before(async () => {
  if (!process.env.FACECLOCK_WEB_DIST) await buildWebIfStale(() => {});
  server = await startTestServer({ sessionTtlHours: 24 * 365 * 5 }, { now: () => NOW });
  const admin = await adminClient(server);
  const dept = (await admin.post('/api/departments', { name: '装配部', code: 'A' })).body.id;
  const mk = async (no: string, name: string) =>
    (await admin.post('/api/employees', { employeeNo: no, name, departmentId: dept, hireDate: '2020-03-01' }))
      .body.id;
  aliceId = await mk('A1', '李小龙');
  const bobId = await mk('A2', '张三丰');
  for (const [username, extra] of [
    ['hr1', { roles: ['hr'] }],
    ['mgr1', { roles: ['manager'], managedDepartmentIds: [dept] }],
    ['alice', { roles: ['employee'], employeeId: aliceId }],
  ] as const) {
    const res = await admin.post('/api/users', { username, password: 'Pass-word-2026', ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
  hr = new ApiClient(server.url);
  await hr.login('hr1', 'Pass-word-2026');
  await hr.post('/api/attendance/shifts', {
    code: 'office',
    name: 'Office',
    definition: { kind: 'fixed', segments: [{ start: '09:00', end: '18:00' }] },
  });
  const calendars = (await hr.get('/api/attendance/calendars')).body;
  const group = (
    await hr.post('/api/attendance/groups', {
      name: 'Office',
      zone: 'Asia/Shanghai',
      calendarId: calendars[0].id,
      rules: { lateGraceMinutes: 0 },
      versions: [
        {
          effectiveFrom: '2025-01-01',
          schedule: {
            kind: 'weekly',
            days: { mon: 'office', tue: 'office', wed: 'office', thu: 'office', fri: 'office' },
          },
        },
      ],
    })
  ).body;
  await hr.put(`/api/attendance/groups/${group.id}/members`, {
    members: [{ departmentId: dept, from: '2025-10-27' }],
  });
  for (const date of WEEK) {
    for (const [id, time] of [
      [aliceId, date === '2025-10-28' ? '09:25' : '08:55'],
      [aliceId, '18:05'],
      [bobId, '08:50'],
      [bobId, '18:10'],
    ] as const) {
      const res = await hr.post('/api/attendance/punches', {
        employeeId: id,
        at: `${date}T${time}:00+08:00`,
        note: 'x',
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  }
  assert.equal((await hr.post('/api/assessment/compute', { month: '2025-10' })).status, 200);
  assert.equal((await hr.post('/api/assessment/review', { month: '2025-10' })).status, 200);
  browser = await launchBrowser({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 860 },
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function login(username: string, on: TestBrowser = browser) {
  await on.context.clearCookies();
  const page = await on.context.newPage();
  page.setDefaultTimeout(20_000);
  await page.clock.setFixedTime(NOW); // the console's month list follows the server's (test) date
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Pass-word-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

test('HR publishes the month on the cycle page after confirming', async () => {
  const page = await login('hr1');
  await page.goto(`${server.url}/assessment/months`);
  await page.getByText('已审核').first().waitFor();
  await page.getByRole('cell', { name: 'A1 · 李小龙' }).waitFor();
  await page.getByRole('button', { name: '公示' }).click();
  await page.getByText('每位员工将收到考核结果').waitFor();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await page.getByText('已公示').first().waitFor();
  await page.getByText('申诉截止 2025-11-17').waitFor();
  const cycle = (await hr.get('/api/assessment/cycle?month=2025-10')).body;
  assert.equal(cycle.status, 'published');
  await page.close();
});

test('an employee reads the public list with masked names and their own statement', async () => {
  const page = await login('alice');
  await page.goto(`${server.url}/assessment/publication`);
  await page.getByText('2025-10 考核结果公示').waitFor();
  await page.getByText('姓名已脱敏。').waitFor();
  await page.getByRole('cell', { name: '李*龙' }).waitFor();
  await page.getByRole('cell', { name: '张*丰' }).waitFor();
  assert.equal(await page.getByText('李小龙').count(), 0, 'the full name is not shown');
  await page.screenshot({ path: 'docs/screenshots/assessment-publication.png' });
  await page.goto(`${server.url}/me/statements`);
  await page.getByText('迟到 25 分钟：超过 10 分钟，罚款 20.00').waitFor();
  assert.equal(await page.getByTestId('statement-total').textContent(), '-20.00');
  // The same statement as a PDF, in the page's language.
  const pdfLink = page.getByRole('link', { name: '下载 PDF' });
  assert.match((await pdfLink.getAttribute('href')) ?? '', /statement\/pdf\?month=2025-10&language=zh-CN/);
  const pdf = await page.request.get(`${server.url}${await pdfLink.getAttribute('href')}`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
  await page.close();
});

test('an employee files an appeal about a day from self-service on a phone, with a file; the manager sees it', async () => {
  const phone = await launchBrowser({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 390, height: 844 },
  });
  const page = await login('alice', phone);
  await page.goto(`${server.url}/me/appeals`);
  await page.getByRole('button', { name: '发起申诉' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('日期').fill('2025-10-28');
  await dialog.getByLabel('申诉理由').fill('地铁故障，附延误证明');
  await dialog.locator('input[type=file]').setInputFiles({
    name: '延误证明.png',
    mimeType: 'image/png',
    buffer: Buffer.from('proof'),
  });
  await dialog.getByRole('button', { name: '提交申诉' }).click();
  await page.getByText('申诉已提交').waitFor();
  await page.getByTestId('appeal-status').getByText('处理中').waitFor();
  await page.getByRole('link', { name: '延误证明.png' }).waitFor();
  await page.locator('.ant-modal').waitFor({ state: 'hidden' });
  await page.waitForTimeout(400); // let the drawer finish sliding in
  await page.screenshot({ path: 'docs/screenshots/assessment-appeal.png' });
  const list = (await hr.get(`/api/appeals?employeeId=${aliceId}`)).body;
  assert.equal(list.total, 1);
  assert.equal(list.items[0].date, '2025-10-28');
  assert.equal(list.items[0].reason, '地铁故障，附延误证明');
  assert.equal(list.items[0].currentStep, 'manager');
  await page.close();
  await phone.close();

  const mgr = await login('mgr1');
  await mgr.goto(`${server.url}/appeals`);
  await mgr.getByRole('cell', { name: 'A1 · 李小龙' }).waitFor();
  await mgr.close();
});

test('HR changes a penalty on the rules page; it is stored in fen with the other rules intact', async () => {
  const page = await login('hr1');
  await page.goto(`${server.url}/assessment/settings`);
  const late = page.locator('.ant-card-small').filter({ has: page.locator('input[value="迟到罚款"]') });
  const amount = late.getByLabel('每次罚款（元）');
  await amount.waitFor();
  assert.equal(await amount.inputValue(), '20');
  await amount.fill('30');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('设置已保存').waitFor();
  const saved = (await hr.get('/api/assessment/settings')).body;
  const rule = saved.rules.find((r: { id: string }) => r.id === 'late');
  assert.equal(rule.amountFen, 3000);
  assert.equal(rule.freeCount, 3);
  assert.equal(rule.freeMaxMinutes, 10);
  assert.deepEqual(
    saved.rules.map((r: { kind: string }) => r.kind),
    ['late', 'absence', 'fullAttendance'],
  );
  assert.equal(saved.rules.find((r: { id: string }) => r.id === 'absence').defaultDayPayFen, 20000);
  await page.close();
});
