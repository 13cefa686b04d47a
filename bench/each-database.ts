// Runs a benchmark body on each database: SQLite in a fresh file, then PostgreSQL in a fresh schema that is
// dropped afterwards (TEST_DATABASE_URL, or the local server). `only` ('sqlite' or 'postgres') picks one.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Db, openDb } from '../src/db/database.js';

export type DatabaseLabel = 'SQLite' | 'PostgreSQL';

export const benchPgUrl =
  process.env.TEST_DATABASE_URL || `postgres://${encodeURIComponent(os.userInfo().username)}@127.0.0.1/test`;

export async function onEachDatabase(
  only: string | undefined,
  run: (db: Db, label: DatabaseLabel) => Promise<void>,
): Promise<void> {
  if (only !== 'postgres') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-bench-'));
    console.log('SQLite (WAL, one file):');
    const db = openDb({ dataDir: dir });
    try {
      await run(db, 'SQLite');
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (only !== 'sqlite') {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: benchPgUrl });
    try {
      await admin.connect();
    } catch (error) {
      console.log(`PostgreSQL: skipped (${(error as Error).message}; set TEST_DATABASE_URL)`);
      return;
    }
    await admin.query(`create schema ${schema}`);
    console.log(`PostgreSQL (${(await admin.query('show server_version')).rows[0].server_version}):`);
    const db = openDb({ databaseUrl: benchPgUrl, dataDir: os.tmpdir(), pgSchema: schema });
    try {
      await run(db, 'PostgreSQL');
    } finally {
      await db.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  }
}
