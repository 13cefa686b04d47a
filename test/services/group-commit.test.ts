// Group commit: transactions arriving together on SQLite share one commit, each in its own savepoint; one that
// fails is rolled back alone; nobody hears back before the group is stored.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDb } from '../../src/db/database.js';
import { inGroupTransaction, MAX_GROUP } from '../../src/db/group-commit.js';

function freshDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-group-'));
  const db = openDb({ dataDir: dir });
  return {
    db,
    async done() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('writes sent together share a transaction; a failing one is rolled back alone', async () => {
  const { db, done } = freshDb();
  try {
    await sql`create table t (id integer primary key, name text not null unique)`.execute(db.kysely);
    const outside = new SQLite(db.sqliteFile!, { readonly: true });
    const storedNow = () => (outside.prepare('select count(*) as n from t').get() as { n: number }).n;
    const seenAtAnswer: number[] = [];
    const writes = Array.from({ length: 10 }, (_, i) =>
      inGroupTransaction(db, async (trx) => {
        // What this member sees before it writes: the members before it in the same transaction.
        const before = await sql<{ n: number }>`select count(*) as n from t`.execute(trx);
        await sql`insert into t (name) values (${`row ${i}`})`.execute(trx);
        if (i === 4) throw new Error('member 4 fails after its insert');
        // A unique-key clash, as two kiosks sending one idempotency key at once.
        if (i === 7) await sql`insert into t (name) values (${'row 0'})`.execute(trx);
        return before.rows[0].n;
      }).then(
        (n) => {
          seenAtAnswer.push(storedNow());
          return n;
        },
        (error: Error) => {
          seenAtAnswer.push(storedNow());
          return error.message;
        },
      ),
    );
    const results = await Promise.all(writes);
    // One group: each member saw the rows of the members kept before it.
    assert.deepEqual(results.slice(0, 4), [0, 1, 2, 3]);
    assert.equal(results[4], 'member 4 fails after its insert');
    assert.deepEqual(results.slice(5, 7), [4, 5]);
    assert.match(String(results[7]), /unique/i);
    assert.deepEqual(results.slice(8), [6, 7]);
    const names = (await sql<{ name: string }>`select name from t order by id`.execute(db.kysely)).rows;
    assert.deepEqual(
      names.map((r) => r.name),
      ['row 0', 'row 1', 'row 2', 'row 3', 'row 5', 'row 6', 'row 8', 'row 9'],
    );
    // Every answer came after the commit: another connection already saw all eight rows.
    assert.deepEqual(seenAtAnswer, Array(10).fill(8));
    outside.close();
  } finally {
    await done();
  }
});

test('a burst larger than a group is committed in several groups, in order', async () => {
  const { db, done } = freshDb();
  try {
    await sql`create table t (id integer primary key, n integer not null)`.execute(db.kysely);
    const total = MAX_GROUP * 2 + 5;
    await Promise.all(
      Array.from({ length: total }, (_, i) =>
        inGroupTransaction(db, (trx) => sql`insert into t (n) values (${i})`.execute(trx)),
      ),
    );
    const rows = (await sql<{ n: number }>`select n from t order by id`.execute(db.kysely)).rows;
    assert.deepEqual(
      rows.map((r) => r.n),
      Array.from({ length: total }, (_, i) => i),
    );
  } finally {
    await done();
  }
});
