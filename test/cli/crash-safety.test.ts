// A punch the server acknowledged is never lost. The real server process (`bin/faceclock.js serve`) runs on a
// temporary database (SQLite, or a fresh PostgreSQL schema with FACECLOCK_TEST_DB=postgres); three kiosks'
// worth of PIN punches, each with its idempotency key, run against it until it has acknowledged a good number,
// and then the process is killed with SIGKILL in the middle of the load. After a restart the punches that got no
// answer are replayed as a kiosk's offline queue would, a few acknowledged ones too, and the database must hold
// every acknowledged punch exactly once, under the id it was acknowledged with.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import sharp from 'sharp';
import { openDb } from '../../src/db/database.js';
import { ApiClient, dropTestSchema, pgTestUrl, testDbKind, withSchemaLock } from '../helpers/server.js';
import { pairKiosk, punchBody } from '../http/kiosk-fixtures.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const ADMIN = { username: 'admin', password: 'Admin-pass-2026' };
const EMPLOYEES = 8;
const WORKERS = 3;
const KILL_AFTER_ACKS = 40;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-crash-'));
let pgSchema: string | undefined;
let child: ChildProcess | undefined;

after(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (pgSchema) await dropTestSchema(pgSchema);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function databaseUrl(): Promise<string | undefined> {
  if (testDbKind() !== 'postgres') return undefined;
  pgSchema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: pgTestUrl() });
  await client.connect();
  await client.query(`create schema ${pgSchema}`);
  await client.end();
  return `${pgTestUrl()}?options=${encodeURIComponent(`-c search_path=${pgSchema}`)}`;
}

/** Starts `faceclock serve` and waits until /api/health answers. */
/** Migrations at start-up hold the shared schema lock, as in startTestServer. */
const startProcess = (env: NodeJS.ProcessEnv, url: string) =>
  withSchemaLock('shared', () => startProcessUnlocked(env, url));

async function startProcessUnlocked(env: NodeJS.ProcessEnv, url: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [path.join(repoRoot, 'bin/faceclock.js'), 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d) => {
    stderr += d;
  });
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited ${proc.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return proc;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${stderr}`);
}

interface Sent {
  key: string;
  body: ReturnType<typeof punchBody>;
}

test('every acknowledged punch survives a SIGKILL of the server, exactly once', {
  timeout: 300_000,
}, async (t) => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: (await databaseUrl()) ?? '',
    FACECLOCK_ADMIN_USER: ADMIN.username,
    FACECLOCK_ADMIN_PASSWORD: ADMIN.password,
    FACECLOCK_KEY: '',
    LOG_LEVEL: 'error',
  };
  child = await startProcess(env, url);

  const admin = new ApiClient(url);
  await admin.login(ADMIN.username, ADMIN.password);
  const site = await admin.post('/api/sites', { name: 'Plant', timeZone: 'Asia/Shanghai' });
  const kiosk = await pairKiosk(admin, { name: 'Gate', siteId: site.body.id, direction: 'both' });
  // Every punch counts in this test: no repeat window.
  const settings = await admin.patch('/api/devices/settings', { repeatWindowMinutes: 0 });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));
  const people: { no: string; pin: string }[] = [];
  for (let i = 0; i < EMPLOYEES; i++) {
    const no = `C${String(i + 1).padStart(3, '0')}`;
    const created = await admin.post('/api/employees', { employeeNo: no, name: `Crash ${i + 1}` });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const pin = String(300000 + i * 7919);
    assert.equal((await admin.put(`/api/employees/${created.body.id}/pin`, { pin })).status, 200);
    people.push({ no, pin });
  }
  const evidence = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#8899aa' } })
    .jpeg()
    .toBuffer();

  const send = async (body: Sent['body']) => {
    const res = await fetch(`${url}/api/kiosk/punches`, {
      method: 'POST',
      headers: { 'x-device-token': kiosk.token, 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: the punch answer, read field by field below
    return { status: res.status, body: (await res.json()) as any };
  };

  // The load: each worker punches in turn; an answered punch is acknowledged, anything else stays queued.
  const acknowledged = new Map<string, number>();
  const bodies = new Map<string, Sent['body']>();
  const queued: Sent[] = [];
  let killed = false;
  let n = 0;
  const worker = async () => {
    while (!killed) {
      const person = people[n++ % people.length];
      const key = randomUUID();
      const body = punchBody(new Date(), {
        method: 'pin',
        employeeNo: person.no,
        pin: person.pin,
        photo: evidence,
        key,
      });
      bodies.set(key, body);
      try {
        const res = await send(body);
        if (res.status === 200 && res.body.outcome === 'recorded') acknowledged.set(key, res.body.punch.id);
        else if (res.status >= 500) queued.push({ key, body });
        else assert.fail(`unexpected answer ${res.status} ${JSON.stringify(res.body)}`);
      } catch {
        queued.push({ key, body });
      }
      if (!killed && acknowledged.size >= KILL_AFTER_ACKS) {
        killed = true;
        child!.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  await new Promise((r) =>
    child!.exitCode !== null || child!.signalCode ? r(null) : child!.once('exit', r),
  );
  assert.equal(child.signalCode, 'SIGKILL');
  assert.ok(acknowledged.size >= KILL_AFTER_ACKS);
  t.diagnostic(`${acknowledged.size} acknowledged before the kill, ${queued.length} without an answer`);

  // Restart on the same data; the kiosk replays its queue, and (as a kiosk that lost an answer would) a few
  // acknowledged punches again.
  child = await startProcess(env, url);
  for (const q of queued) {
    const res = await send({ ...q.body, fromQueue: true } as Sent['body']);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.outcome, 'recorded', JSON.stringify(res.body));
  }
  const again = [...acknowledged].slice(0, 5);
  for (const [key, id] of again) {
    const res = await send(bodies.get(key)!);
    assert.equal(res.body.replayed, true, JSON.stringify(res.body));
    assert.equal(res.body.punch.id, id, 'the replay answers with the punch first acknowledged');
  }
  child.kill('SIGTERM');
  await new Promise((r) => (child!.exitCode !== null ? r(null) : child!.once('exit', r)));

  // The database: every acknowledged punch once, under its id; nothing recorded twice.
  const db = openDb({ databaseUrl: env.DATABASE_URL || undefined, dataDir });
  try {
    const rows = await db.kysely
      .selectFrom('punches')
      .select(['id', 'idempotency_key', 'method'])
      .where('device_id', '=', kiosk.deviceId)
      .execute();
    const byKey = new Map<string, number[]>();
    for (const r of rows) byKey.set(r.idempotency_key!, [...(byKey.get(r.idempotency_key!) ?? []), r.id]);
    for (const [key, id] of acknowledged) assert.deepEqual(byKey.get(key), [id], `acknowledged punch ${key}`);
    for (const q of queued) assert.equal(byKey.get(q.key)?.length, 1, `queued punch ${q.key}`);
    assert.equal(rows.length, acknowledged.size + queued.length, 'nothing else, nothing twice');
    assert.ok(rows.every((r) => r.method === 'pin'));
  } finally {
    await db.close();
  }
});
