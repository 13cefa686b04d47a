// Attendance end to end through the API, on a real database: schedules and punches become day results with
// reasons; requests go through their approval chain, move balances and recompute days; corrections have a
// quota; a 调休 Saturday is a workday; closed months refuse changes until reopened; a rule preview saves
// nothing; a manager sees only their departments.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

// Monday 20 October 2025, 18:00 in Shanghai.
const NOW = new Date('2025-10-20T10:00:00Z');
const local = (date: string, time: string) => `${date}T${time}:00+08:00`;

let server: TestServer;
let hr: ApiClient;
let manager: ApiClient;
let alice: ApiClient; // employee in department A
let deptA: number;
let deptB: number;
let aliceId: number;
let bobId: number; // department A
let carolId: number; // department B
let groupId: number;

async function day(client: ApiClient, employeeId: number, date: string) {
  const res = await client.get(`/api/attendance/day?employeeId=${employeeId}&date=${date}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function punch(employeeId: number, date: string, time: string) {
  const res = await hr.post('/api/attendance/punches', {
    employeeId,
    at: local(date, time),
    note: 'kiosk down',
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

before(async () => {
  server = await startTestServer({}, { now: () => NOW });
  const admin = await adminClient(server);
  deptA = (await admin.post('/api/departments', { name: 'Assembly', code: 'A' })).body.id;
  deptB = (await admin.post('/api/departments', { name: 'Buying', code: 'B' })).body.id;
  const mk = async (no: string, name: string, departmentId: number) =>
    (await admin.post('/api/employees', { employeeNo: no, name, departmentId, hireDate: '2020-03-01' })).body
      .id;
  aliceId = await mk('A1', 'Alice', deptA);
  bobId = await mk('A2', 'Bob', deptA);
  carolId = await mk('B1', 'Carol', deptB);
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

  const shift = await hr.post('/api/attendance/shifts', {
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
  assert.equal(shift.status, 201, JSON.stringify(shift.body));
  const calendars = (await hr.get('/api/attendance/calendars')).body;
  assert.deepEqual(calendars[0].years, [2025, 2026], 'the bundled mainland China calendar is there');
  const group = await hr.post('/api/attendance/groups', {
    name: 'Office',
    zone: 'Asia/Shanghai',
    calendarId: calendars[0].id,
    rules: { lateGraceMinutes: 0, lateAsAbsence: { halfDayAfterMinutes: 120 } },
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
  groupId = group.body.id;
  const members = await hr.put(`/api/attendance/groups/${groupId}/members`, {
    members: [
      { departmentId: deptA, from: '2025-09-01' },
      { departmentId: deptB, from: '2025-09-01' },
    ],
  });
  assert.equal(members.status, 200, JSON.stringify(members.body));
  assert.equal((await hr.get(`/api/attendance/groups/${groupId}`)).body.employeeCount, 3);
});

after(() => server?.stop());

test('punches and the schedule give a day result whose reasons name the punch, the shift and the grace', async () => {
  await punch(aliceId, '2025-10-13', '09:12');
  const out = await punch(aliceId, '2025-10-13', '18:05');
  assert.equal(out.recompute.mode, 'sync');
  const d = await day(hr, aliceId, '2025-10-13');
  assert.equal(d.stored, true);
  assert.equal(d.result.lateMinutes, 12);
  assert.equal(d.result.workedMinutes, 9 * 60 - 7 - 60, '09:12 to 18:05 less the lunch break');
  assert.ok(d.result.statuses.includes('late'));
  assert.ok(
    d.reasons.some(
      (r: { text: string }) => r.text === 'late 12 min: punch 09:12, shift starts 09:00, grace 0',
    ),
    JSON.stringify(d.reasons),
  );
  const zh = new ApiClient(server.url, 'zh-CN');
  await zh.login('hr1', 'Hr-pass-2026');
  const dz = await day(zh, aliceId, '2025-10-13');
  assert.ok(dz.reasons.some((r: { text: string }) => r.text.startsWith('迟到 12 分钟：打卡 09:12')));
  // Joining the group made the day an absence, the first punch a late day missing its check-out, the
  // second a late day; the history says what each step changed and why.
  assert.equal(d.version, 3);
  assert.deepEqual(
    d.history.map((h: { cause: string }) => h.cause),
    ['manual punch #2 by hr1', 'manual punch #1 by hr1', `group #${groupId} members changed`],
  );
  assert.deepEqual(
    d.history[0].changes.find((c: { field: string }) => c.field === 'missingOut'),
    {
      field: 'missingOut',
      before: 1,
      after: 0,
    },
  );
  assert.deepEqual(
    d.history[1].changes.find((c: { field: string }) => c.field === 'absent'),
    {
      field: 'absent',
      before: 'full',
      after: 'none',
    },
  );
});

