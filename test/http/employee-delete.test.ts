// Deleting an employee: only a person entered by mistake can go. Someone with attendance records (a punch, a
// refused attempt that identified them, ...) is refused with employee_has_records, in the caller's language, and
// the records stay; they are terminated instead. A person with no records is deleted, consent and all, and a user
// linked to them is unlinked. What the system derived on its own does not keep them: the day results the
// attendance engine computed from their schedule are deleted with them, and kiosk attempts that named them only
// as the closest candidate stay, naming no one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { photo, recordConsent } from './faces-fixtures.js';
import { kioskCall, pairKiosk, punchBody } from './kiosk-fixtures.js';

// Wednesday 4 March 2026, noon in Shanghai.
const NOW = new Date('2026-03-04T04:00:00Z');

let server: TestServer;
let hr: ApiClient;
let hrZh: ApiClient;

before(async () => {
  server = await startTestServer({}, { now: () => NOW });
  const admin = await adminClient(server);
  const user = await admin.post('/api/users', { username: 'hr1', password: 'Hr-pass-2026', roles: ['hr'] });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  hr = new ApiClient(server.url);
  await hr.login('hr1', 'Hr-pass-2026');
  hrZh = new ApiClient(server.url, 'zh-CN');
  await hrZh.login('hr1', 'Hr-pass-2026');
});
after(() => server?.stop());

async function employee(employeeNo: string, name: string): Promise<number> {
  const res = await hr.post('/api/employees', { employeeNo, name, hireDate: '2025-01-02' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

const punchesOf = (employeeId: number) =>
  server.db.kysely
    .selectFrom('punches')
    .select(['id', 'note'])
    .where('employee_id', '=', employeeId)
    .execute();

test('an employee who has punched cannot be deleted, is told to terminate instead, and the punch stays', async () => {
  const id = await employee('D1', '李四');
  const punch = await hr.post('/api/attendance/punches', {
    employeeId: id,
    at: '2025-06-02T09:01:00+08:00',
    note: 'card reader broken',
  });
  assert.equal(punch.status, 201, JSON.stringify(punch.body));

  const refused = await hr.delete(`/api/employees/${id}`);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'employee_has_records');
  assert.match(refused.body.message, /D1 has attendance records and cannot be deleted/);
  assert.match(refused.body.message, /Terminate/);
  assert.match(refused.body.message, /retention/);
  assert.deepEqual(refused.body.details?.records, ['punches']);

  const zh = await hrZh.delete(`/api/employees/${id}`);
  assert.equal(zh.status, 409);
  assert.equal(zh.body.code, 'employee_has_records');
  assert.match(zh.body.message, /员工 D1 已有考勤记录，不能删除/);
  assert.match(zh.body.message, /离职/);

  assert.equal((await hr.get(`/api/employees/${id}`)).status, 200);
  assert.deepEqual(
    (await punchesOf(id)).map((p) => p.note),
    ['card reader broken'],
  );
  // The refusal changed nothing, so it leaves no employee.delete entry in the audit log.
  const deletes = await server.db.kysely
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', 'employee.delete')
    .where('target_id', '=', String(id))
    .execute();
  assert.equal(deletes.length, 0);

  // Terminating is the way out: the employee and the punch are both kept.
  const terminated = await hr.patch(`/api/employees/${id}`, {
    status: 'terminated',
    terminationDate: '2025-06-30',
  });
  assert.equal(terminated.status, 200, JSON.stringify(terminated.body));
  assert.equal(terminated.body.status, 'terminated');
  assert.equal(terminated.body.terminationDate, '2025-06-30');
  assert.equal((await hr.delete(`/api/employees/${id}`)).status, 409);
  assert.equal((await punchesOf(id)).length, 1);
});

test('a refused punch attempt that identified the employee is a record too', async () => {
  const id = await employee('D2', 'Wang Wu');
  await server.db.kysely
    .insertInto('punch_attempts')
    .values({
      device_id: null,
      at: '2025-06-03T01:00:00.000Z',
      outcome: 'inactive',
      reason: 'employee_inactive',
      employee_id: id,
      scores: '{}',
      evidence: null,
      evidence_expires_at: null,
      created_at: '2025-06-03T01:00:00.000Z',
      method: 'pin',
      idempotency_key: null,
      device_time: null,
    })
    .execute();
  const refused = await hr.delete(`/api/employees/${id}`);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'employee_has_records');
  assert.deepEqual(refused.body.details?.records, ['punch_attempts']);
  assert.equal((await hr.get(`/api/employees/${id}`)).status, 200);
});

test('an employee without attendance records is deleted, with their consent, and their user is unlinked', async () => {
  const id = await employee('D3', 'Entered by mistake');
  await recordConsent(hr, id);
  const admin = await adminClient(server);
  const user = await admin.post('/api/users', {
    username: 'mistake',
    password: 'Mistake-pass-1',
    roles: ['employee'],
    employeeId: id,
  });
  assert.equal(user.status, 201, JSON.stringify(user.body));

  const deleted = await hr.delete(`/api/employees/${id}`);
  assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
  assert.equal((await hr.get(`/api/employees/${id}`)).status, 404);
  const consents = await server.db.kysely
    .selectFrom('biometric_consents')
    .select('id')
    .where('employee_id', '=', id)
    .execute();
  assert.equal(consents.length, 0);
  const linked = await server.db.kysely
    .selectFrom('users')
    .select('employee_id')
    .where('username', '=', 'mistake')
    .executeTakeFirstOrThrow();
  assert.equal(linked.employee_id, null);
  const audit = await server.db.kysely
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'employee.delete')
    .where('target_id', '=', String(id))
    .execute();
  assert.equal(audit.length, 1);
});

