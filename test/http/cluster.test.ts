// Two server instances on one PostgreSQL database, as a large company runs them: an employee enrolled through
// one is identified through the other within a second (and a deletion reaches the other as fast), a change
// no one heard is caught up when the listening connection comes back, the console's live stream shows the
// other instance's punches, a scheduled job runs once and a long run does not overlap the next slot on the
// other instance, a per-kiosk rate limit counts across both, and killing one instance (SIGKILL, a real
// process) loses no acknowledged punch. Skipped on SQLite, which has one instance.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { ScheduledJob } from '../../src/jobs/scheduler.js';
import { runDueJobs } from '../../src/jobs/scheduler.js';
import { clusterOf } from '../../src/services/cluster/index.js';
import {
  ADMIN,
  ApiClient,
  adminClient,
  pgTestUrl,
  startTestServer,
  type TestServer,
  testDbKind,
  withSchemaLock,
} from '../helpers/server.js';
import { createEmployee, photo } from './faces-fixtures.js';
import { enrolledEmployee, kioskCall, type PairedKiosk, pairKiosk, punchBody } from './kiosk-fixtures.js';

const ENROLL = 'deepface__img1.jpg';
const PROBE = 'deepface__img2.jpg'; // the same person, another photo
const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Polls until `check` holds; returns how long that took, or fails after `limitMs`. */
async function within(limitMs: number, what: string, check: () => boolean | Promise<boolean>) {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > limitMs) assert.fail(`${what}: not within ${limitMs} ms`);
    await sleep(10);
  }
  return Date.now() - t0;
}