test('an approved leave deducts the balance and removes the absence; cancelling restores both', async () => {
  const recompute = await hr.post('/api/attendance/recompute', { from: '2025-10-14', to: '2025-10-14' });
  assert.equal(recompute.status, 200);
  assert.equal((await day(hr, aliceId, '2025-10-14')).result.absent, 'full');

  assert.equal(
    (await hr.put(`/api/attendance/profiles/${aliceId}`, { firstWorkDate: '2012-07-01' })).status,
    200,
  );
  const accrued = await hr.post('/api/attendance/balances/accrue', { year: 2025 });
  assert.equal(accrued.status, 200, JSON.stringify(accrued.body));
  const annual = async () =>
    (
      (await alice.get('/api/attendance/balances?year=2025')).body as {
        leaveType: string;
        granted: number;
        used: number;
      }[]
    ).find((b) => b.leaveType === 'annual')!;
  assert.deepEqual(
    [(await annual()).granted, (await annual()).used],
    [10, 0],
    '10 to under 20 working years: 10 days',
  );

  const submitted = await alice.post('/api/attendance/requests', {
    kind: 'leave',
    leaveType: 'annual',
    startDate: '2025-10-14',
    endDate: '2025-10-14',
    reason: 'family',
  });
  assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
  assert.deepEqual(submitted.body.chain, ['manager', 'hr']);
  const id = submitted.body.id;
  // HR's step comes after the manager's; the manager cannot decide HR's step.
  const inbox = (await manager.get('/api/attendance/approvals')).body;
  assert.deepEqual(
    inbox.items.map((r: { id: number }) => r.id),
    [id],
  );
  const first = await manager.post(`/api/attendance/requests/${id}/approve`, { comment: 'ok' });
  assert.equal(first.status, 200);
  assert.equal(first.body.status, 'pending');
  assert.equal(first.body.currentStep, 'hr');
  assert.equal((await manager.post(`/api/attendance/requests/${id}/approve`, {})).body.code, 'not_your_step');
  const second = await hr.post(`/api/attendance/requests/${id}/approve`, {});
  assert.equal(second.body.status, 'approved');
  assert.equal(second.body.amount, 1);
  assert.deepEqual([(await annual()).used], [1]);
  const leaveDay = await day(hr, aliceId, '2025-10-14');
  assert.equal(leaveDay.result.absent, 'none');
  assert.ok(leaveDay.result.statuses.includes('leave'));
  assert.match(leaveDay.history[0].cause, new RegExp(`request #${id}`));

  const cancelled = await alice.post(`/api/attendance/requests/${id}/cancel`, { comment: 'plans changed' });
  assert.equal(cancelled.body.status, 'cancelled');
  assert.equal((await annual()).used, 0);
  assert.equal((await day(hr, aliceId, '2025-10-14')).result.absent, 'full');
  assert.deepEqual(
    cancelled.body.events.map((e: { action: string }) => e.action),
    ['submitted', 'approved', 'approved', 'cancelled'],
  );
  const ledger = (await hr.get(`/api/attendance/balances/${aliceId}/ledger`)).body;
  assert.deepEqual(
    ledger.map((l: { reason: string }) => l.reason),
    ['cancellation', 'approval', 'accrual'],
  );
});

test('leave beyond the balance is refused', async () => {
  const res = await alice.post('/api/attendance/requests', {
    kind: 'leave',
    leaveType: 'annual',
    startDate: '2025-11-03',
    endDate: '2025-11-21',
  });
  assert.equal(res.status, 409);
  assert.equal(res.body.code, 'insufficient_balance');
});

test('a punch correction within the quota fixes a missing punch; beyond the quota it is refused', async () => {
  assert.equal((await hr.patch('/api/attendance/settings', { correctionQuotaPerMonth: 1 })).status, 200);
  await punch(aliceId, '2025-10-15', '08:58');
  assert.equal((await day(hr, aliceId, '2025-10-15')).result.missingOut, 1);
  const fix = await alice.post('/api/attendance/requests', {
    kind: 'punchCorrection',
    at: local('2025-10-15', '18:00'),
  });
  assert.equal(fix.status, 201, JSON.stringify(fix.body));
  assert.deepEqual(fix.body.chain, ['manager']);
  const approved = await manager.post(`/api/attendance/requests/${fix.body.id}/approve`, {});
  assert.equal(approved.body.status, 'approved');
  const fixed = await day(hr, aliceId, '2025-10-15');
  assert.equal(fixed.result.missingOut, 0);
  assert.ok(fixed.result.statuses.includes('corrected'));
  const again = await alice.post('/api/attendance/requests', {
    kind: 'punchCorrection',
    at: local('2025-10-16', '09:00'),
  });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'correction_quota_exceeded');
  const late = await alice.post('/api/attendance/requests', {
    kind: 'punchCorrection',
    at: local('2025-09-30', '09:00'),
  });
  assert.equal(late.body.code, 'correction_deadline_passed');
});

