// The status page, the maintenance mode and the maintenance log: the status names the database, the face engine,
// the jobs' last runs, the last backup (with a warning when it is old or missing) and the kiosks online and
// offline; the maintenance mode shows a public notice for the console and the kiosks while kiosk punches go on;
// the log records start, end, what happened and what was done, and exports as a report.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { createBackup } from '../../src/services/backup.service.js';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { kioskCall, pairKiosk, punchBody } from './kiosk-fixtures.js';

let server: TestServer;
let admin: ApiClient;
let nowMs = Date.parse('2026-05-04T02:00:00Z');
const now = () => new Date(nowMs);
const HOUR = 3_600_000;
type Warning = { code: string; params: Record<string, unknown> };

before(async () => {
  server = await startTestServer({}, { now });
  admin = await adminClient(server);
});

after(async () => {
  await server?.stop();
});

test('the status page warns of a missing backup and names the kiosks online and offline', async () => {
  const online = await pairKiosk(admin, { name: 'Lobby' });
  const silent = await pairKiosk(admin, { name: 'Warehouse' });
  // The warehouse kiosk was last heard of an hour ago.
  await server.db.kysely
    .updateTable('devices')
    .set({ last_seen_at: new Date(nowMs - HOUR).toISOString() })
    .where('id', '=', silent.deviceId)
    .execute();
  const beat = await kioskCall(server.url, online.token, 'POST', '/api/kiosk/heartbeat', {
    appVersion: 't',
    faceBackend: 'wasm',
    camera: '1280x720',
    sentAt: now().toISOString(),
  });
  assert.ok(beat.status < 300, JSON.stringify(beat.body));
  await server.db.kysely
    .insertInto('job_runs')
    .values({
      job: 'retention-purge',
      slot: '2026-05-03',
      instance: 'test',
      status: 'failed',
      started_at: new Date(nowMs - 20 * HOUR).toISOString(),
      finished_at: new Date(nowMs - 20 * HOUR).toISOString(),
      result: null,
    })
    .execute();

  const res = await admin.get('/api/operations/status');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const s = res.body;
  assert.equal(s.database.ok, true);
  assert.equal(s.database.dialect, server.db.dialect);
  assert.equal(s.faceEngine.templates, 0);
  assert.equal(s.backup.last, null);
  assert.deepEqual(
    s.devices.items.map((d: { name: string; state: string }) => [d.name, d.state]),
    [
      ['Lobby', 'online'],
      ['Warehouse', 'offline'],
    ],
  );
  assert.equal(s.devices.online, 1);
  assert.equal(s.devices.offline, 1);
  assert.deepEqual(
    s.jobs.map((j: { job: string; status: string }) => [j.job, j.status]),
    [['retention-purge', 'failed']],
  );
  const codes = s.warnings.map((w: Warning) => w.code).sort();
  assert.deepEqual(codes, ['devices_offline', 'job_failed', 'no_backup']);
  assert.equal(s.level, 'warning');
  assert.match(s.keys.current, /^[0-9a-f]{8}$/);
});

test('a backup two days old is a warning; a fresh one clears it', async () => {
  await createBackup({ ...server.ctx, now: () => new Date(nowMs - 48 * HOUR) }, { appVersion: 'test' });
  let s = (await admin.get('/api/operations/status')).body;
  assert.equal(s.backup.count, 1);
  assert.equal(s.backup.last.ageHours, 48);
  assert.deepEqual(s.warnings.find((w: Warning) => w.code === 'backup_old')?.params, { hours: 48 });
  await createBackup(server.ctx, { appVersion: 'test' });
  s = (await admin.get('/api/operations/status')).body;
  assert.equal(s.backup.count, 2);
  assert.equal(s.backup.last.ageHours, 0);
  assert.ok(!s.warnings.some((w: Warning) => w.code === 'no_backup' || w.code === 'backup_old'));
});

