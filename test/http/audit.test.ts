import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '../../bin/faceclock.js');

let server: TestServer;
let admin: ApiClient;

before(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
after(() => server?.stop());

async function verifyCli(): Promise<{
  code: number;
  out: { ok: boolean; break?: { id: number; problem: string } };
}> {
  try {
    const { stdout } = await run(process.execPath, [cli, 'audit', 'verify', '--json'], {
      env: server.cliEnv,
    });
    return { code: 0, out: JSON.parse(stdout) };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, out: JSON.parse(e.stdout) };
  }
}

test('writes and logins are recorded with who, what, which record and from where', async () => {
  const site = (await admin.post('/api/sites', { name: 'Audit site', timeZone: 'Europe/Berlin' })).body;
  const log = (await admin.get('/api/audit?action=site.create')).body;
  assert.equal(log.total, 1);
  const entry = log.items[0];
  assert.equal(entry.actorName, 'admin');
  assert.equal(entry.targetType, 'site');
  assert.equal(entry.targetId, String(site.id));
  assert.equal(entry.ip, '127.0.0.1');
  assert.equal(entry.details.timeZone, 'Europe/Berlin');
  const logins = (await admin.get('/api/audit?action=auth.login')).body;
  assert.ok(logins.total >= 1);
});

test('the audit log never holds a password', async () => {
  await admin.post('/api/users', { username: 'secretive', password: 'Very-secret-99', roles: ['hr'] });
  const rows = await server.db.kysely.selectFrom('audit_log').select('details').execute();
  assert.ok(rows.every((r) => !r.details.includes('Very-secret-99')));
});

test('the chain verifies, and editing one row directly in the database is caught and named', async () => {
  for (let i = 0; i < 5; i++) await admin.post('/api/positions', { name: `Chain ${i}` });
  const intact = await verifyCli();
  assert.equal(intact.code, 0);
  assert.equal(intact.out.ok, true);
  assert.equal((await admin.get('/api/audit/verify')).body.ok, true);

  const victim = await server.db.kysely
    .selectFrom('audit_log')
    .select(['id', 'details'])
    .where('action', '=', 'position.create')
    .orderBy('id')
    .limit(1)
    .offset(2)
    .executeTakeFirstOrThrow();
  await server.db.kysely
    .updateTable('audit_log')
    .set({ details: victim.details.replace('Chain 2', 'Chain X') })
    .where('id', '=', victim.id)
    .execute();

  const broken = await verifyCli();
  assert.equal(broken.code, 1);
  assert.equal(broken.out.ok, false);
  assert.equal(broken.out.break!.id, victim.id);
  assert.equal(broken.out.break!.problem, 'changed');
  assert.equal((await admin.get('/api/audit/verify')).body.break.id, victim.id);
});

test('a removed entry is caught at the entry after it', async () => {
  // Start from an intact chain: repair the previous test's damage by checking on a fresh server.
  const fresh = await startTestServer();
  try {
    const c = await adminClient(fresh);
    for (let i = 0; i < 4; i++) await c.post('/api/positions', { name: `Gap ${i}` });
    const rows = await fresh.db.kysely.selectFrom('audit_log').select('id').orderBy('id').execute();
    const removed = rows[rows.length - 2].id;
    await fresh.db.kysely.deleteFrom('audit_log').where('id', '=', removed).execute();
    const result = (await c.get('/api/audit/verify')).body;
    assert.equal(result.ok, false);
    assert.equal(result.break.id, rows[rows.length - 1].id);
    assert.equal(result.break.problem, 'removed_or_reordered');
  } finally {
    await fresh.stop();
  }
});
