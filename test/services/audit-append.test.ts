// The audit chain on both databases: entries appended by many transactions at once form one unbroken chain,
// in commit order, with hashes that `hashEntry` recomputes exactly, whatever the text holds (quotes,
// backslashes, control characters, Chinese, emoji). On PostgreSQL the entry is hashed by the database
// (migration 0016_audit_append), so this is where a difference from JSON.stringify would show.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { GENESIS_HASH, hashEntry } from '../../src/core/audit/hash-chain.js';
import { type Db, openDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { recordAudit, verifyAuditChain } from '../../src/services/audit.service.js';
import { pgTestUrl } from '../helpers/server.js';

const AWKWARD = [
  'plain',
  'quote " and backslash \\ and slash /',
  'tab\tnewline\ncarriage\rbackspace\bform\f',
  `controls ${String.fromCharCode(1)}${String.fromCharCode(31)}${String.fromCharCode(127)}`,
  '张三 打卡 · 迟到',
  'emoji 😀 and accents é ü',
  '',
  '\u2028 line and paragraph \u2029 separators',
];

async function exercise(db: Db) {
  const at = '2026-11-29T08:00:00.000Z';
  // Twenty transactions at once, each changing nothing else; every third one fails after its append.
  const writes = Array.from({ length: 24 }, (_, i) =>
    db.kysely
      .transaction()
      .execute(async (trx) => {
        const text = AWKWARD[i % AWKWARD.length];
        await recordAudit(
          trx,
          db.dialect,
          at,
          { userId: i % 2 ? i : null, username: `user ${text}`, ip: i % 3 ? '10.0.0.1' : null },
          {
            action: `test.${i}`,
            targetType: i % 4 ? 'employee' : undefined,
            targetId: i % 4 ? i : null,
            details: { text, n: i, nested: { list: [text, null, 1.5] } },
          },
        );
        if (i % 3 === 2) throw new Error('rolled back');
      })
      .then(
        () => 'kept',
        () => 'rolled back',
      ),
  );
  const outcomes = await Promise.all(writes);
  const kept = outcomes.filter((o) => o === 'kept').length;
  assert.equal(kept, 16);

  const rows = await db.kysely.selectFrom('audit_log').selectAll().orderBy('id').execute();
  assert.equal(rows.length, kept);
  // Ids follow on without gaps (rolled-back entries leave none), and each entry links to the one before.
  assert.deepEqual(
    rows.map((r) => r.id),
    Array.from({ length: kept }, (_, i) => i + 1),
  );
  let prev = GENESIS_HASH;
  for (const r of rows) {
    assert.equal(r.prev_hash, prev);
    const expected = hashEntry(prev, {
      id: r.id,
      at: r.at,
      actorUserId: r.actor_user_id,
      actorName: r.actor_name,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      ip: r.ip,
      details: r.details,
    });
    assert.equal(r.hash, expected, `entry ${r.id} (${r.action}) hashes as hashEntry does`);
    prev = r.hash;
  }
  // The stored fields are the ones given.
  const seven = rows.find((r) => r.action === 'test.7');
  assert.ok(seven);
  assert.equal(seven.actor_name, `user ${AWKWARD[7]}`);
  assert.deepEqual(JSON.parse(seven.details), {
    text: AWKWARD[7],
    n: 7,
    nested: { list: [AWKWARD[7], null, 1.5] },
  });
  assert.deepEqual(await verifyAuditChain(db.kysely), { ok: true, checked: kept });

  // A changed entry is still found.
  await db.kysely.updateTable('audit_log').set({ actor_name: 'someone else' }).where('id', '=', 5).execute();
  const broken = await verifyAuditChain(db.kysely);
  assert.equal(broken.ok, false);
  assert.equal(broken.break?.id, 5);
  assert.equal(broken.break?.problem, 'changed');
}

test('audit entries appended at once on SQLite form one chain', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-audit-'));
  const db = openDb({ dataDir: dir });
  try {
    await migrateToLatest(db);
    await exercise(db);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('audit entries appended at once on PostgreSQL form one chain, hashed by the database as hashEntry does', async (t) => {
  const schema = `t_audit_${randomBytes(4).toString('hex')}`;
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
    await migrateToLatest(db);
    await exercise(db);
  } finally {
    await db.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
});