test('maintenance mode: a public notice while on, kiosk punches still recorded, closed with a log entry', async () => {
  assert.deepEqual((await fetch(`${server.url}/api/maintenance`).then((r) => r.json())) as object, {
    maintenance: null,
  });
  const plannedEnd = new Date(nowMs + 2 * HOUR).toISOString();
  const started = await admin.post('/api/operations/maintenance/start', {
    title: 'Database upgrade',
    message: 'Punches are queued on the kiosks and sent afterwards.',
    plannedEnd,
  });
  assert.equal(started.status, 201, JSON.stringify(started.body));
  const twice = await admin.post('/api/operations/maintenance/start', { title: 'Again' });
  assert.equal(twice.status, 409);
  assert.equal(twice.body.code, 'maintenance_active');

  // Without a session, as the kiosk and the console's banner read it.
  const notice = (await fetch(`${server.url}/api/maintenance`).then((r) => r.json())) as {
    maintenance: { title: string; plannedEnd: string };
  };
  assert.equal(notice.maintenance.title, 'Database upgrade');
  assert.equal(notice.maintenance.plannedEnd, plannedEnd);
  assert.equal((await admin.get('/api/operations/status')).body.maintenance.id, started.body.id);

  // A kiosk still punches.
  const kiosk = await pairKiosk(admin, { name: 'Gate' });
  const person = (await admin.post('/api/employees', { employeeNo: 'M1', name: 'Maint Person' })).body.id;
  await admin.put(`/api/employees/${person}/pin`, { pin: '913582' });
  const photo = Buffer.from(
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
    'base64',
  );
  const punch = await kioskCall(
    server.url,
    kiosk.token,
    'POST',
    '/api/kiosk/punches',
    punchBody(now(), { method: 'pin', employeeNo: 'M1', pin: '913582', photo }),
  );
  assert.equal(punch.body.outcome, 'recorded', JSON.stringify(punch.body));

  nowMs += HOUR; // sessions stay valid: less than their idle timeout
  const ended = await admin.post('/api/operations/maintenance/end', {
    whatHappened: 'PostgreSQL 15.4 → 15.6; 12 minutes of downtime.',
    actions: 'Backup before; restart; audit chain verified.',
  });
  assert.equal(ended.status, 200, JSON.stringify(ended.body));
  assert.equal(ended.body.endedAt, now().toISOString());
  assert.equal(
    ((await fetch(`${server.url}/api/maintenance`).then((r) => r.json())) as { maintenance: unknown })
      .maintenance,
    null,
  );
  assert.equal((await admin.post('/api/operations/maintenance/end', {})).status, 409);
});

test('incidents and drills are logged; the log lists newest first and exports as CSV and XLSX', async () => {
  const incident = await admin.post('/api/operations/maintenance-log', {
    kind: 'incident',
    title: 'Kiosk network outage',
    startedAt: '2026-05-01T01:00:00Z',
    endedAt: '2026-05-01T01:30:00Z',
    whatHappened: 'Switch failure at the gate.',
    actions: 'Replaced the switch; kiosk queue replayed.',
  });
  assert.equal(incident.status, 201, JSON.stringify(incident.body));
  const backwards = await admin.put(`/api/operations/maintenance-log/${incident.body.id}`, {
    endedAt: '2026-04-30T00:00:00Z',
  });
  assert.equal(backwards.status, 400);
  const drill = await admin.post('/api/operations/maintenance-log', {
    kind: 'drill',
    title: 'Restore drill',
  });
  assert.equal(drill.status, 201);
  const fixed = await admin.put(`/api/operations/maintenance-log/${drill.body.id}`, {
    actions: 'Restored last night’s backup on a spare machine.',
  });
  assert.equal(fixed.body.actions, 'Restored last night’s backup on a spare machine.');
  assert.equal(fixed.body.title, 'Restore drill');

  const list = await admin.get('/api/operations/maintenance-log');
  assert.equal(list.body.total, 3);
  assert.deepEqual(
    list.body.items.map((e: { title: string }) => e.title),
    ['Restore drill', 'Database upgrade', 'Kiosk network outage'],
  );
  const incidents = await admin.get('/api/operations/maintenance-log?kind=incident');
  assert.equal(incidents.body.total, 1);

  const csv = await fetch(`${server.url}/api/operations/maintenance-log/export?format=csv`, {
    headers: { cookie: admin.cookie, 'accept-language': 'zh-CN' },
  });
  assert.equal(csv.status, 200);
  const lines = (await csv.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  assert.match(lines[0], /^编号,类型,标题,开始时间,计划结束,结束时间,时长（分钟）,经过,处理措施,记录人$/);
  assert.equal(lines.length, 4);
  assert.match(
    lines[1],
    /^\d+,故障,Kiosk network outage,2026-05-01T01:00:00.000Z,,2026-05-01T01:30:00.000Z,30,/,
  );
  assert.match(lines[2], /,维护,Database upgrade,.*,60,/);

  const xlsx = await fetch(`${server.url}/api/operations/maintenance-log/export?format=xlsx&kind=drill`, {
    headers: { cookie: admin.cookie },
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await xlsx.arrayBuffer());
  assert.equal(book.worksheets[0].rowCount, 2);
  assert.equal(book.worksheets[0].getRow(2).getCell(3).value, 'Restore drill');
});

test('an auditor reads the status and the log but cannot switch the mode; every change is audited', async () => {
  await admin.post('/api/users', { username: 'aud', password: 'Aud-pass-2026', roles: ['auditor'] });
  const auditor = new ApiClient(server.url);
  await auditor.login('aud', 'Aud-pass-2026');
  assert.equal((await auditor.get('/api/operations/status')).status, 200);
  assert.equal((await auditor.get('/api/operations/maintenance-log')).status, 200);
  assert.equal((await auditor.post('/api/operations/maintenance/start', { title: 'x' })).status, 403);
  const actions = (await admin.get('/api/audit?limit=50')).body.items.map(
    (e: { action: string }) => e.action,
  );
  for (const a of ['operations.maintenance_start', 'operations.maintenance_end', 'operations.log_create'])
    assert.ok(actions.includes(a), a);
});
