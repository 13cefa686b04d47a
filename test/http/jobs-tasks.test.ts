import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runDueJobs, type ScheduledJob } from '../../src/jobs/scheduler.js';
import { loadActor } from '../../src/services/actor.js';
import { startTask, waitForTask } from '../../src/services/tasks.service.js';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let admin: ApiClient;

before(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
after(() => server?.stop());

test('a scheduled job runs once per slot even when two instances tick at the same moment', async () => {
  let runs = 0;
  const job: ScheduledJob = {
    name: 'count-once',
    schedule: { everyMinutes: 60 },
    run: async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      return { runs };
    },
  };
  // Two contexts on the same database stand for two server instances.
  const other = { ...server.ctx };
  const [a, b] = await Promise.all([runDueJobs(server.ctx, [job]), runDueJobs(other, [job])]);
  assert.equal(runs, 1);
  assert.deepEqual([a[0].status, b[0].status].sort(), ['ok', 'skipped']);
  const again = await runDueJobs(server.ctx, [job]);
  assert.equal(again[0].status, 'skipped');
  const rows = await server.db.kysely
    .selectFrom('job_runs')
    .selectAll()
    .where('job', '=', 'count-once')
    .execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0].status, 'ok');
});

test('a failing job is recorded as failed and does not stop the others', async () => {
  const bad: ScheduledJob = {
    name: 'bad',
    schedule: { everyMinutes: 60 },
    run: async () => Promise.reject(new Error('boom')),
  };
  const good: ScheduledJob = { name: 'good', schedule: { everyMinutes: 60 }, run: async () => 'fine' };
  const out = await runDueJobs(server.ctx, [bad, good]);
  assert.deepEqual(
    out.map((o) => o.status),
    ['failed', 'ok'],
  );
});

test('a background task reports progress and offers its file to its owner only', async () => {
  const me = (await admin.get('/api/auth/me')).body;
  const actor = (await loadActor(server.db, me.userId, '127.0.0.1'))!;
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const task = await startTask(server.ctx, actor, 'demo-export', async (progress) => {
    await progress.update(5, 10, 'half way');
    await gate;
    await progress.update(10, 10);
    return { result: { rows: 10 }, file: { name: '导出.csv', data: Buffer.from('a,b\n1,2\n') } };
  });
  await new Promise((r) => setTimeout(r, 100));
  const mid = (await admin.get(`/api/tasks/${task.id}`)).body;
  assert.equal(mid.status, 'running');
  assert.equal(mid.percent, 50);
  assert.equal(mid.message, 'half way');
  release();
  await waitForTask(server.ctx, task.id);
  const done = (await admin.get(`/api/tasks/${task.id}`)).body;
  assert.deepEqual(
    [done.status, done.percent, done.result.rows, done.fileName],
    ['done', 100, 10, '导出.csv'],
  );
  const file = await admin.get(`/api/tasks/${task.id}/download`);
  assert.equal((file.body as Buffer).toString(), 'a,b\n1,2\n');
  assert.match(file.headers.get('content-disposition') ?? '', /filename\*=UTF-8''/);

  await admin.post('/api/users', { username: 'nosy', password: 'Nosy-pass-2026', roles: ['hr'] });
  const nosy = new ApiClient(server.url);
  await nosy.login('nosy', 'Nosy-pass-2026');
  assert.equal((await nosy.get(`/api/tasks/${task.id}`)).status, 403);
  assert.equal((await nosy.get(`/api/tasks/${task.id}/download`)).status, 403);
  assert.deepEqual((await nosy.get('/api/tasks')).body, []);
});

test('a task that throws ends as failed with its message', async () => {
  const me = (await admin.get('/api/auth/me')).body;
  const actor = (await loadActor(server.db, me.userId, null))!;
  const task = await startTask(server.ctx, actor, 'doomed', async () => {
    throw new Error('disk full');
  });
  const done = await waitForTask(server.ctx, task.id);
  assert.deepEqual([done.status, done.error], ['failed', 'disk full']);
});
