// Reports end to end on a real database: the daily report, the monthly summary, department statistics and
// charts, within each role's scope; exports to XLSX (read back and compared with the API's figures), CSV and
// PDF with Chinese text; the monthly data review that a month needs before it can be closed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

// Monday 20 October 2025, 18:00 in Shanghai.
const NOW = new Date('2025-10-20T10:00:00Z');
const local = (date: string, time: string) => `${date}T${time}:00+08:00`;
const repoRoot = path.resolve(import.meta.dirname, '../..');

let server: TestServer;
let hr: ApiClient;
let manager: ApiClient;
let alice: ApiClient;
let deptA: number;
let deptB: number;
let aliceId: number;
let carolId: number;

interface Column {
  key: string;
  label: { en: string; 'zh-CN': string };
  kind: string;
}
interface Table {
  columns: Column[];
  rows: Record<string, string | number | null>[];
  totals: Record<string, string | number | null>;
}

async function punch(employeeId: number, date: string, time: string) {
  const res = await hr.post('/api/attendance/punches', {
    employeeId,
    at: local(date, time),
    note: 'kiosk down',
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

async function exported(client: ApiClient, body: object): Promise<{ name: string; data: Buffer }> {
  const started = await client.post('/api/reports/exports', body);
  assert.equal(started.status, 202, JSON.stringify(started.body));
  for (let i = 0; i < 200; i++) {
    const task = (await client.get(`/api/tasks/${started.body.id}`)).body;
    if (task.status === 'done') {
      assert.equal(task.percent, 100);
      const file = await client.get(`/api/tasks/${task.id}/download`);
      assert.equal(file.status, 200);
      return { name: task.fileName, data: file.body as Buffer };
    }
    assert.notEqual(task.status, 'failed', task.error);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('export did not finish');
}

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-report-pdf-'));
  fs.writeFileSync(path.join(dir, 'r.pdf'), pdf);
  try {
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}

before(async () => {
  server = await startTestServer({}, { now: () => NOW });
  const admin = await adminClient(server);
  deptA = (await admin.post('/api/departments', { name: '装配部', code: 'A' })).body.id;
  deptB = (await admin.post('/api/departments', { name: '采购部', code: 'B' })).body.id;
  const mk = async (no: string, name: string, departmentId: number) =>
    (await admin.post('/api/employees', { employeeNo: no, name, departmentId, hireDate: '2020-03-01' })).body
      .id;
  aliceId = await mk('A1', '张伟', deptA);
  const bobId = await mk('A2', '李娜', deptA);
  carolId = await mk('B1', '王芳', deptB);
  const users: [string, string, object][] = [
    ['hr1', 'Hr-pass-2026', { roles: ['hr'] }],
    ['mgr1', 'Mgr-pass-2026', { roles: ['manager'], managedDepartmentIds: [deptA] }],
    ['alice', 'Alice-pass-2026', { roles: ['employee'], employeeId: aliceId }],
  ];
  for (const [username, password, extra] of users) {
    const res = await admin.post('/api/users', { username, password, ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
  hr = new ApiClient(server.url);
  await hr.login('hr1', 'Hr-pass-2026');
  manager = new ApiClient(server.url);
  await manager.login('mgr1', 'Mgr-pass-2026');
  alice = new ApiClient(server.url);
  await alice.login('alice', 'Alice-pass-2026');

  await hr.post('/api/attendance/shifts', {
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
  const calendars = (await hr.get('/api/attendance/calendars')).body;
  const group = await hr.post('/api/attendance/groups', {
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
  });
  assert.equal(group.status, 201, JSON.stringify(group.body));
  await hr.put(`/api/attendance/groups/${group.body.id}/members`, {
    members: [
      { departmentId: deptA, from: '2025-09-01' },
      { departmentId: deptB, from: '2025-09-01' },
    ],
  });
  // Monday 1 September: Alice 12 minutes late, Bob on time, Carol 30 minutes late.
  await punch(aliceId, '2025-09-01', '09:12');
  await punch(aliceId, '2025-09-01', '18:05');
  await punch(bobId, '2025-09-01', '08:58');
  await punch(bobId, '2025-09-01', '18:01');
  await punch(carolId, '2025-09-01', '09:30');
  await punch(carolId, '2025-09-01', '18:00');
  // Tuesday 2 September: Alice leaves 20 minutes early.
  await punch(aliceId, '2025-09-02', '08:55');
  await punch(aliceId, '2025-09-02', '17:40');
  const recompute = await hr.post('/api/attendance/recompute', { from: '2025-09-01', to: '2025-09-30' });
  assert.equal(recompute.status, 200, JSON.stringify(recompute.body));
});

after(() => server?.stop());

test('the monthly summary gives each employee their days, late, early leave, absence and rate', async () => {
  const res = await hr.get('/api/reports/monthly?month=2025-09');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const table = res.body as Table;
  assert.deepEqual(
    table.rows.map((r) => r.name),
    ['张伟', '李娜', '王芳'],
  );
  const a = table.rows[0];
  assert.equal(a.department, '装配部');
  assert.equal(a.lateCount, 1);
  assert.equal(a.lateMinutes, 12);
  assert.equal(a.earlyLeaveCount, 1);
  assert.equal(a.earlyLeaveMinutes, 20);
  assert.equal(a.daysWorked, 2);
  // September 2025 has 22 weekdays and one Sunday worked for National Day (调休上班, the 28th).
  assert.equal(a.daysScheduled, 23);
  assert.equal(a.absentDays, 21);
  assert.equal(a.attendanceRate, Math.round((2 / 23) * 10000) / 10000);
  assert.equal(table.totals.lateCount, 2);
  assert.equal(table.totals.lateMinutes, 42);
  assert.equal(table.totals.daysScheduled, 69);
  assert.ok(table.columns.some((c) => c.key === 'overtimeHoliday' && c.label['zh-CN'] === '法定节假日加班'));
});

test('the report agrees with the attendance month summary computed from the full day results', async () => {
  const report = (await hr.get('/api/reports/monthly?month=2025-09')).body as Table;
  const summaries = (await hr.get('/api/attendance/months/summary?month=2025-09')).body.items as {
    employeeNo: string;
    summary: Record<string, number | null>;
  }[];
  assert.equal(summaries.length, report.rows.length);
  for (const { employeeNo, summary } of summaries) {
    const row = report.rows.find((r) => r.employeeNo === employeeNo)!;
    for (const key of [
      'daysScheduled',
      'daysWorked',
      'daysAttended',
      'lateCount',
      'lateMinutes',
      'earlyLeaveCount',
      'earlyLeaveMinutes',
      'absentDays',
      'missingPunches',
      'attendanceRate',
    ])
      assert.equal(row[key], summary[key], `${employeeNo} ${key}`);
  }
});

test('a manager sees only their departments; an employee gets no reports', async () => {
  const mine = await manager.get('/api/reports/monthly?month=2025-09');
  assert.equal(mine.status, 200);
  assert.deepEqual(
    mine.body.rows.map((r: { name: string }) => r.name),
    ['张伟', '李娜'],
  );
  assert.equal((await manager.get(`/api/reports/monthly?month=2025-09&departmentId=${deptB}`)).status, 403);
  const stats = (await manager.get('/api/reports/departments?month=2025-09')).body as Table;
  assert.deepEqual(
    stats.rows.map((r) => r.department),
    ['装配部'],
  );
  assert.equal((await alice.get('/api/reports/monthly?month=2025-09')).status, 403);
  assert.equal((await alice.get('/api/reports/daily?date=2025-09-01')).status, 403);
  assert.equal(
    (
      await manager.post('/api/reports/exports', {
        report: 'monthly',
        format: 'csv',
        month: '2025-09',
        departmentId: deptB,
      })
    ).status,
    403,
  );
  const csv = (
    await exported(manager, { report: 'monthly', format: 'csv', month: '2025-09', language: 'en' })
  ).data;
  const text = csv.toString('utf8');
  assert.ok(text.includes('张伟') && text.includes('李娜'));
  assert.ok(!text.includes('王芳'), 'the manager’s export leaves out other departments');
});

test('the daily report shows the first and last punch, lateness and status of each employee', async () => {
  const res = await hr.get('/api/reports/daily?date=2025-09-01');
  assert.equal(res.status, 200);
  const rows = (res.body as Table).rows;
  const a = rows.find((r) => r.name === '张伟')!;
  assert.equal(a.firstIn, '09:12');
  assert.equal(a.lastOut, '18:05');
  assert.equal(a.lateMinutes, 12);
  assert.match(String(a.status), /late/);
  const b = rows.find((r) => r.name === '李娜')!;
  assert.equal(b.status, 'normal');
  assert.equal(b.lateMinutes, 0);
});

test('department statistics and charts add up the employees', async () => {
  const stats = (await hr.get('/api/reports/departments?month=2025-09')).body as Table;
  const byName = new Map(stats.rows.map((r) => [r.department, r]));
  assert.equal(byName.get('装配部')?.headcount, 2);
  assert.equal(byName.get('采购部')?.headcount, 1);
  assert.equal(byName.get('装配部')?.lateCount, 1);
  assert.equal(byName.get('装配部')?.daysAttended, 3);
  assert.equal(byName.get('装配部')?.attendanceRate, Math.round((3 / 46) * 10000) / 10000);
  const charts = (await hr.get('/api/reports/charts?month=2025-09&months=3')).body;
  assert.equal(charts.late.total, 2, 'two late arrivals in September');
  assert.equal(charts.late.byWeekday[0], 2, 'both on a Monday');
  assert.equal(charts.late.byHour[9], 2, 'both in the 9 o’clock hour');
  assert.deepEqual(
    charts.overtimeByMonth.map((m: { month: string }) => m.month),
    ['2025-07', '2025-08', '2025-09'],
  );
  assert.equal(charts.attendanceRateByMonth[2].attendanceRate, Math.round((4 / 69) * 10000) / 10000);
  assert.equal(charts.attendanceRateByDepartment.length, 2);
  const mine = (await manager.get('/api/reports/charts?month=2025-09')).body;
  assert.equal(mine.late.total, 1, 'the manager’s chart counts only their departments');
});

test('the XLSX export reads back with the same figures as the API, totals included', async () => {
  const api = (await hr.get('/api/reports/monthly?month=2025-09')).body as Table;
  const file = await exported(hr, { report: 'monthly', format: 'xlsx', month: '2025-09', language: 'zh-CN' });
  assert.equal(file.name, 'monthly-2025-09.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  assert.equal(sheet.getRow(1).getCell(1).value, '月度考勤汇总');
  const header = (sheet.getRow(3).values as unknown[]).slice(1);
  assert.equal(header[0], '工号');
  assert.ok(header.includes('迟到时长（小时）'));
  const asApi = (column: Column, cell: unknown) =>
    column.kind === 'minutes' && typeof cell === 'number' ? Math.round(cell * 60) : (cell ?? null);
  for (const [i, row] of api.rows.entries()) {
    const line = (sheet.getRow(4 + i).values as unknown[]).slice(1);
    for (const [j, c] of api.columns.entries())
      assert.deepEqual(asApi(c, line[j]), row[c.key], `${row.name} ${c.key}`);
  }
  const totals = (sheet.getRow(4 + api.rows.length).values as unknown[]).slice(1);
  assert.equal(totals[0], '合计');
  for (const [j, c] of api.columns.entries()) {
    if (c.kind === 'text') continue;
    assert.deepEqual(asApi(c, totals[j]), api.totals[c.key], `total ${c.key}`);
  }
  // The sheet's own sums agree with its totals row.
  const late = api.columns.findIndex((c) => c.key === 'lateCount');
  const sum = api.rows.reduce(
    (acc, _, i) => acc + Number((sheet.getRow(4 + i).values as unknown[])[late + 1]),
    0,
  );
  assert.equal(sum, totals[late]);
});

test('CSV has a BOM and English headers; the PDF carries the Chinese names and headings', async () => {
  const impossible = await hr.post('/api/reports/exports', {
    report: 'daily',
    format: 'csv',
    date: '2025-02-30',
  });
  assert.equal(impossible.status, 400, 'a date that does not exist is refused before any work starts');
  const csv = await exported(hr, { report: 'daily', format: 'csv', date: '2025-09-01', language: 'en' });
  assert.deepEqual([...csv.data.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = csv.data.toString('utf8').slice(1).trim().split('\n');
  assert.match(lines[0], /^Employee No\.,Name,Department,Shift,Status,First in,Last out,Worked \(h\)/);
  assert.equal(lines.length, 1 + 3 + 1, 'header, three employees, total');
  assert.match(lines.find((l) => l.includes('张伟'))!, /Late/);

  const pdf = await exported(hr, { report: 'monthly', format: 'pdf', month: '2025-09', language: 'zh-CN' });
  assert.equal(pdf.data.subarray(0, 5).toString('latin1'), '%PDF-');
  const text = pdfText(pdf.data);
  for (const word of ['月度考勤汇总', '工号', '出勤率', '张伟', '李娜', '王芳', '装配部', '合计'])
    assert.ok(text.includes(word), `PDF lacks ${word}`);
  if (process.env.FACECLOCK_DOCS_SCREENSHOTS === '1') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-report-png-'));
    fs.writeFileSync(path.join(dir, 'r.pdf'), pdf.data);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      path.join(dir, 'r.pdf'),
      path.join(dir, 'page'),
    ]);
    fs.copyFileSync(path.join(dir, 'page.png'), path.join(repoRoot, 'docs/screenshots/reports-pdf-zh.png'));
    fs.rmSync(dir, { recursive: true });
  }
});

test('the data review lists hand-entered punches and days; a month is closed only after it is marked reviewed', async () => {
  const review = await hr.get('/api/reports/review?month=2025-09');
  assert.equal(review.status, 200, JSON.stringify(review.body));
  assert.equal(review.body.counts.nonFacePunch, 8, 'eight punches entered by hand');
  assert.ok(review.body.counts.manualDay >= 1);
  assert.ok(
    review.body.items.every((i: { method: string | null }) => i.method === null || i.method === 'manual'),
  );
  assert.equal(review.body.reviewed, null);
  const mine = await manager.get('/api/reports/review?month=2025-09');
  assert.equal(mine.body.counts.nonFacePunch, 6, 'the manager sees their departments only');
  assert.ok(mine.body.items.every((i: { employeeId: number }) => i.employeeId !== carolId));

  const csv = await exported(manager, { report: 'review', format: 'csv', month: '2025-09', language: 'en' });
  const lines = csv.data.toString('utf8').slice(1).trim().split('\n');
  assert.match(lines[0], /^What,Date,Employee No\.,Name,Department,Punch time \(UTC\),Method/);
  assert.equal(lines.filter((l) => l.startsWith('Non-face punch,')).length, 6);
  assert.ok(
    lines.slice(1).every((l) => !l.includes('王芳')),
    'the manager’s review export keeps to their departments',
  );
  assert.ok(lines.some((l) => l.includes('Entered by HR')));

  const refused = await hr.post('/api/attendance/months/close', { month: '2025-09' });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'month_not_reviewed');
  assert.match(refused.body.message, /review/);
  assert.equal((await manager.post('/api/reports/review/reviewed', { month: '2025-09' })).status, 403);
  const marked = await hr.post('/api/reports/review/reviewed', {
    month: '2025-09',
    note: 'checked with team leads',
  });
  assert.equal(marked.status, 200, JSON.stringify(marked.body));
  assert.equal(marked.body.counts.nonFacePunch, 8);
  assert.equal((await hr.get('/api/reports/review?month=2025-09')).body.reviewed.by, 'hr1');
  const closed = await hr.post('/api/attendance/months/close', { month: '2025-09' });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  assert.equal(
    (await hr.post('/api/reports/review/unreviewed', { month: '2025-09' })).body.code,
    'month_closed',
  );
  const audit = (await server.ctx.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('action', 'in', ['report.reviewed', 'report.export'])
    .execute()) as { action: string }[];
  assert.ok(audit.some((a) => a.action === 'report.reviewed'));
  assert.ok(audit.some((a) => a.action === 'report.export'));
});

test('the data review puts a punch of an employee without a site in the month of its date in the company zone', async () => {
  assert.equal((await hr.patch('/api/attendance/settings', { companyZone: 'America/New_York' })).status, 200);
  // 10:00 on 1 October in Shanghai is 22:00 on 30 September in New York.
  await punch(carolId, '2025-10-01', '10:00');
  const at = '2025-10-01T02:00:00.000Z';
  const items = async (month: string) =>
    ((await hr.get(`/api/reports/review?month=${month}`)).body.items as { at: string | null; date: string }[])
      .filter((i) => i.at === at)
      .map((i) => i.date);
  assert.deepEqual(await items('2025-09'), ['2025-09-30']);
  assert.deepEqual(await items('2025-10'), []);
  await hr.patch('/api/attendance/settings', { companyZone: 'Asia/Shanghai' });
  assert.deepEqual(await items('2025-10'), ['2025-10-01']);
});
