// Background WAL checkpoints: the main connection stops checkpointing as it commits, a worker thread keeps the
// log from growing, nothing written is lost, and the database closes cleanly.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import SQLiteDriver from 'better-sqlite3';
import { sql } from 'kysely';
import { openDb } from '../../src/db/database.js';
import { startBackgroundCheckpoints } from '../../src/db/sqlite-checkpoints.js';

const MB = 1024 * 1024;
const walSize = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

async function writeMany(db: ReturnType<typeof openDb>, rows: number) {
  await sql`create table if not exists t (id integer primary key, b blob)`.execute(db.kysely);
  const blob = Buffer.alloc(16 * 1024, 7);
  // One commit per row, as punches commit: about 20 MB through the log.
  for (let i = 0; i < rows; i++) {
    await db.kysely.transaction().execute(async (trx) => {
      await sql`insert into t (b) values (${blob})`.execute(trx);
    });
    if (i % 100 === 0) await new Promise((r) => setTimeout(r, 5));
  }
}

test('the write-ahead log stays small while a worker checkpoints it, and every row is kept', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-ckpt-'));
  const failures: string[] = [];
  const db = openDb({ dataDir: dir });
  const checkpoints = startBackgroundCheckpoints(db.sqlite!, db.sqliteFile!, (m) => failures.push(m), {
    walLimitBytes: 4 * MB,
  });
  try {
    assert.equal(db.sqlite!.pragma('wal_autocheckpoint', { simple: true }), 0);
    await writeMany(db, 1200);
    // Give the worker a moment to catch up with the last commits; the next commit starts the log over.
    await new Promise((r) => setTimeout(r, 600));
    await writeMany(db, 1);
    const file = db.sqliteFile!;
    assert.ok(walSize(file) < 8 * MB, `log is ${(walSize(file) / MB).toFixed(1)} MB`);
    assert.ok(fs.statSync(file).size > 15 * MB, 'the rows reached the database file');
    assert.deepEqual(failures, []);
  } finally {
    await checkpoints.close();
    await db.close();
  }
  const again = openDb({ dataDir: dir });
  try {
    const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(again.kysely);
    assert.equal(rows[0].n, 1201);
  } finally {
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('without the worker the log grows past the same writes (what the worker saves the server)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-ckpt-'));
  const db = openDb({ dataDir: dir });
  try {
    db.sqlite!.pragma('wal_autocheckpoint = 0');
    await writeMany(db, 1200);
    assert.ok(walSize(db.sqliteFile!) > 15 * MB);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a server database checkpoints on the worker, and the main connection again once it is closed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-ckpt-'));
  const db = openDb({ dataDir: dir, backgroundCheckpoints: true });
  const sqlite = db.sqlite!;
  assert.equal(sqlite.pragma('wal_autocheckpoint', { simple: true }), 0);
  await writeMany(db, 300);
  await db.close();
  assert.equal(sqlite.open, false);
  const again = openDb({ dataDir: dir });
  try {
    const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(again.kysely);
    assert.equal(rows[0].n, 300);
    assert.equal(again.sqlite!.pragma('wal_autocheckpoint', { simple: true }), 1000);
  } finally {
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('closing stops the worker and gives checkpoints back to the main connection', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-ckpt-'));
  const db = openDb({ dataDir: dir, backgroundCheckpoints: true });
  const sqlite = db.sqlite!;
  await sql`create table t (id integer primary key)`.execute(db.kysely);
  await db.close();
  assert.equal(sqlite.open, false);
  // The last connection closed: SQLite checkpointed and removed the log.
  assert.equal(fs.existsSync(path.join(dir, 'faceclock.sqlite-wal')), false);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a transaction holds the write lock from its first statement, so it never fails upgrading to a writer', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-ckpt-'));
  const db = openDb({ dataDir: dir });
  const other = new SQLiteDriver(db.sqliteFile!, { timeout: 0 });
  try {
    await sql`create table t (id integer primary key)`.execute(db.kysely);
    await db.kysely.transaction().execute(async (trx) => {
      await sql`select count(*) from t`.execute(trx);
      // Another connection (a checkpoint emptying the log, a command-line tool) cannot take the write lock now.
      assert.throws(() => other.exec('begin immediate'), /locked|busy/i);
      await sql`insert into t default values`.execute(trx);
    });
    other.exec('begin immediate');
    other.exec('rollback');
  } finally {
    other.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
