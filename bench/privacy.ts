// Benchmark: data-key rotation (`faceclock keys rotate --retire`) on SQLite (and PostgreSQL when reachable):
// N employees with one sealed 128-d template each and N punches with a sealed 15 KB evidence crop, all
// re-encrypted under a new key; and the impact assessment's facts over the same data. Figures only.
//
//   npx tsx bench/privacy.ts [--employees 5000] [--only sqlite|postgres]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { type Db, openDb } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { ServiceContext } from '../src/services/context.js';
import { loadKeyring } from '../src/services/crypto/keyring.js';
import { rotateKeys } from '../src/services/crypto/rotation.service.js';
import { seal, sealFloats } from '../src/services/crypto/seal.js';
import { assessmentFacts } from '../src/services/privacy/impact-assessment.service.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('employees') ?? 5_000);
const ONLY = arg('only');
const pgUrl =
  process.env.TEST_DATABASE_URL || `postgres://${encodeURIComponent(os.userInfo().username)}@127.0.0.1/test`;

async function seed(db: Db, dataDir: string) {
  const keyring = loadKeyring({ dataDir });
  const now = new Date().toISOString();
  const crop = randomBytes(15 * 1024);
  for (let i = 0; i < N; i += 500) {
    const rows = Array.from({ length: Math.min(500, N - i) }, (_, k) => i + k + 1);
    await db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto('employees')
        .values(
          rows.map((id) => ({
            id,
            employee_no: `B${id}`,
            name: `Bench ${id}`,
            department_id: null,
            position_id: null,
            site_id: null,
            hire_date: null,
            termination_date: null,
            status: 'active' as const,
            phone: null,
            email: null,
            pin_hash: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('face_templates')
        .values(
          rows.map((id) => ({
            id,
            employee_id: id,
            model: 'bench',
            model_version: '1',
            template: sealFloats(keyring, new Float32Array(128).fill(id / N), `face_template:${id}`),
            quality: '{}',
            source: 'upload' as const,
            photo: null,
            created_at: now,
            created_by_user_id: null,
          })),
        )
        .execute();
      await trx
        .insertInto('punches')
        .values(
          rows.map((id) => ({
            id,
            employee_id: id,
            at: now,
            site_id: null,
            device_id: null,
            method: 'face' as const,
            direction: 'in' as const,
            idempotency_key: `k${id}`,
            device_time: null,
            clock_skew_ms: null,
            match_score: null,
            match_margin: null,
            flags: '[]',
            evidence: seal(keyring, crop, `punch_evidence:${id}`),
            evidence_expires_at: null,
            note: null,
            created_at: now,
            created_by_user_id: null,
          })),
        )
        .execute();
    });
  }
}

async function run(kind: 'sqlite' | 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-bench-keys-'));
  let schema: string | undefined;
  if (kind === 'postgres') {
    schema = `bench_${randomBytes(4).toString('hex')}`;
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const databaseUrl = schema
    ? `${pgUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`
    : undefined;
  const db = openDb({ databaseUrl, dataDir });
  try {
    await migrateToLatest(db);
    const config = loadConfig({}, { dataDir, databaseUrl, backupDir: path.join(dataDir, 'backups') });
    const ctx: ServiceContext = { db, config, now: () => new Date(), log: console };
    let t = performance.now();
    await seed(db, dataDir);
    console.log(
      `${kind}: seeded ${N} templates and ${N} evidence crops in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    const result = await rotateKeys(ctx, { retire: true, graceMs: 0 });
    const s = (performance.now() - t) / 1000;
    const values = result.columns.reduce((n, c) => n + c.reencrypted, 0);
    console.log(
      `${kind}: rotate --retire re-encrypted ${values} values in ${s.toFixed(1)} s (${Math.round(values / s)} values/s), ` +
        `${result.passes} passes, ${result.remaining} left under the old key`,
    );
    t = performance.now();
    await assessmentFacts(ctx);
    console.log(`${kind}: impact assessment facts in ${(performance.now() - t).toFixed(0)} ms`);
  } finally {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (schema) {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    }
  }
}

if (ONLY !== 'postgres') await run('sqlite');
if (ONLY !== 'sqlite') {
  try {
    await run('postgres');
  } catch (error) {
    console.log(`postgres: skipped (${(error as Error).message})`);
  }
}
