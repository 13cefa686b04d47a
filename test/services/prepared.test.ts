// Prepared queries give the same answers as the query built each time, on SQLite and on PostgreSQL, in and out
// of transactions, with constants of the query kept and values filled in per run; on PostgreSQL as statements
// the connection keeps prepared.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { type Db, openDb } from '../../src/db/database.js';
import { prepare } from '../../src/db/prepared.js';
import type { Database } from '../../src/db/schema.js';
import { pgTestUrl } from '../helpers/server.js';

// A table of the real schema's shape is not needed: `settings` (key, value, updated_at) is made here.
const insertSetting = prepare((db, p: { key: string; value: string }) =>
  db
    .insertInto('settings')
    .values({ key: p.key, value: p.value, updated_at: '2026-01-01' })
    .returning(['key']),
);
const settingsFrom = prepare((db, p: { from: string }) =>
  db.selectFrom('settings').select(['key', 'value']).where('key', '>=', p.from).orderBy('key').limit(2),
);
const setValue = prepare((db, p: { key: string; value: string | null }) =>
  db
    .updateTable('settings')
    .set({ value: p.value as string })
    .where('key', '=', p.key),
);

async function exercise(db: Kysely<Database>) {
  await sql`create table settings (key text primary key, value text, updated_at text not null)`.execute(db);
  assert.deepEqual(await insertSetting(db, { key: 'a', value: '1' }), [{ key: 'a' }]);
  await db.transaction().execute(async (trx) => {
    await insertSetting(trx, { key: 'b', value: '2' });
    await insertSetting(trx, { key: 'c', value: '3' });
  });
  // The same answer as the query built in place; the constant (limit 2) stays part of the query.
  const built = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', '>=', 'b')
    .orderBy('key')
    .limit(2)
    .execute();
  assert.deepEqual(await settingsFrom(db, { from: 'b' }), built);
  assert.deepEqual(await settingsFrom(db, { from: 'a' }), [
    { key: 'a', value: '1' },
    { key: 'b', value: '2' },
  ]);
  // A missing value is sent as null.
  await setValue(db, { key: 'c', value: null });
  const c = await db.selectFrom('settings').select('value').where('key', '=', 'c').executeTakeFirst();
  assert.equal(c?.value, null);
  // A failed transaction keeps nothing of its prepared writes.
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await insertSetting(trx, { key: 'd', value: '4' });
      await insertSetting(trx, { key: 'a', value: 'again' });
    }),
  );
  assert.deepEqual(await settingsFrom(db, { from: 'c' }), [{ key: 'c', value: null }]);
}

test('prepared queries on SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-prepared-'));
  const db: Db = openDb({ dataDir: dir });
  try {
    await exercise(db.kysely);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('prepared queries on PostgreSQL, the same functions as on SQLite', async (t) => {
  const schema = `t_prepared_${randomBytes(4).toString('hex')}`;
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
    await exercise(db.kysely);
    // The connection keeps a prepared query as a named statement; other queries are not kept.
    await db.kysely.transaction().execute(async (trx) => {
      await settingsFrom(trx, { from: 'a' });
      await settingsFrom(trx, { from: 'b' });
      await trx.selectFrom('settings').select('key').where('key', '=', 'a').execute();
      const { rows } = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements`.execute(trx);
      const kept = rows.filter((r) => r.name.startsWith('fc_'));
      assert.ok(
        kept.some((r) => /"key" >= \$1/.test(r.statement)),
        JSON.stringify(rows),
      );
      assert.ok(!rows.some((r) => /"key" = \$1/.test(r.statement)), JSON.stringify(rows));
    });
  } finally {
    await db.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
});
