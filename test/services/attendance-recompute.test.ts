// The recompute service on a real SQLite database: workers and the request thread store the same results,
// only changed days are written (the old result kept as history), time off in lieu follows rest-day overtime,
// and group membership resolves with employee rows winning over departments.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type Db, openDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { assignmentsOf, loadModel, type RawModel } from '../../src/services/attendance/model.js';
import { recompute, targetFromRange } from '../../src/services/attendance/recompute.js';
import { bumpConfigVersion } from '../../src/services/attendance/settings.js';

const NOW = new Date('2025-05-10T00:00:00Z');
const ctx = () => ({ db, now: () => NOW });
let db: Db;
let dir: string;
let dept: number;
let group: number;
const employees: number[] = [];

async function addPunch(employeeId: number, at: string) {
  return (
    await db.kysely
      .insertInto('punches')
      .values({ employee_id: employeeId, at, method: 'face', flags: '[]', created_at: NOW.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-att-'));
  db = openDb({ dataDir: dir });
  await migrateToLatest(db);
  const now = NOW.toISOString();
  dept = (
    await db.kysely
      .insertInto('departments')
      .values({ name: 'Line', code: 'L', parent_id: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (let i = 1; i <= 40; i++) {
    const e = await db.kysely
      .insertInto('employees')
      .values({
        employee_no: `L${i}`,
        name: `Worker ${i}`,
        department_id: dept,
        position_id: null,
        site_id: null,
        hire_date: '2024-01-01',
        termination_date: null,
        status: 'active',
        phone: null,
        email: null,
        pin_hash: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    employees.push(e.id);
  }
  await db.kysely
    .insertInto('shifts')
    .values({
      code: 'day',
      name: 'Day',
      definition: JSON.stringify({ kind: 'fixed', segments: [{ start: '08:00', end: '17:00' }] }),
      created_at: now,
      updated_at: now,
    })
    .execute();
  group = (
    await db.kysely
      .insertInto('attendance_groups')
      .values({
        name: 'Line',
        zone: 'Asia/Shanghai',
        calendar_id: null,
        rules: JSON.stringify({ restDayOvertime: 'timeOffInLieu', overtimeRoundingMinutes: 0 }),
        versions: JSON.stringify([
          {
            effectiveFrom: '2025-01-01',
            schedule: {
              kind: 'weekly',
              days: { mon: 'day', tue: 'day', wed: 'day', thu: 'day', fri: 'day' },
            },
          },
        ]),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db.kysely
    .insertInto('attendance_group_members')
    .values({
      group_id: group,
      employee_id: null,
      department_id: dept,
      from_date: '2025-04-01',
      to_date: null,
    })
    .execute();
  await db.kysely.transaction().execute((trx) => bumpConfigVersion(trx, now));
  // Ten April workdays of punches (7–11 and 14–18), a late arrival now and then.
  for (const [i, id] of employees.entries()) {
    for (const d of [7, 8, 9, 10, 11, 14, 15, 16, 17, 18]) {
      const date = `2025-04-${String(d).padStart(2, '0')}`;
      const late = (i + d) % 7 === 0;
      await addPunch(id, `${date}T00:${late ? '14' : '00'}:00Z`); // 08:00 local, or 08:14
      await addPunch(id, `${date}T09:02:00Z`); // 17:02
    }
  }
});

after(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('evaluation workers and the request thread store exactly the same results', async () => {
  const model = await loadModel(db.kysely);
  const target = targetFromRange(employees, '2025-04-01', '2025-04-30');
  const first = await recompute(ctx(), model, target, 'workers', undefined, { workers: 2 });
  assert.equal(first.evaluated, 40 * 30);
  assert.equal(first.written, 40 * 30);
  const again = await recompute(ctx(), model, target, 'inline', undefined, { workers: 0 });
  assert.equal(again.written, 0, 'no result differs between a worker and the request thread');
  assert.equal(again.unchanged, 40 * 30);
  const late = await db.kysely
    .selectFrom('day_results')
    .select((eb) => eb.fn.sum<number>('late_minutes').as('late'))
    .executeTakeFirstOrThrow();
  assert.ok(Number(late.late) > 0);
});

test('a changed day is rewritten with its previous result kept; unchanged days are not touched', async () => {
  const model = await loadModel(db.kysely);
  const id = employees[0];
  await addPunch(id, '2025-04-09T12:30:00Z'); // 20:30 local: a late check-out on Wednesday
  const stats = await recompute(ctx(), model, targetFromRange([id], '2025-04-07', '2025-04-11'), 'punch');
  assert.deepEqual([stats.written, stats.unchanged], [1, 4]);
  const history = await db.kysely
    .selectFrom('day_result_history')
    .select(['date', 'version', 'cause'])
    .where('employee_id', '=', id)
    .execute();
  assert.deepEqual(history, [{ date: '2025-04-09', version: 1, cause: 'workers' }]);
  const now = await db.kysely
    .selectFrom('day_results')
    .select(['version', 'cause', 'overtime_minutes'])
    .where('employee_id', '=', id)
    .where('date', '=', '2025-04-09')
    .executeTakeFirstOrThrow();
  assert.deepEqual(now, { version: 2, cause: 'punch', overtime_minutes: 210 });
});

test('rest-day work turned into time off in lieu earns balance, and loses it when the work goes away', async () => {
  const model = await loadModel(db.kysely);
  const id = employees[1];
  const lieu = async () =>
    (
      await db.kysely
        .selectFrom('leave_balances')
        .select('granted')
        .where('employee_id', '=', id)
        .where('leave_type', '=', 'timeOffInLieu')
        .executeTakeFirst()
    )?.granted ?? 0;
  const a = await addPunch(id, '2025-04-19T01:00:00Z'); // Saturday 09:00 local
  const b = await addPunch(id, '2025-04-19T05:00:00Z'); // 13:00
  await recompute(ctx(), model, targetFromRange([id], '2025-04-19', '2025-04-19'), 'saturday');
  assert.equal(await lieu(), 4, 'four hours of Saturday work');
  await db.kysely.deleteFrom('punches').where('id', 'in', [a, b]).execute();
  await recompute(ctx(), model, targetFromRange([id], '2025-04-19', '2025-04-19'), 'removed');
  assert.equal(await lieu(), 0);
  const ledger = await db.kysely
    .selectFrom('leave_ledger')
    .select(['granted_delta', 'note'])
    .where('employee_id', '=', id)
    .orderBy('id')
    .execute();
  assert.deepEqual(ledger, [
    { granted_delta: 4, note: 'saturday' },
    { granted_delta: -4, note: 'removed' },
  ]);
});

test('a member named in person wins over their department; nobody counts before hire or after leaving', () => {
  const raw: RawModel = {
    shifts: [],
    groups: [],
    calendars: [],
    leaveTypes: [],
    departments: [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
    ],
    employees: [
      { id: 10, departmentId: 2, hireDate: '2025-02-10', terminationDate: null },
      { id: 11, departmentId: 2, hireDate: null, terminationDate: '2025-06-30' },
    ],
    members: [
      { groupId: 100, employeeId: null, departmentId: 1, from: '2025-01-01', to: null },
      { groupId: 200, employeeId: 11, departmentId: null, from: '2025-03-01', to: '2025-03-31' },
    ],
  };
  const byEmployee = (id: string) =>
    assignmentsOf(raw)
      .filter((a) => a.employeeId === id)
      .sort((a, b) => (a.from < b.from ? -1 : 1));
  assert.deepEqual(byEmployee('10'), [{ employeeId: '10', groupId: '100', from: '2025-02-10' }]);
  assert.deepEqual(byEmployee('11'), [
    { employeeId: '11', groupId: '100', from: '2025-01-01', to: '2025-02-28' },
    { employeeId: '11', groupId: '200', from: '2025-03-01', to: '2025-03-31' },
    { employeeId: '11', groupId: '100', from: '2025-04-01', to: '2025-06-30' },
  ]);
});