/** An office shift of 9 to 18, Monday to Friday, for these employees from Monday 2 March 2026. */
async function scheduled(employeeIds: number[]): Promise<number> {
  const shift = await hr.post('/api/attendance/shifts', {
    code: 'office',
    name: 'Office 9–18',
    definition: { kind: 'fixed', segments: [{ start: '09:00', end: '18:00' }] },
  });
  assert.equal(shift.status, 201, JSON.stringify(shift.body));
  const calendars = (await hr.get('/api/attendance/calendars')).body;
  const group = await hr.post('/api/attendance/groups', {
    name: 'Office',
    zone: 'Asia/Shanghai',
    calendarId: calendars[0].id,
    versions: [
      {
        effectiveFrom: '2026-01-01',
        schedule: {
          kind: 'weekly',
          days: { mon: 'office', tue: 'office', wed: 'office', thu: 'office', fri: 'office' },
        },
      },
    ],
  });
  assert.equal(group.status, 201, JSON.stringify(group.body));
  const members = await hr.put(`/api/attendance/groups/${group.body.id}/members`, {
    members: employeeIds.map((employeeId) => ({
      employeeId,
      departmentId: null,
      from: '2026-03-02',
      to: null,
    })),
  });
  assert.equal(members.status, 200, JSON.stringify(members.body));
  return shift.body.id;
}

const dayResultsOf = (employeeId: number) =>
  server.db.kysely
    .selectFrom('day_results')
    .select(['date', 'absent'])
    .where('employee_id', '=', employeeId)
    .orderBy('date')
    .execute();
const dayHistoryOf = (employeeId: number) =>
  server.db.kysely
    .selectFrom('day_result_history')
    .select('id')
    .where('employee_id', '=', employeeId)
    .execute();
