// Deleting an employee: only a person entered by mistake can go. Someone with attendance records (a punch, a
// refused attempt naming them, ...) is refused with employee_has_records, in the caller's language, and the
// records stay; they are terminated instead. A person with no records is deleted, consent and all, and a user
// linked to them is unlinked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { recordConsent } from './faces-fixtures.js';

let server: TestServer;
let hr: ApiClient;
let hrZh: ApiClient;

before(async () => {
  server = await startTestServer();
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

test('a refused punch attempt naming the employee is a record too', async () => {
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
