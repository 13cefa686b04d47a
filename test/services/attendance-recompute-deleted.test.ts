// A recompute that loaded an employee who is then deleted (entered by mistake) still writes everyone else of
// the chunk, without an error, and writes nothing for the deleted one: on SQLite and PostgreSQL, and on
// PostgreSQL also when the delete is still uncommitted as the recompute comes to write.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { type Db, openDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadModel } from '../../src/services/attendance/model.js';
import { recompute, targetFromRange } from '../../src/services/attendance/recompute.js';
import { bumpConfigVersion } from '../../src/services/attendance/settings.js';
import { pgTestUrl } from '../helpers/server.js';

const NOW = new Date('2025-05-10T00:00:00Z');

/** Three employees of one group on a weekday schedule; the first and last punch in and out in April. */
async function seed(db: Db): Promise<number[]> {
  const now = NOW.toISOString();
  const dept = (
    await db.kysely
      .insertInto('departments')
      .values({ name: 'Line', code: 'L', parent_id: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const ids: number[] = [];
  for (let i = 1; i <= 3; i++) {
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
    ids.push(e.id);
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
  const group = (
    await db.kysely
      .insertInto('attendance_groups')
      .values({
        name: 'Line',
        zone: 'Asia/Shanghai',
        calendar_id: null,
        rules: '{}',
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
  for (const id of [ids[0], ids[2]]) {
    for (const d of [7, 8, 9]) {
      for (const at of [`2025-04-0${d}T00:00:00Z`, `2025-04-0${d}T09:02:00Z`]) {
        await db.kysely
          .insertInto('punches')
          .values({ employee_id: id, at, method: 'face', flags: '[]', created_at: now })
          .execute();
      }
    }
  }
  return ids;
}

async function daysOf(db: Db, employeeId: number): Promise<number> {
  const row = await db.kysely
    .selectFrom('day_results')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('employee_id', '=', employeeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The recompute loads its model and chunk, `deleteBetween` deletes the middle employee, then it writes. */
async function exercise(
  db: Db,
  deleteBetween: (removed: number, run: () => Promise<unknown>) => Promise<unknown>,
) {
  await migrateToLatest(db);
  const [kept1, removed, kept2] = await seed(db);
  const model = await loadModel(db.kysely);
  assert.ok(model.employees.has(removed));
  const target = targetFromRange([kept1, removed, kept2], '2025-04-01', '2025-04-30');
  const stats = (await deleteBetween(removed, () =>
    recompute({ db, now: () => NOW }, model, target, 'april', undefined, { workers: 0 }),
  )) as Awaited<ReturnType<typeof recompute>>;
  assert.equal(await daysOf(db, kept1), 30, 'the first employee of the chunk has April written');
  assert.equal(await daysOf(db, kept2), 30, 'the last employee of the chunk has April written');
  assert.equal(await daysOf(db, removed), 0, 'nothing is written for the deleted employee');
  assert.equal(stats.written, 60);
  const late = await db.kysely
    .selectFrom('day_results')
    .select(['worked_minutes'])
    .where('employee_id', '=', kept1)
    .where('date', '=', '2025-04-07')
    .executeTakeFirstOrThrow();
  assert.ok(late.worked_minutes > 0, 'the punches were evaluated');
}

const deletedBefore = (db: Db) => async (removed: number, run: () => Promise<unknown>) => {
  await db.kysely.deleteFrom('employees').where('id', '=', removed).execute();
  return run();
};

async function withPostgres(
  t: { skip(message: string): void },
  work: (db: Db, schema: string) => Promise<void>,
): Promise<void> {
  const schema = `t_recompute_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgTestUrl() });
  try {
    await admin.connect();
  } catch {
    t.skip('PostgreSQL is not running');
    return;
  }
  await admin.query(`create schema ${schema}`);
  const db = openDb({ databaseUrl: pgTestUrl(), dataDir: os.tmpdir(), pgSchema: schema });
  try {
    await work(db, schema);
  } finally {
    await db.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

test('SQLite: an employee deleted after the recompute loaded them is left out, the others are written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-recompute-deleted-'));
  const db = openDb({ dataDir: dir });
  try {
    await exercise(db, deletedBefore(db));
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('PostgreSQL: an employee deleted after the recompute loaded them is left out, the others are written', async (t) => {
  await withPostgres(t, (db) => exercise(db, deletedBefore(db)));
});

test('PostgreSQL: a delete committed while the recompute waits to write is left out too', async (t) => {
  await withPostgres(t, (db, schema) =>
    exercise(db, async (removed, run) => {
      // The delete, as deleteEmployee does it, in a transaction of its own left open.
      const other = new pg.Client({ connectionString: pgTestUrl(), options: `-c search_path=${schema}` });
      await other.connect();
      try {
        await other.query('begin');
        await other.query('select id from employees where id = $1 for update', [removed]);
        await other.query('delete from day_results where employee_id = $1', [removed]);
        await other.query('delete from employees where id = $1', [removed]);
        let settled = false;
        const outcome = run().then(
          (stats) => ({ stats }),
          (error: unknown) => ({ error }),
        );
        void outcome.then(() => {
          settled = true;
        });
        // The recompute's write comes to this employee's row and waits for the delete's transaction.
        for (let waiting = false; !waiting && !settled; ) {
          const found = await other.query(
            `select 1 from pg_locks w join pg_locks h on h.locktype = 'transactionid'
               and h.transactionid = w.transactionid and h.granted and h.pid = pg_backend_pid()
             where not w.granted`,
          );
          waiting = (found.rowCount ?? 0) > 0;
          if (!waiting) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await other.query('commit');
        const result = await outcome;
        if ('error' in result) throw result.error;
        return result.stats;
      } finally {
        await other.end();
      }
    }),
  );
});