async function pgQuery(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: pgTestUrl() });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe('several instances on one PostgreSQL database', {
  skip: testDbKind() !== 'postgres' && 'one instance on SQLite (run with FACECLOCK_TEST_DB=postgres)',
}, () => {
  let a: TestServer;
  let b: TestServer;
  let adminA: ApiClient;
  let adminB: ApiClient;
  let kiosk: PairedKiosk;

  before(async () => {
    a = await startTestServer({ kioskPunchRateLimitPerMinute: 1000 });
    // The second instance: same database schema, same data folder (so the same sealing key).
    b = await startTestServer(
      { kioskPunchRateLimitPerMinute: 1000 },
      { reuse: { dataDir: a.dataDir, pgSchema: a.pgSchema } },
    );
    await Promise.all([clusterOf(a.db)!.ready(), clusterOf(b.db)!.ready()]);
    adminA = await adminClient(a);
    adminB = await adminClient(b);
    const s = await adminA.patch('/api/devices/settings', {
      repeatWindowMinutes: 0,
      sureAntispoof: 0,
      sureLiveness: 0,
    });
    assert.equal(s.status, 200, JSON.stringify(s.body));
    kiosk = await pairKiosk(adminA, { name: 'Gate 1', direction: 'both' });
  });

  after(async () => {
    await b?.close();
    await a?.stop();
  });

  test('an employee enrolled through one instance is identified through the other within a second', async () => {
    await b.ctx.face!.warmUp();
    const probe = await photo(PROBE);
    const before = b.ctx.face!.index.size;
    const employeeId = await enrolledEmployee(adminA, 'C001', 'Cluster Person', ENROLL);
    const ms = await within(1000, 'template reaches the other index', () => b.ctx.face!.index.size > before);
    assert.ok(ms < 1000);
    const res = await kioskCall(
      b.url,
      kiosk.token,
      'POST',
      '/api/kiosk/punches',
      punchBody(new Date(), { photo: probe }),
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.outcome, 'recorded', JSON.stringify(res.body));
    assert.equal(res.body.employee.id, employeeId);

    // Deleting through the second instance takes the face out of the first one's index as fast.
    const sizeA = a.ctx.face!.index.size;
    const del = await adminB.delete(`/api/employees/${employeeId}/faces`);
    assert.ok(del.status === 200 || del.status === 204, JSON.stringify(del.body));
    await within(1000, 'deletion reaches the other index', () => a.ctx.face!.index.size < sizeA);
    const again = await kioskCall(
      a.url,
      kiosk.token,
      'POST',
      '/api/kiosk/punches',
      punchBody(new Date(), { photo: probe }),
    );
    assert.equal(again.body.outcome, 'unknown', JSON.stringify(again.body));
  });

  test('a console session opened on one instance works on the other, and logging out ends it on both', async () => {
    const client = new ApiClient(a.url);
    await client.login(ADMIN.username, ADMIN.password);
    const onB = Object.assign(new ApiClient(b.url), { cookie: client.cookie, csrf: client.csrf });
    const me = await onB.get('/api/auth/me');
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.username, ADMIN.username);
    // A write with the CSRF token issued by the other instance.
    const site = await onB.post('/api/sites', { name: 'Second plant', timeZone: 'Asia/Shanghai' });
    assert.equal(site.status, 201, JSON.stringify(site.body));
    assert.equal((await onB.post('/api/auth/logout')).status, 200);
    client.cookie = onB.cookie || client.cookie;
    assert.equal(
      (await new ApiClient(a.url).request('GET', '/api/auth/me', undefined, { cookie: client.cookie }))
        .status,
      401,
    );
  });

  test('after the listening connection drops, the index catches up on a change no one heard', async () => {
    const id = await enrolledEmployee(adminA, 'C002', 'Missed Person', ENROLL);
    const template = await a.db.kysely
      .selectFrom('face_templates')
      .select('id')
      .where('employee_id', '=', id)
      .executeTakeFirstOrThrow();
    await within(1000, 'enrolled on b', () => b.ctx.face!.index.has(String(template.id)));
    const sizeB = b.ctx.face!.index.size;
    // A deletion that sends no notification, as if it happened while b was not listening.
    await pgQuery(`alter table ${a.pgSchema}.face_templates disable trigger face_templates_notify_delete`);
    try {
      await a.db.kysely.deleteFrom('face_templates').where('id', '=', template.id).execute();
    } finally {
      await pgQuery(`alter table ${a.pgSchema}.face_templates enable trigger face_templates_notify_delete`);
    }
    await sleep(200);
    assert.equal(b.ctx.face!.index.size, sizeB, 'nothing was announced');
    const cluster = clusterOf(b.db)!;
    const oldPid = cluster.backendPid();
    assert.ok(oldPid);
    await pgQuery('select pg_terminate_backend($1)', [oldPid]);
    await within(5000, 'reconnected and caught up', () => !b.ctx.face!.index.has(String(template.id)));
    assert.equal(b.ctx.face!.index.size, sizeB - 1);
    assert.notEqual(cluster.backendPid(), oldPid);
    assert.ok(cluster.connected());
  });

  test('the live stream of one instance shows the punches recorded by the other', async () => {
    const employeeId = await createEmployee(adminA, 'C100', 'Pin Person');
    assert.equal((await adminA.put(`/api/employees/${employeeId}/pin`, { pin: '482913' })).status, 200);
    const controller = new AbortController();
    const res = await fetch(`${b.url}/api/punches/live`, {
      headers: { cookie: adminB.cookie },
      signal: controller.signal,
    });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    await reader.read(); // ": connected"
    const evidence = await photo(PROBE);
    const punched = await kioskCall(
      a.url,
      kiosk.token,
      'POST',
      '/api/kiosk/punches',
      punchBody(new Date(), { method: 'pin', employeeNo: 'C100', pin: '482913', photo: evidence }),
    );
    assert.equal(punched.body.outcome, 'recorded', JSON.stringify(punched.body));
    let text = '';
    const deadline = setTimeout(() => controller.abort(), 5000);
    while (!text.includes(`"id":${punched.body.punch.id},`)) {
      text += decoder.decode((await reader.read()).value);
    }
    clearTimeout(deadline);
    controller.abort();
    const event = JSON.parse(/data: (.*)/.exec(text.slice(text.indexOf('event: punch')))![1]);
    assert.equal(event.kind, 'punch');
    assert.equal(event.employee.name, 'Pin Person');
    assert.equal(event.device.name, 'Gate 1');
  });

  test('a scheduled job runs once for both instances, and a long run blocks the next slot elsewhere', async () => {
    // Fixed clocks, one minute apart: slot p(N) and p(N+1) of a job that runs every minute.
    const at = (minute: number) => () => new Date(Date.parse('2030-01-07T08:00:30Z') + minute * 60_000);
    const runs: string[] = [];
    let release: () => void = () => undefined;
    const job = (hold: boolean): ScheduledJob => ({
      name: 'cluster-test-job',
      schedule: { everyMinutes: 1 },
      async run(_ctx, slot) {
        runs.push(slot);
        await new Promise<void>((resolve) => {
          release = resolve;
          if (!hold) setTimeout(resolve, 150);
        });
        return { slot };
      },
    });
    const [ra, rb] = await Promise.all([
      runDueJobs({ ...a.ctx, now: at(0) }, [job(false)]),
      runDueJobs({ ...b.ctx, now: at(0) }, [job(false)]),
    ]);
    assert.deepEqual([ra[0].status, rb[0].status].sort(), ['ok', 'skipped']);
    assert.equal(runs.length, 1);
    const rows = await a.db.kysely
      .selectFrom('job_runs')
      .selectAll()
      .where('job', '=', 'cluster-test-job')
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].status, 'ok');

    // A long run on a, still going when b's clock reaches the next slot: b does not start it alongside.
    const running = runDueJobs({ ...a.ctx, now: at(1) }, [job(true)]);
    await within(2000, 'long run started', () => runs.length === 2);
    const blocked = await runDueJobs({ ...b.ctx, now: at(2) }, [job(false)]);
    assert.equal(blocked[0].status, 'skipped');
    assert.equal(blocked[0].result, 'running elsewhere');
    assert.equal(runs.length, 2);
    release();
    assert.equal((await running)[0].status, 'ok');
    const later = await runDueJobs({ ...b.ctx, now: at(2) }, [job(false)]);
    assert.equal(later[0].status, 'ok', 'the slot skipped while busy runs once the lock is free');
    assert.equal(runs.length, 3);
    const slots = await a.db.kysely
      .selectFrom('job_runs')
      .select(['slot'])
      .where('job', '=', 'cluster-test-job')
      .execute();
    assert.equal(new Set(slots.map((r) => r.slot)).size, 3);
    assert.equal(slots.length, 3);
  });

  test('a per-kiosk punch rate limit counts the requests of both instances', async () => {
    const limited = await startTestServer(
      { kioskPunchRateLimitPerMinute: 4 },
      { reuse: { dataDir: a.dataDir, pgSchema: a.pgSchema } },
    );
    const limited2 = await startTestServer(
      { kioskPunchRateLimitPerMinute: 4 },
      { reuse: { dataDir: a.dataDir, pgSchema: a.pgSchema } },
    );
    try {
      const flooder = await pairKiosk(adminA, { name: 'Flooding kiosk' });
      const other = await pairKiosk(adminA, { name: 'Quiet kiosk' });
      const guess = (url: string, token: string) =>
        kioskCall(url, token, 'POST', '/api/kiosk/punches', {
          ...punchBody(new Date(), { method: 'pin', employeeNo: 'C100', pin: '000000' }),
        });
      const statuses: number[] = [];
      for (const url of [limited.url, limited2.url, limited.url, limited2.url, limited.url, limited2.url]) {
        statuses.push((await guess(url, flooder.token)).status);
      }
      assert.deepEqual(statuses.slice(0, 4), [400, 400, 400, 400], 'no evidence photo: refused, but counted');
      assert.deepEqual(statuses.slice(4), [429, 429]);
      const res = await guess(limited2.url, flooder.token);
      assert.equal(res.body.code, 'rate_limited');
      assert.equal((await guess(limited.url, other.token)).status, 400, 'another kiosk has its own count');
    } finally {
      await limited2.close();
      await limited.close();
    }
  });

  test('killing one instance (SIGKILL) loses no acknowledged punch', async () => {
    const employees: string[] = [];
    for (let i = 0; i < 8; i++) {
      const no = `K${i}`;
      const id = await createEmployee(adminA, no, `Kill Test ${i}`);
      assert.equal((await adminA.put(`/api/employees/${id}/pin`, { pin: '246810' })).status, 200);
      employees.push(no);
    }
    const child = await spawnServer(a);
    const evidence = await photo(PROBE);
    const acknowledged = new Set<string>();
    const unanswered: { key: string; body: object }[] = [];
    let killed = false;
    const loop = async (n: number) => {
      for (let i = 0; !killed; i++) {
        const body = punchBody(new Date(), {
          method: 'pin',
          employeeNo: employees[(n + i) % employees.length],
          pin: '246810',
          photo: evidence,
        });
        try {
          const res = await kioskCall(child.url, kiosk.token, 'POST', '/api/kiosk/punches', body);
          if (res.status === 200 && res.body.outcome === 'recorded') acknowledged.add(body.idempotencyKey);
          else unanswered.push({ key: body.idempotencyKey, body });
        } catch {
          unanswered.push({ key: body.idempotencyKey, body });
        }
      }
    };
    const loops = Array.from({ length: 6 }, (_, n) => loop(n));
    await within(20_000, 'punches acknowledged', () => acknowledged.size >= 20);
    child.process.kill('SIGKILL');
    killed = true;
    await Promise.all(loops);
    assert.ok(acknowledged.size >= 20);
    // Every acknowledged punch is stored, exactly once.
    const keys = [...acknowledged];
    const stored = await a.db.kysely
      .selectFrom('punches')
      .select(['idempotency_key'])
      .where('idempotency_key', 'in', keys)
      .execute();
    assert.equal(stored.length, keys.length);
    // The kiosk sends what got no answer again, to the instance still running: each is then stored once.
    for (const { body } of unanswered) {
      const res = await kioskCall(a.url, kiosk.token, 'POST', '/api/kiosk/punches', body);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.outcome, 'recorded');
    }
    const all = [...keys, ...unanswered.map((u) => u.key)];
    const total = await a.db.kysely
      .selectFrom('punches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('idempotency_key', 'in', all)
      .executeTakeFirstOrThrow();
    assert.equal(Number(total.n), all.length);
  });
});

/** The real server process (`faceclock serve`) on the test's schema and data folder. */
/** Migrations at start-up hold the shared schema lock, as in startTestServer. */
const spawnServer = (base: TestServer) => withSchemaLock('shared', () => spawnServerUnlocked(base));

async function spawnServerUnlocked(base: TestServer): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/faceclock.js'), 'serve'], {
    cwd: repoRoot,
    env: {
      ...base.cliEnv,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      FACECLOCK_ADMIN_USER: '',
      FACECLOCK_KIOSK_PUNCH_RATE_LIMIT: '100000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { url, process: child };
}