const attemptsOf = (ids: number[]) =>
  server.db.kysely
    .selectFrom('punch_attempts')
    .select(['id', 'outcome', 'employee_id'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();

test('computed day results and attempts naming the employee only as a candidate do not keep them; a punch does', async () => {
  const mistaken = await employee('D4', 'Scheduled by mistake');
  const worked = await employee('D5', 'Worked');
  const shiftId = await scheduled([mistaken, worked]);
  const manual = await hr.post('/api/attendance/punches', {
    employeeId: worked,
    at: '2026-03-02T09:01:00+08:00',
    note: 'kiosk down',
  });
  assert.equal(manual.status, 201, JSON.stringify(manual.body));
  // The nightly recompute of Monday and Tuesday, then a shift change that computes them again (the first
  // versions going to the history).
  const recompute = await hr.post('/api/attendance/recompute', { from: '2026-03-02', to: '2026-03-03' });
  assert.equal(recompute.status, 200, JSON.stringify(recompute.body));
  const shorter = await hr.patch(`/api/attendance/shifts/${shiftId}`, {
    definition: { kind: 'fixed', segments: [{ start: '09:00', end: '17:00' }] },
  });
  assert.equal(shorter.status, 200, JSON.stringify(shorter.body));
  // Joining the group computed every scheduled day up to today: absent, with no punch.
  const days = await dayResultsOf(mistaken);
  assert.deepEqual(days, [
    { date: '2026-03-02', absent: 'full' },
    { date: '2026-03-03', absent: 'full' },
    { date: '2026-03-04', absent: 'full' },
  ]);
  const history = (await dayHistoryOf(mistaken)).length;
  assert.ok(history > 0);
  const workedDays = (await dayResultsOf(worked)).length;
  assert.ok(workedDays > 0);

  // At the kiosk: a wrong PIN typed with the mistaken employee's number names them as the candidate.
  const admin = await adminClient(server);
  const kiosk = await pairKiosk(admin, { name: 'Front door', direction: 'both' });
  assert.equal((await hr.put(`/api/employees/${mistaken}/pin`, { pin: '482913' })).status, 200);
  const evidence = await photo('facerec__obama.jpg');
  const attemptIds: number[] = [];
  for (const pin of ['000000', '111111']) {
    const key = `wrong-pin-${pin}`;
    const res = await kioskCall(
      server.url,
      kiosk.token,
      'POST',
      '/api/kiosk/punches',
      punchBody(NOW, { method: 'pin', employeeNo: 'D4', pin, photo: evidence, key }),
    );
    assert.equal(res.body.code, 'pin_wrong', JSON.stringify(res.body));
    const row = await server.db.kysely
      .selectFrom('punch_attempts')
      .select('id')
      .where('idempotency_key', '=', key)
      .executeTakeFirstOrThrow();
    attemptIds.push(row.id);
  }
  assert.deepEqual(await attemptsOf(attemptIds), [
    { id: attemptIds[0], outcome: 'bad_pin', employee_id: mistaken },
    { id: attemptIds[1], outcome: 'bad_pin', employee_id: mistaken },
  ]);

  // Someone who punched is refused as before, their computed days kept with the punch.
  const refused = await hr.delete(`/api/employees/${worked}`);
  assert.equal(refused.status, 409, JSON.stringify(refused.body));
  assert.equal(refused.body.code, 'employee_has_records');
  assert.deepEqual(refused.body.details?.records, ['punches']);
  assert.equal((await hr.get(`/api/employees/${worked}`)).status, 200);
  assert.equal((await punchesOf(worked)).length, 1);
  assert.equal((await dayResultsOf(worked)).length, workedDays);

  // The mistaken one goes, with their computed days; the attempts stay in the device's history, naming no one.
  const deleted = await hr.delete(`/api/employees/${mistaken}`);
  assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
  assert.equal((await hr.get(`/api/employees/${mistaken}`)).status, 404);
  assert.deepEqual(await dayResultsOf(mistaken), []);
  assert.deepEqual(await dayHistoryOf(mistaken), []);
  assert.deepEqual(await attemptsOf(attemptIds), [
    { id: attemptIds[0], outcome: 'bad_pin', employee_id: null },
    { id: attemptIds[1], outcome: 'bad_pin', employee_id: null },
  ]);
  const audit = await server.db.kysely
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'employee.delete')
    .where('target_id', '=', String(mistaken))
    .executeTakeFirstOrThrow();
  assert.deepEqual(JSON.parse(String(audit.details)), {
    employeeNo: 'D4',
    dayResultsRemoved: days.length,
    dayResultHistoryRemoved: history,
    candidateAttemptsUnlinked: 2,
  });
});
