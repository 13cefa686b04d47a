import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let admin: ApiClient;

before(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
after(() => server?.stop());

test('sites need a real IANA time zone and sane coordinates', async () => {
  const bad = await admin.post('/api/sites', { name: 'Mars', timeZone: 'Mars/Olympus' });
  assert.equal(bad.status, 400);
  assert.match(bad.body.message, /time zone/);
  const ok = await admin.post('/api/sites', {
    name: 'Shanghai HQ',
    timeZone: 'Asia/Shanghai',
    latitude: 31.23,
    longitude: 121.47,
  });
  assert.equal(ok.status, 201);
  assert.equal(ok.body.timeZone, 'Asia/Shanghai');
  const dup = await admin.post('/api/sites', { name: 'Shanghai HQ', timeZone: 'Asia/Shanghai' });
  assert.equal(dup.status, 409);
  const moved = await admin.patch(`/api/sites/${ok.body.id}`, { address: '1 Century Ave' });
  assert.equal(moved.body.address, '1 Century Ave');
});

test('departments form a tree that cannot loop, and are not deleted while in use', async () => {
  const root = (await admin.post('/api/departments', { name: 'Company', code: 'CO' })).body;
  const rnd = (await admin.post('/api/departments', { name: 'R&D', code: 'RD', parentId: root.id })).body;
  const team = (await admin.post('/api/departments', { name: 'Vision team', code: 'VT', parentId: rnd.id }))
    .body;
  const loop = await admin.patch(`/api/departments/${root.id}`, { parentId: team.id });
  assert.equal(loop.status, 400);
  const self = await admin.patch(`/api/departments/${rnd.id}`, { parentId: rnd.id });
  assert.equal(self.status, 400);
  const dupCode = await admin.post('/api/departments', { name: 'Other', code: 'RD' });
  assert.equal(dupCode.status, 409);
  const inUse = await admin.delete(`/api/departments/${rnd.id}`);
  assert.equal(inUse.status, 409);
  assert.equal(inUse.body.code, 'has_dependents');
  assert.equal((await admin.delete(`/api/departments/${team.id}`)).status, 200);
  const list = (await admin.get('/api/departments')).body as { id: number }[];
  assert.ok(!list.some((d) => d.id === team.id));
});

test('employees: create, validate, update, PIN stored only as a flag, delete', async () => {
  const dept = (await admin.post('/api/departments', { name: 'Sales' })).body;
  const pos = (await admin.post('/api/positions', { name: 'Clerk' })).body;
  const bad = await admin.post('/api/employees', { employeeNo: 'S1', name: 'Bad', email: 'not-an-email' });
  assert.equal(bad.status, 400);
  const order = await admin.post('/api/employees', {
    employeeNo: 'S1',
    name: 'Bad',
    hireDate: '2026-05-01',
    terminationDate: '2026-01-01',
  });
  assert.equal(order.status, 400);
  const created = await admin.post('/api/employees', {
    employeeNo: 'S1',
    name: '张三',
    departmentId: dept.id,
    positionId: pos.id,
    hireDate: '2024-03-01',
    email: 'zhang@example.com',
  });
  assert.equal(created.status, 201);
  assert.equal(created.body.name, '张三');
  assert.equal(created.body.hasPin, false);
  assert.equal((await admin.post('/api/employees', { employeeNo: 'S1', name: 'Twin' })).status, 409);
  const pin = await admin.put(`/api/employees/${created.body.id}/pin`, { pin: '246810' });
  assert.equal(pin.status, 200);
  const read = (await admin.get(`/api/employees/${created.body.id}`)).body;
  assert.equal(read.hasPin, true);
  assert.ok(!JSON.stringify(read).includes('246810'));
  const stored = await server.db.kysely
    .selectFrom('employees')
    .select('pin_hash')
    .where('id', '=', created.body.id)
    .executeTakeFirstOrThrow();
  assert.match(stored.pin_hash!, /^\$argon2id\$/);
  const renamed = await admin.patch(`/api/employees/${created.body.id}`, {
    name: '张三丰',
    status: 'suspended',
  });
  assert.equal(renamed.body.name, '张三丰');
  assert.equal(renamed.body.status, 'suspended');
  const search = (await admin.get('/api/employees?q=三丰')).body;
  assert.equal(search.total, 1);
  assert.equal((await admin.delete(`/api/employees/${created.body.id}`)).status, 200);
  assert.equal((await admin.get(`/api/employees/${created.body.id}`)).status, 404);
});

test('a manager sees the employees of the departments they manage, sub-departments included; an employee only themself', async () => {
  const top = (await admin.post('/api/departments', { name: 'Ops', code: 'OPS' })).body;
  const sub = (await admin.post('/api/departments', { name: 'Ops night', code: 'OPSN', parentId: top.id }))
    .body;
  const other = (await admin.post('/api/departments', { name: 'Finance', code: 'FIN' })).body;
  const inTop = (
    await admin.post('/api/employees', { employeeNo: 'O1', name: 'Top worker', departmentId: top.id })
  ).body;
  const inSub = (
    await admin.post('/api/employees', { employeeNo: 'O2', name: 'Night worker', departmentId: sub.id })
  ).body;
  const outside = (
    await admin.post('/api/employees', { employeeNo: 'F1', name: 'Accountant', departmentId: other.id })
  ).body;
  await admin.post('/api/users', {
    username: 'opsboss',
    password: 'Opsboss-pass-1',
    roles: ['manager'],
    managedDepartmentIds: [top.id],
  });
  await admin.post('/api/users', {
    username: 'nightie',
    password: 'Nightie-pass-1',
    roles: ['employee'],
    employeeId: inSub.id,
  });

  const manager = new ApiClient(server.url);
  await manager.login('opsboss', 'Opsboss-pass-1');
  const seen = (await manager.get('/api/employees?limit=1000')).body.items
    .map((e: { employeeNo: string }) => e.employeeNo)
    .sort();
  assert.deepEqual(seen, ['O1', 'O2']);
  assert.equal((await manager.get(`/api/employees/${inTop.id}`)).status, 200);
  assert.equal((await manager.get(`/api/employees/${outside.id}`)).status, 403);
  assert.equal((await manager.patch(`/api/employees/${inTop.id}`, { name: 'x' })).status, 403);

  const employee = new ApiClient(server.url);
  await employee.login('nightie', 'Nightie-pass-1');
  assert.equal((await employee.get('/api/employees')).status, 403);
  assert.equal((await employee.get('/api/auth/me')).body.employeeId, inSub.id);
});

test('reads of employee records are written to the audit log', async () => {
  const e = (await admin.post('/api/employees', { employeeNo: 'A1', name: 'Audited' })).body;
  await admin.get(`/api/employees/${e.id}`);
  const log = (await admin.get(`/api/audit?action=employee.read&targetId=${e.id}`)).body;
  assert.equal(log.total, 1);
  assert.equal(log.items[0].actorName, 'admin');
  assert.equal(log.items[0].ip, '127.0.0.1');
});

test('unknown API routes answer a JSON 404, and bad input a JSON 400', async () => {
  const missing = await admin.get('/api/nothing-here');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, 'not_found');
  const badId = await admin.get('/api/employees/abc');
  assert.equal(badId.status, 400);
  assert.equal(badId.body.code, 'invalid_input');
});

test('filtering employees by a department includes its sub-departments', async () => {
  const top = (await admin.post('/api/departments', { name: 'Filter top', code: 'FT' })).body;
  const sub = (await admin.post('/api/departments', { name: 'Filter sub', code: 'FS', parentId: top.id }))
    .body;
  await admin.post('/api/employees', { employeeNo: 'FT1', name: 'Top', departmentId: top.id });
  await admin.post('/api/employees', { employeeNo: 'FS1', name: 'Sub', departmentId: sub.id });
  const inTop = (await admin.get(`/api/employees?departmentId=${top.id}`)).body;
  assert.deepEqual(inTop.items.map((e: { employeeNo: string }) => e.employeeNo).sort(), ['FS1', 'FT1']);
  const inSub = (await admin.get(`/api/employees?departmentId=${sub.id}`)).body;
  assert.deepEqual(
    inSub.items.map((e: { employeeNo: string }) => e.employeeNo),
    ['FS1'],
  );
});
