// Attendance configuration through the API: calendars imported and exported per year with company days off,
// the schedule grid's overrides, a rotating night roster, attachments, bulk approval, and a large recompute
// that runs as a background task with progress.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { settleTasks } from '../../src/services/tasks.service.js';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

const NOW = new Date('2025-10-20T10:00:00Z');
const local = (date: string, time: string) => `${date}T${time}:00+08:00`;

let server: TestServer;
let hr: ApiClient;
let dept: number;
let people: number[] = [];
let officeGroup: number;
let calendarId: number;

async function day(employeeId: number, date: string) {
  const res = await hr.get(`/api/attendance/day?employeeId=${employeeId}&date=${date}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function punch(employeeId: number, at: string) {
  const res = await hr.post('/api/attendance/punches', { employeeId, at, note: 'test' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

function upload(text: string, name: string) {
  const form = new FormData();
  form.append('file', new Blob([text]), name);
  return form;
}

before(async () => {
  server = await startTestServer({}, { now: () => NOW });
  const admin = await adminClient(server);
  assert.equal(
    (await admin.post('/api/users', { username: 'hr1', password: 'Hr-pass-2026', roles: ['hr'] })).status,
    201,
  );
  hr = new ApiClient(server.url);
  await hr.login('hr1', 'Hr-pass-2026');
  dept = (await admin.post('/api/departments', { name: 'Plant' })).body.id;
  people = [];
  for (let i = 1; i <= 6; i++) {
    people.push(
      (await admin.post('/api/employees', { employeeNo: `P${i}`, name: `P ${i}`, departmentId: dept })).body
        .id,
    );
  }
  const mk = (code: string, segments: { start: string; end: string }[]) =>
    hr.post('/api/attendance/shifts', { code, name: code, definition: { kind: 'fixed', segments } });
  assert.equal((await mk('office', [{ start: '09:00', end: '18:00' }])).status, 201);
  assert.equal((await mk('night', [{ start: '22:00', end: '06:00' }])).status, 201);
  const cal = await hr.post('/api/attendance/calendars', { name: 'Plant calendar', bundledYears: [2025] });
  assert.equal(cal.status, 201, JSON.stringify(cal.body));
  calendarId = cal.body.id;
  const g = await hr.post('/api/attendance/groups', {
    name: 'Office',
    zone: 'Asia/Shanghai',
    calendarId,
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
  officeGroup = g.body.id;
  await hr.put(`/api/attendance/groups/${officeGroup}/members`, {
    members: people.slice(0, 4).map((employeeId) => ({ employeeId, from: '2025-10-01' })),
  });
});

after(() => server?.stop());

test('a calendar year exports as CSV and iCalendar, imports back, and rejects a bad file by line', async () => {
  const csv = await hr.get(`/api/attendance/calendars/${calendarId}/export?year=2025&format=csv`);
  assert.equal(csv.status, 200);
  const text = csv.body.toString('utf8');
  assert.match(text, /^date,type,name\n/);
  assert.match(text, /2025-10-11,workday,/, 'the 调休 Saturday');
  assert.match(text, /2025-10-01,statutoryHoliday,/);
  const ics = (
    await hr.get(`/api/attendance/calendars/${calendarId}/export?year=2025&format=ics`)
  ).body.toString('utf8');
  assert.match(ics, /X-FACECLOCK-DAYTYPE:workday/);

  const other = (await hr.post('/api/attendance/calendars', { name: 'Copy' })).body;
  const imported = await hr.post(
    `/api/attendance/calendars/${other.id}/import?year=2025&format=ics`,
    upload(ics, '2025.ics'),
  );
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  const year = (await hr.get(`/api/attendance/calendars/${other.id}/year?year=2025`)).body;
  const typeOf = (date: string) => year.days.find((d: { date: string }) => d.date === date);
  assert.equal(typeOf('2025-10-11').type, 'workday');
  assert.equal(typeOf('2025-10-03').type, 'statutoryHoliday');
  assert.equal(typeOf('2025-10-18').source, 'weekend');
  const again = (
    await hr.get(`/api/attendance/calendars/${other.id}/export?year=2025&format=csv`)
  ).body.toString('utf8');
  assert.equal(again, text, 'an exported year imports back to the same year');

  const bad = await hr.post(
    `/api/attendance/calendars/${other.id}/import?year=2025&format=csv`,
    upload('date,type,name\n2025-02-30,workday,x\n', 'bad.csv'),
  );
  assert.equal(bad.status, 400);
  assert.equal(bad.body.code, 'calendar_file_invalid');
  assert.match(bad.body.message, /line 2/);
  const wrongYear = await hr.post(
    `/api/attendance/calendars/${other.id}/import?year=2026&format=csv`,
    upload(text, '2025.csv'),
  );
  assert.equal(wrongYear.status, 400);
});

test('a company day off turns a workday absence into a rest day', async () => {
  const id = people[0];
  await hr.post('/api/attendance/recompute', { from: '2025-10-17', to: '2025-10-17', employeeIds: [id] });
  assert.equal((await day(id, '2025-10-17')).result.absent, 'full');
  const off = await hr.put(`/api/attendance/calendars/${calendarId}/year?year=2025`, {
    daysOff: [{ date: '2025-10-17', name: 'Company anniversary' }],
  });
  assert.equal(off.status, 200, JSON.stringify(off.body));
  assert.equal(off.body.changedDates, 1);
  assert.equal(off.body.recompute.mode, 'sync');
  const d = await day(id, '2025-10-17');
  assert.equal(d.result.dayType, 'restDay');
  assert.equal(d.result.absent, 'none');
  assert.match(d.cause, /calendar/);
});

test('a schedule-grid cell gives one employee a day off and the grid shows it', async () => {
  const id = people[1];
  await hr.post('/api/attendance/recompute', { from: '2025-10-15', to: '2025-10-15', employeeIds: [id] });
  assert.equal((await day(id, '2025-10-15')).result.absent, 'full');
  const set = await hr.put(`/api/attendance/groups/${officeGroup}/overrides`, {
    set: [{ date: '2025-10-15', employeeId: id, shift: null }],
  });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.equal((await day(id, '2025-10-15')).result.absent, 'none');
  const grid = (await hr.get(`/api/attendance/groups/${officeGroup}/schedule?from=2025-10-13&to=2025-10-19`))
    .body;
  const row = grid.rows.find((r: { employeeId: number }) => r.employeeId === id);
  assert.deepEqual(row.cells[2], {
    date: '2025-10-15',
    shift: null,
    dayType: 'restDay',
    source: 'override',
    override: true,
  });
  assert.equal(row.cells[1].shift, 'office');
  assert.equal(
    grid.rows.find((r: { employeeId: number }) => r.employeeId === people[0]).cells[2].shift,
    'office',
  );
});

test('a rotating night roster keeps the punch after midnight with the day the shift started', async () => {
  const g = await hr.post('/api/attendance/groups', {
    name: 'Nights',
    zone: 'Asia/Shanghai',
    calendarId,
    versions: [
      {
        effectiveFrom: '2025-10-01',
        schedule: { kind: 'rotating', cycle: ['night', 'night', null, null], anchorDate: '2025-10-01' },
      },
    ],
  });
  assert.equal(g.status, 201, JSON.stringify(g.body));
  const id = people[4];
  await hr.put(`/api/attendance/groups/${g.body.id}/members`, {
    members: [{ employeeId: id, from: '2025-10-01' }],
  });
  // 2025-10-13 is day 1 of a cycle (13 - 1 = 12, a multiple of 4).
  await punch(id, local('2025-10-13', '21:55'));
  await punch(id, local('2025-10-14', '06:03'));
  const d = await day(id, '2025-10-13');
  assert.equal(d.result.shiftId, 'night');
  assert.equal(d.result.pairs[0].out.time, '06:03+1');
  assert.deepEqual(d.result.statuses, ['normal']);
  const next = await day(id, '2025-10-14');
  assert.equal(next.result.pairs.length === 0 || next.result.pairs[0].in?.time !== '06:03', true);
});

test('attachments are stored with a size limit and come back as sent', async () => {
  const r = await hr.post('/api/attendance/requests', {
    employeeId: people[2],
    kind: 'leave',
    leaveType: 'sick',
    startDate: '2025-10-16',
    endDate: '2025-10-16',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const note = 'doctor: rest one day';
  const added = await hr.post(`/api/attendance/requests/${r.body.id}/attachments`, upload(note, 'note.txt'));
  assert.equal(added.status, 200, JSON.stringify(added.body));
  assert.equal(added.body.attachments[0].fileName, 'note.txt');
  const file = await hr.get(`/api/attendance/attachments/${added.body.attachments[0].id}`);
  assert.equal(file.body.toString('utf8'), note);
  await hr.patch('/api/attendance/settings', { attachmentMaxMb: 0.001 });
  const big = await hr.post(
    `/api/attendance/requests/${r.body.id}/attachments`,
    upload('x'.repeat(5000), 'big.txt'),
  );
  assert.equal(big.status, 413);
  assert.equal(big.body.code, 'attachment_too_large');
  const commented = await hr.post(`/api/attendance/requests/${r.body.id}/comments`, { text: 'received' });
  assert.deepEqual(
    commented.body.events.map((e: { action: string }) => e.action),
    ['submitted', 'attachment', 'commented'],
  );
});

test('bulk approval decides each request on its own', async () => {
  const ids: number[] = [];
  for (const employeeId of people.slice(0, 3)) {
    const r = await hr.post('/api/attendance/requests', {
      employeeId,
      kind: 'businessTrip',
      startAt: local('2025-10-16', '14:00'),
      endAt: local('2025-10-16', '18:00'),
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(r.body.chain, ['hr'], 'no manager for the department: the manager step is skipped');
    ids.push(r.body.id);
  }
  const inbox = (await hr.get('/api/attendance/approvals')).body.items.map((r: { id: number }) => r.id);
  for (const id of ids) assert.ok(inbox.includes(id));
  const bulk = await hr.post('/api/attendance/approvals/bulk', { ids: [...ids, 99999], decision: 'approve' });
  assert.equal(bulk.status, 200, JSON.stringify(bulk.body));
  assert.deepEqual(
    bulk.body.results.map((r: { ok: boolean }) => r.ok),
    [true, true, true, false],
  );
  for (const id of ids)
    assert.equal((await hr.get(`/api/attendance/requests/${id}`)).body.status, 'approved');
  const d = await day(people[0], '2025-10-16');
  assert.equal(d.result.businessTripMinutes, 240);
});

test('a recompute larger than the limit runs as a background task with progress', async () => {
  await hr.patch('/api/attendance/settings', { syncRecomputeLimit: 10 });
  const res = await hr.post('/api/attendance/recompute', { from: '2025-10-01', to: '2025-10-19' });
  assert.equal(res.status, 200);
  assert.equal(res.body.mode, 'task');
  await settleTasks();
  const task = (await hr.get(`/api/tasks/${res.body.task.id}`)).body;
  assert.equal(task.status, 'done', JSON.stringify(task));
  assert.equal(task.percent, 100);
  assert.equal(task.result.evaluated, res.body.days);
  await hr.patch('/api/attendance/settings', { syncRecomputeLimit: 2000 });
});
