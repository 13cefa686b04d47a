// Assessment end to end on a real database: punches become day results, the month is computed into scores and
// a ledger of rewards and penalties, reviewed and published (statements sent, names masked on the public list);
// an appeal goes from the manager to HR, is overturned with a punch correction, and the day, the assessment and
// the ledger follow, the employee is told, and the audit log shows each step. Then the month closes and locks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

// Monday 10 November 2025, 10:00 in Shanghai; October 2025 is assessed.
let now = new Date('2025-11-10T02:00:00Z');
const local = (date: string, time: string) => `${date}T${time}:00+08:00`;
// October 2025 workdays: National Day runs 1–8 October, Saturday 11 October is a make-up workday (调休).
const WORKDAYS = [
  '2025-10-09',
  '2025-10-10',
  '2025-10-11',
  ...[13, 14, 15, 16, 17, 20, 21, 22, 23, 24, 27, 28, 29, 30, 31].map((d) => `2025-10-${d}`),
];

let server: TestServer;
let hr: ApiClient;
let manager: ApiClient;
let alice: ApiClient;
let aliceId: number;
let bobId: number;

async function punch(employeeId: number, date: string, time: string) {
  const res = await hr.post('/api/attendance/punches', { employeeId, at: local(date, time), note: 'import' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

async function ok(p: ReturnType<ApiClient['get']>, status = 200) {
  const res = await p;
  assert.equal(res.status, status, JSON.stringify(res.body));
  return res.body;
}

/** Logs everyone in (again: sessions lapse when the clock moves on by days). */
async function login() {
  hr = new ApiClient(server.url);
  await hr.login('hr1', 'Hr-pass-2026');
  manager = new ApiClient(server.url);
  await manager.login('mgr1', 'Mgr-pass-2026');
  alice = new ApiClient(server.url);
  await alice.login('alice', 'Alice-pass-2026');
}

before(async () => {
  server = await startTestServer({}, { now: () => now });
  const admin = await adminClient(server);
  const deptA = (await admin.post('/api/departments', { name: 'Assembly', code: 'A' })).body.id;
  const deptB = (await admin.post('/api/departments', { name: 'Buying', code: 'B' })).body.id;
  const mk = async (no: string, name: string, email?: string) =>
    (
      await admin.post('/api/employees', {
        employeeNo: no,
        name,
        departmentId: deptA,
        hireDate: '2020-03-01',
        ...(email ? { email } : {}),
      })
    ).body.id;
  aliceId = await mk('A1', 'Alice Wang', 'alice@example.com');
  bobId = await mk('A2', '张三丰');
  for (const [username, password, extra] of [
    ['hr1', 'Hr-pass-2026', { roles: ['hr'] }],
    ['mgr1', 'Mgr-pass-2026', { roles: ['manager'], managedDepartmentIds: [deptA] }],
    ['mgr2', 'Mgr-pass-2026', { roles: ['manager'], managedDepartmentIds: [deptB] }],
    ['alice', 'Alice-pass-2026', { roles: ['employee'], employeeId: aliceId }],
  ] as const) {
    await ok(admin.post('/api/users', { username, password, ...extra }), 201);
  }
  await login();
  await ok(
    hr.post('/api/attendance/shifts', {
      code: 'office',
      name: 'Office 9–18',
      definition: {
        kind: 'fixed',
        segments: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ],
      },
    }),
    201,
  );
  const calendars = (await hr.get('/api/attendance/calendars')).body;
  const group = await ok(
    hr.post('/api/attendance/groups', {
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
    }),
    201,
  );
  await ok(
    hr.put(`/api/attendance/groups/${group.id}/members`, {
      members: [{ departmentId: deptA, from: '2025-09-01' }],
    }),
  );
  // Alice: late 12 min on the 13th, 5 min on the 14th, no check-out on the 20th; on time otherwise.
  for (const date of WORKDAYS) {
    await punch(aliceId, date, date === '2025-10-13' ? '09:12' : date === '2025-10-14' ? '09:05' : '08:55');
    if (date !== '2025-10-20') await punch(aliceId, date, '18:05');
    await punch(bobId, date, '08:50');
    await punch(bobId, date, '18:10');
  }
  // A missing punch costs 10 beyond none free, on top of the default rules (late: 3 free up to 10 min, 20 each
  // after; absence: a day's pay; full attendance 200).
  const settings = await ok(hr.get('/api/assessment/settings'));
  await ok(
    hr.put('/api/assessment/settings', {
      rules: [
        ...settings.rules,
        {
          id: 'missing',
          name: 'Missing punch',
          kind: 'missingPunch',
          effectiveFrom: '2025-01-01',
          effectiveTo: null,
          freeCount: 0,
          amountFen: 1000,
        },
      ],
    }),
  );
});

after(() => server?.stop());

test('the month is computed from the day results into scores and an explained ledger', async () => {
  const cycle = await ok(hr.post('/api/assessment/compute', { month: '2025-10' }));
  assert.equal(cycle.status, 'computed');
  assert.equal(cycle.employees, 2);
  const results = await ok(hr.get('/api/assessment/results?month=2025-10'));
  const a = results.items.find((r: { employeeId: number }) => r.employeeId === aliceId);
  const b = results.items.find((r: { employeeId: number }) => r.employeeId === bobId);
  assert.equal(a.daysScheduled, 18);
  assert.equal(a.lateCount, 2);
  assert.equal(a.lateMinutes, 17);
  assert.equal(a.missingPunches, 1);
  assert.equal(a.score, 100 - 2 * 2 - 1, 'two lates at -2, one missing punch at -1');
  assert.equal(
    a.totalFen,
    -2000 - 1000,
    'the 12-minute late costs 20, the 5-minute one is free, the missing punch 10',
  );
  assert.equal(b.totalFen, 20000, 'full attendance bonus');
  assert.equal(b.score, 100);

  const s = await ok(hr.get(`/api/assessment/statement?month=2025-10&employeeId=${aliceId}`));
  assert.deepEqual(
    s.ledger.map((l: { date: string; text: string }) => [l.date, l.text]),
    [
      ['2025-10-13', '迟到罚款 · Late 12 min: more than 10 min, −20.00'],
      ['2025-10-14', '迟到罚款 · Late 5 min: free (1 of 3 lates of up to 10 min)'],
      [null, '全勤奖 · Full attendance bonus (200.00) not granted: late×2, missingPunch×1'],
      ['2025-10-20', 'Missing punch · Missing punch: beyond the 0 free ones, −10.00'],
    ],
  );
  assert.ok(s.scoreLines.some((l: { text: string }) => l.text === 'Lates 2 × -2 = -4'));

  // Not visible to the employee before publication, and a month cannot skip review.
  assert.equal((await alice.get('/api/assessment/statement?month=2025-10')).status, 404);
  assert.equal((await hr.post('/api/assessment/publish', { month: '2025-10' })).status, 409);
  assert.equal((await alice.get('/api/assessment/results?month=2025-10')).status, 403);
  // The current month has not ended.
  assert.equal((await hr.post('/api/assessment/compute', { month: '2025-11' })).status, 409);
});

test('appeals are refused for an unpublished month, a future day and a day past the appeal period', async () => {
  const month = await alice.post('/api/appeals', { target: 'month', month: '2025-10', reason: 'too early' });
  assert.equal(month.status, 409);
  assert.match(month.body.message, /not published/);
  assert.equal(
    (await alice.post('/api/appeals', { target: 'day', date: '2025-11-20', reason: 'future' })).status,
    400,
  );
  const old = await alice.post('/api/appeals', { target: 'day', date: '2025-09-01', reason: 'old' });
  assert.equal(old.status, 409);
  assert.match(old.body.message, /within 30 days/);
  assert.equal((await alice.get('/api/appeals?mine=true')).body.total, 0);
});

test('a manager sees the results of their departments only', async () => {
  const own = await ok(manager.get('/api/assessment/results?month=2025-10'));
  assert.equal(own.total, 2);
  const other = new ApiClient(server.url);
  await other.login('mgr2', 'Mgr-pass-2026');
  assert.equal((await ok(other.get('/api/assessment/results?month=2025-10'))).total, 0);
  assert.equal(
    (await other.get(`/api/assessment/statement?month=2025-10&employeeId=${aliceId}`)).status,
    403,
  );
  const csv = await other.get('/api/assessment/export?month=2025-10&kind=ledger&format=csv');
  assert.equal(csv.body.toString('utf8').trim().split('\n').length, 1, 'the header only');
});

test('exports for payroll and performance reviews, as XLSX and CSV', async () => {
  const xlsx = await hr.get('/api/assessment/export?month=2025-10&kind=ledger&format=xlsx');
  assert.equal(xlsx.status, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.body);
  const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
  assert.deepEqual(rows[0].slice(1, 8), [
    'Employee no.',
    'Name',
    'Department',
    'Date',
    'Rule',
    'Kind',
    'Amount (CNY)',
  ]);
  const late = rows.find((r) => r[4] === '2025-10-13');
  assert.deepEqual(late?.slice(1, 8), [
    'A1',
    'Alice Wang',
    'Assembly',
    '2025-10-13',
    '迟到罚款',
    'late',
    -20,
  ]);
  const zh = new ApiClient(server.url, 'zh-CN');
  await zh.login('hr1', 'Hr-pass-2026');
  const csv = await zh.get('/api/assessment/export?month=2025-10&kind=assessment&format=csv');
  assert.equal(csv.status, 200);
  const text = csv.body.toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split('\n');
  assert.ok(lines[0].startsWith('工号,姓名,部门,应出勤天数'), lines[0]);
  assert.ok(
    lines.some((l: string) => l.startsWith('A1,Alice Wang,Assembly,18,18,100,2,17,0,0,0,1,0,95,-30.00')),
    text,
  );
});

test('a large month is computed as a background task with progress', async () => {
  await ok(hr.patch('/api/attendance/settings', { syncRecomputeLimit: 10 }));
  try {
    const started = await ok(hr.post('/api/assessment/compute', { month: '2025-09' }));
    assert.equal(started.status, 'open', 'not computed yet when the answer comes');
    assert.equal(started.task.kind, 'assessment.compute');
    let task = started.task;
    for (let i = 0; i < 100 && (task.status === 'queued' || task.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      task = await ok(hr.get(`/api/tasks/${task.id}`));
    }
    assert.equal(task.status, 'done', JSON.stringify(task));
    assert.equal(task.percent, 100);
    const cycle = await ok(hr.get('/api/assessment/cycle?month=2025-09'));
    assert.equal(cycle.status, 'computed');
    assert.equal(cycle.employees, 2);
  } finally {
    await ok(hr.patch('/api/attendance/settings', { syncRecomputeLimit: 2000 }));
  }
});

test('review and publication: statements sent, the public list masks names', async () => {
  await ok(hr.post('/api/assessment/review', { month: '2025-10', note: 'checked' }));
  const published = await ok(hr.post('/api/assessment/publish', { month: '2025-10' }));
  assert.equal(published.status, 'published');
  assert.equal(published.appealUntil, '2025-11-17');
  const mine = await ok(alice.get('/api/assessment/statement?month=2025-10'));
  assert.equal(mine.totalFen, -3000);
  assert.equal((await alice.get(`/api/assessment/statement?month=2025-10&employeeId=${bobId}`)).status, 403);
  const list = await ok(alice.get('/api/assessment/publication?month=2025-10'));
  assert.equal(list.masked, true);
  assert.deepEqual(
    list.items.map((r: { name: string; totalFen: number }) => [r.name, r.totalFen]),
    [
      ['A**** W***', -3000],
      ['张*丰', 20000],
    ],
  );
  const notices = await ok(alice.get('/api/notifications'));
  const statement = notices.items.find((n: { kind: string }) => n.kind === 'assessment.statement');
  assert.ok(statement, JSON.stringify(notices.items));
  assert.match(statement.body.en, /score 95, rewards and penalties -30\.00/);
  assert.match(statement.body['zh-CN'], /迟到 12 分钟：超过 10 分钟，罚款 20\.00/);
  const mail = await server.db.kysely
    .selectFrom('notify_outbox')
    .select(['payload'])
    .where('kind', '=', 'assessment.statement')
    .execute();
  assert.ok(
    mail.some((m) => m.payload.includes('alice@example.com')),
    'the statement is e-mailed to Alice',
  );
});

test('an appeal goes from the manager to HR, is overturned with a punch, and the day, assessment and ledger follow', async () => {
  const form = new FormData();
  const filed = await ok(
    alice.post('/api/appeals', {
      target: 'day',
      date: '2025-10-13',
      reason: 'I was at the kiosk at 08:58, it did not read my face',
    }),
    201,
  );
  assert.deepEqual(filed.chain, ['manager', 'hr']);
  assert.equal(filed.currentStep, 'manager');
  assert.equal(filed.day.lateMinutes, 12);
  form.append('file', new Blob([Buffer.from('queue photo')], { type: 'image/png' }), 'queue.png');
  const withFile = await ok(alice.request('POST', `/api/appeals/${filed.id}/attachments`, form));
  assert.equal(withFile.attachments[0].fileName, 'queue.png');
  const file = await manager.get(`/api/appeals/attachments/${withFile.attachments[0].id}`);
  assert.equal(file.status, 200);
  assert.equal(file.body.toString(), 'queue photo');
  const stranger = new ApiClient(server.url);
  await stranger.login('mgr2', 'Mgr-pass-2026');
  assert.equal((await stranger.get(`/api/appeals/${filed.id}`)).status, 403);
  assert.equal((await stranger.get(`/api/appeals/attachments/${withFile.attachments[0].id}`)).status, 403);
  assert.equal((await stranger.post(`/api/appeals/${filed.id}/decide`, { decision: 'uphold' })).status, 403);
  // The same day cannot be appealed twice at once; the employee cannot decide.
  assert.equal(
    (await alice.post('/api/appeals', { target: 'day', date: '2025-10-13', reason: 'again' })).status,
    409,
  );
  assert.equal((await alice.post(`/api/appeals/${filed.id}/decide`, { decision: 'overturn' })).status, 403);
  // The manager's inbox has it; HR's step is not the manager's.
  const inbox = await ok(manager.get('/api/appeals?toDecide=true'));
  assert.deepEqual(
    inbox.items.map((a: { id: number }) => a.id),
    [filed.id],
  );
  const managerNotice = (await ok(manager.get('/api/notifications'))).items[0];
  assert.equal(managerNotice.kind, 'appeal.submitted');
  const forwarded = await ok(
    manager.post(`/api/appeals/${filed.id}/decide`, {
      decision: 'overturn',
      comment: 'kiosk queue confirmed',
    }),
  );
  assert.equal(forwarded.status, 'pending');
  assert.equal(forwarded.currentStep, 'hr');
  assert.equal((await manager.post(`/api/appeals/${filed.id}/decide`, { decision: 'overturn' })).status, 403);
  // Overturning needs the correction.
  assert.equal((await hr.post(`/api/appeals/${filed.id}/decide`, { decision: 'overturn' })).status, 400);
  const decided = await ok(
    hr.post(`/api/appeals/${filed.id}/decide`, {
      decision: 'overturn',
      comment: 'punch restored',
      correction: { kind: 'punch', at: local('2025-10-13', '08:58') },
    }),
  );
  assert.equal(decided.status, 'overturned');
  assert.equal(decided.day.lateMinutes, 0);
  assert.deepEqual(
    decided.events.map((e: { action: string; actor: string }) => [e.action, e.actor]),
    [
      ['submitted', 'alice'],
      ['attachment', 'alice'],
      ['forwarded', 'mgr1'],
      ['overturned', 'hr1'],
    ],
  );

  // The day: recomputed, its history naming the appeal.
  const day = await ok(hr.get(`/api/attendance/day?employeeId=${aliceId}&date=2025-10-13`));
  assert.equal(day.result.lateMinutes, 0);
  assert.match(day.cause, /^manual punch #\d+ by hr1 \(appeal #\d+\)$/);
  // The assessment and the ledger: one late fewer, the 20 penalty gone, the earlier version kept.
  const s = await ok(alice.get('/api/assessment/statement?month=2025-10'));
  assert.equal(s.lateCount, 1);
  assert.equal(s.score, 97);
  assert.equal(s.totalFen, -1000);
  assert.ok(!s.ledger.some((l: { code: string }) => l.code === 'late.overMax'));
  assert.equal(s.version, 2);
  assert.equal(s.cause, `appeal #${filed.id} overturned`);
  assert.deepEqual(
    s.history.map((h: { version: number; totalFen: number }) => [h.version, h.totalFen]),
    [[1, -3000]],
  );
  // The employee is told, in the app and by e-mail.
  const notices = await ok(alice.get('/api/notifications'));
  const decidedNotice = notices.items.find((n: { kind: string }) => n.kind === 'appeal.decided');
  assert.match(decidedNotice.body.en, /was accepted.*score 97, rewards and penalties -10\.00/);
  const mail = await server.db.kysely
    .selectFrom('notify_outbox')
    .select('payload')
    .where('kind', '=', 'appeal.decided')
    .execute();
  assert.equal(mail.length, 1);
  // The audit log shows each step, in order.
  const log = await ok((await adminClient(server)).get('/api/audit?limit=200'));
  const all = (log.items as { action: string }[]).map((e) => e.action).reverse();
  const actions = all
    .slice(all.lastIndexOf('assessment.compute'))
    .filter((a) => /^(appeal\.|punch\.manual|assessment\.(refresh|compute|publish|review))/.test(a));
  assert.deepEqual(actions, [
    'assessment.compute',
    'assessment.review',
    'assessment.publish',
    'appeal.submit',
    'appeal.attachment',
    'appeal.attachment_read',
    'appeal.overturn',
    'punch.manual',
    'appeal.overturn',
    'assessment.refresh',
  ]);
});

test('a month appeal upheld by the manager ends there; another overturned with an adjustment refunds the ledger', async () => {
  const first = await ok(
    alice.post('/api/appeals', { target: 'month', month: '2025-10', reason: 'score too low' }),
    201,
  );
  const upheld = await ok(
    manager.post(`/api/appeals/${first.id}/decide`, { decision: 'uphold', comment: 'it stands' }),
  );
  assert.equal(upheld.status, 'upheld');
  const notices = await ok(alice.get('/api/notifications'));
  assert.ok(
    notices.items.some((n: { body: { en: string } }) =>
      /was not accepted; the result stands/.test(n.body.en),
    ),
  );

  const second = await ok(
    alice.post('/api/appeals', {
      target: 'month',
      month: '2025-10',
      reason: 'I was at a client on the 20th',
    }),
    201,
  );
  await ok(manager.post(`/api/appeals/${second.id}/decide`, { decision: 'overturn' }));
  await ok(
    hr.post(`/api/appeals/${second.id}/decide`, {
      decision: 'overturn',
      correction: { kind: 'adjustment', amountFen: 1000, note: 'client visit' },
    }),
  );
  const s = await ok(alice.get('/api/assessment/statement?month=2025-10'));
  assert.equal(s.totalFen, 0);
  assert.equal(s.ledger.at(-1).text, `Adjustment after appeal #${second.id}: 10.00 (client visit)`);
  // A withdrawn appeal stays in the list as withdrawn.
  const third = await ok(alice.post('/api/appeals', { target: 'day', date: '2025-10-14', reason: 'x' }), 201);
  const withdrawn = await ok(alice.post(`/api/appeals/${third.id}/withdraw`, {}));
  assert.equal(withdrawn.status, 'withdrawn');
  const mine = await ok(alice.get('/api/appeals?mine=true'));
  assert.deepEqual(
    mine.items.map((a: { status: string }) => a.status),
    ['withdrawn', 'overturned', 'upheld', 'overturned'],
  );
});

test('a day appeal overturned with approved field work removes the missing punch through the request workflow', async () => {
  const filed = await ok(
    alice.post('/api/appeals', {
      target: 'day',
      date: '2025-10-20',
      reason: 'I left for a client in the afternoon',
    }),
    201,
  );
  await ok(manager.post(`/api/appeals/${filed.id}/decide`, { decision: 'overturn' }));
  const decided = await ok(
    hr.post(`/api/appeals/${filed.id}/decide`, {
      decision: 'overturn',
      correction: {
        kind: 'request',
        request: { kind: 'fieldWork', startDate: '2025-10-20', endDate: '2025-10-20' },
      },
    }),
  );
  assert.equal(decided.day.missingPunches, 0);
  const requests = await ok(hr.get(`/api/attendance/requests?employeeId=${aliceId}&kind=fieldWork`));
  assert.equal(requests.items.length, 1);
  assert.equal(requests.items[0].status, 'approved');
  assert.equal(requests.items[0].reason, `appeal #${filed.id}`);
  const s = await ok(alice.get('/api/assessment/statement?month=2025-10'));
  assert.equal(s.missingPunches, 0);
  assert.ok(!s.ledger.some((l: { kind: string }) => l.kind === 'missingPunch'));
  assert.equal(s.totalFen, 1000, 'only the adjustment is left');
});

test('reminders go to the deciders once per step near the deadline', async () => {
  const { sendAppealReminders } = await import('../../src/services/appeals/appeals.service.js');
  const { systemActor } = await import('../../src/services/actor.js');
  const filed = await ok(
    alice.post('/api/appeals', { target: 'day', date: '2025-10-15', reason: 'late?' }),
    201,
  );
  assert.deepEqual(await sendAppealReminders(server.ctx, systemActor('test')), { reminded: 0 });
  now = new Date(now.getTime() + 2.5 * 86_400_000); // the manager's step is due in half a day
  await login();
  assert.deepEqual(await sendAppealReminders(server.ctx, systemActor('test')), { reminded: 1 });
  assert.deepEqual(await sendAppealReminders(server.ctx, systemActor('test')), { reminded: 0 });
  const reminders = (await ok(manager.get('/api/notifications'))).items.filter(
    (n: { kind: string }) => n.kind === 'appeal.reminder',
  );
  assert.equal(reminders.length, 1);
  await ok(manager.post(`/api/appeals/${filed.id}/decide`, { decision: 'uphold' }));
});

test('the month closes only after the appeal window, and then locks the days', async () => {
  assert.equal(
    (await hr.post('/api/assessment/close', { month: '2025-10' })).status,
    409,
    'window still open',
  );
  now = new Date('2025-11-18T02:00:00Z');
  await login();
  // The attendance month needs its data review (月度数据核对) before it can close.
  const unreviewed = await hr.post('/api/assessment/close', { month: '2025-10' });
  assert.equal(unreviewed.body.code, 'month_not_reviewed');
  await ok(hr.post('/api/reports/review/reviewed', { month: '2025-10' }));
  const closed = await ok(hr.post('/api/assessment/close', { month: '2025-10' }));
  assert.equal(closed.status, 'closed');
  const months = await ok(hr.get('/api/attendance/months?year=2025'));
  assert.equal(months.find((m: { month: string }) => m.month === '2025-10').status, 'closed');
  assert.equal(
    (await alice.post('/api/appeals', { target: 'month', month: '2025-10', reason: 'late' })).status,
    409,
  );
  assert.equal((await hr.post('/api/assessment/compute', { month: '2025-10' })).status, 409);
  const statements = await ok(alice.get('/api/me/statements'));
  assert.deepEqual(
    statements.map((s: { month: string; status: string }) => [s.month, s.status]),
    [['2025-10', 'closed']],
  );
  // Reopened with a reason: published again, the attendance month open, a day can be appealed again.
  const reopened = await ok(hr.post('/api/assessment/reopen', { month: '2025-10', reason: 'payroll query' }));
  assert.equal(reopened.status, 'published');
  const after = await ok(hr.get('/api/attendance/months?year=2025'));
  assert.equal(after.find((m: { month: string }) => m.month === '2025-10').status, 'open');
  assert.equal((await hr.post('/api/assessment/reopen', { month: '2025-10', reason: 'again' })).status, 409);
});