test('the 调休 Saturday of National Day 2025 is a workday with the office shift; a plain Saturday is rest', async () => {
  await punch(bobId, '2025-10-11', '08:55');
  await punch(bobId, '2025-10-11', '18:02');
  const sat = await day(hr, bobId, '2025-10-11');
  assert.equal(sat.result.dayType, 'workday');
  assert.equal(sat.result.shiftId, 'office');
  assert.deepEqual(sat.result.statuses, ['normal']);
  await hr.post('/api/attendance/recompute', { from: '2025-10-18', to: '2025-10-18', employeeIds: [bobId] });
  const plain = await day(hr, bobId, '2025-10-18');
  assert.equal(plain.result.dayType, 'restDay');
  assert.equal(plain.result.absent, 'none');
  const holiday = await day(hr, bobId, '2025-10-01');
  assert.equal(holiday.result.dayType, 'statutoryHoliday');
});

test('a closed month refuses changes until HR reopens it, and both are audited', async () => {
  const unreviewed = await hr.post('/api/attendance/months/close', { month: '2025-09' });
  assert.equal(unreviewed.body.code, 'month_not_reviewed', 'the data review comes first');
  assert.equal((await hr.post('/api/reports/review/reviewed', { month: '2025-09' })).status, 200);
  const closed = await hr.post('/api/attendance/months/close', { month: '2025-09' });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  assert.equal((await alice.post('/api/attendance/months/close', { month: '2025-08' })).status, 403);
  const refused = await hr.post('/api/attendance/punches', {
    employeeId: carolId,
    at: local('2025-09-15', '09:00'),
    note: 'forgot',
  });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'month_closed');
  const leave = await hr.post('/api/attendance/requests', {
    employeeId: carolId,
    kind: 'businessTrip',
    startDate: '2025-09-29',
    endDate: '2025-10-09',
  });
  assert.equal(leave.body.code, 'month_closed');
  assert.equal(
    (await hr.post('/api/attendance/months/reopen', { month: '2025-09', reason: '' })).status,
    400,
  );
  const reopened = await hr.post('/api/attendance/months/reopen', {
    month: '2025-09',
    reason: 'late sick note',
  });
  assert.equal(reopened.status, 200);
  assert.equal((await punch(carolId, '2025-09-15', '09:10')).recompute.mode, 'sync');
  const admin = await adminClient(server);
  const log = (await admin.get('/api/audit?action=month.')).body.items.map(
    (e: { action: string }) => e.action,
  );
  assert.deepEqual(log, ['month.reopen', 'month.close']);
  const months = (await hr.get('/api/attendance/months?year=2025')).body;
  assert.equal(months[8].status, 'open');
  assert.equal(months[8].note, 'late sick note');
});

test('a rule change tried on last month lists the differences and saves nothing', async () => {
  await punch(carolId, '2025-09-16', '09:10');
  await punch(carolId, '2025-09-16', '18:00');
  const before = await day(hr, carolId, '2025-09-16');
  assert.equal(before.result.lateMinutes, 10);
  const preview = await hr.post('/api/attendance/preview', {
    draft: {
      groups: [{ id: groupId, rules: { lateGraceMinutes: 15, lateAsAbsence: { halfDayAfterMinutes: 120 } } }],
    },
  });
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.equal(preview.body.month, '2025-09');
  const diff = preview.body.differences.find(
    (d: { employeeId: number; date: string }) => d.employeeId === carolId && d.date === '2025-09-16',
  );
  assert.ok(diff, JSON.stringify(preview.body.differences));
  assert.deepEqual(
    diff.changes.find((c: { field: string }) => c.field === 'lateMinutes'),
    { field: 'lateMinutes', before: 10, after: 0 },
  );
  assert.ok(preview.body.totals.after.lateMinutes < preview.body.totals.before.lateMinutes);
  const after = await day(hr, carolId, '2025-09-16');
  assert.equal(after.result.lateMinutes, 10);
  assert.equal(after.version, before.version);
  assert.equal((await hr.get(`/api/attendance/groups/${groupId}`)).body.rules.lateGraceMinutes, 0);
});

test('a manager sees only their departments in the grid', async () => {
  const grid = await manager.get(`/api/attendance/grid?month=2025-10`);
  assert.equal(grid.status, 200, JSON.stringify(grid.body));
  assert.deepEqual(
    grid.body.rows.map((r: { employeeNo: string }) => r.employeeNo),
    ['A1', 'A2'],
  );
  const alice13 = grid.body.rows[0].cells[grid.body.dates.indexOf('2025-10-13')];
  assert.equal(alice13.lateMinutes, 12);
  assert.equal((await manager.get(`/api/attendance/grid?month=2025-10&departmentId=${deptB}`)).status, 403);
  assert.equal((await manager.get(`/api/attendance/day?employeeId=${carolId}&date=2025-09-15`)).status, 403);
  const hrGrid = await hr.get(`/api/attendance/grid?month=2025-10`);
  assert.deepEqual(
    hrGrid.body.rows.map((r: { employeeNo: string }) => r.employeeNo),
    ['A1', 'A2', 'B1'],
  );
  assert.equal((await alice.get('/api/attendance/grid?month=2025-10')).status, 403);
  assert.equal((await alice.get(`/api/attendance/day?employeeId=${aliceId}&date=2025-10-13`)).status, 200);
  assert.equal((await alice.get(`/api/attendance/day?employeeId=${bobId}&date=2025-10-13`)).status, 403);
});
