// The alert centre through the real app: detectors on punch streams written to the database and on real kiosk
// PIN punches, routing to HR, security users and a webhook, status history, audited evidence, scopes, the
// dashboard count, and employees told of their own exception days.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { alertScanJob } from '../../src/jobs/alert-scan.job.js';
import { scheduledJobs } from '../../src/jobs/index.js';
import { runDueJobs } from '../../src/jobs/scheduler.js';
import {
  notifyAttendanceExceptions,
  sendManagerDigest,
} from '../../src/services/alerts/attendance-notices.js';
import { scanAnomalies } from '../../src/services/alerts/scan.js';
import { ensureFaceRuntime } from '../../src/services/face/runtime.js';
import { deliverDue } from '../../src/services/notify/index.js';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { photo } from './faces-fixtures.js';
import { kioskCall, pairKiosk, punchBody } from './kiosk-fixtures.js';
import { startReceiver } from './notify-receivers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 2026-03-16, 09:00 in Shanghai.
let clock = Date.parse('2026-03-16T01:00:00Z');
const now = () => new Date(clock);
const iso = (ms: number) => new Date(ms).toISOString();

let server: TestServer;
let admin: ApiClient;
let hr: ApiClient;
let manager: ApiClient;
let otherManager: ApiClient;
let employeeClient: ApiClient;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const ids = {
  deptA: 0,
  deptB: 0,
  deptC: 0,
  shanghai: 0,
  beijing: 0,
  e1: 0,
  e2: 0,
  leaver: 0,
  sec: 0,
  hr: 0,
  mgr: 0,
  channel: 0,
};

async function login(username: string, password: string) {
  const c = new ApiClient(server.url);
  await c.login(username, password);
  return c;
}

async function user(body: object) {
  const res = await admin.post('/api/users', body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as number;
}

async function employee(no: string, departmentId: number, extra: object = {}) {
  const res = await admin.post('/api/employees', {
    employeeNo: no,
    name: `Person ${no}`,
    departmentId,
    ...extra,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as number;
}

async function insertPunch(employeeId: number, atMs: number, siteId: number | null, extra: object = {}) {
  const row = await server.ctx.db.kysely
    .insertInto('punches')
    .values({
      employee_id: employeeId,
      at: iso(atMs),
      site_id: siteId,
      device_id: null,
      method: 'face',
      direction: 'in',
      idempotency_key: null,
      device_time: null,
      clock_skew_ms: null,
      match_score: 0.97,
      match_margin: 0.2,
      flags: '[]',
      evidence: null,
      evidence_expires_at: null,
      note: null,
      created_at: iso(atMs),
      created_by_user_id: null,
      ...extra,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function alertsOf(client: ApiClient, query = '') {
  const res = await client.get(`/api/alerts${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function scan() {
  const res = await admin.post('/api/alerts/scan');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { punches: number; attempts: number; raised: number[] };
}

before(async () => {
  receiver = await startReceiver([200]);
  server = await startTestServer({}, { now });
  admin = await adminClient(server);
  ids.deptA = (await admin.post('/api/departments', { name: 'Assembly' })).body.id;
  ids.deptB = (await admin.post('/api/departments', { name: 'Billing' })).body.id;
  const site = async (name: string, latitude: number, longitude: number) =>
    (await admin.post('/api/sites', { name, timeZone: 'Asia/Shanghai', latitude, longitude })).body
      .id as number;
  ids.shanghai = await site('Shanghai plant', 31.2304, 121.4737);
  ids.beijing = await site('Beijing office', 39.9042, 116.4074);
  ids.e1 = await employee('A001', ids.deptA, { siteId: ids.shanghai });
  ids.e2 = await employee('B001', ids.deptB);
  ids.leaver = await employee('A002', ids.deptA, { terminationDate: '2026-03-01' });
  ids.hr = await user({ username: 'hr1', password: 'Hr-pass-20261', roles: ['hr'] });
  ids.sec = await user({ username: 'sec1', password: 'Sec-pass-2026', roles: ['auditor'] });
  ids.mgr = await user({
    username: 'mgr1',
    password: 'Mgr-pass-2026',
    roles: ['manager'],
    managedDepartmentIds: [ids.deptA],
  });
  await user({
    username: 'mgr2',
    password: 'Mgr-pass-2026',
    roles: ['manager'],
    managedDepartmentIds: [ids.deptB],
  });
  await user({ username: 'emp1', password: 'Emp-pass-2026', roles: ['employee'], employeeId: ids.e1 });
  hr = await login('hr1', 'Hr-pass-20261');
  manager = await login('mgr1', 'Mgr-pass-2026');
  otherManager = await login('mgr2', 'Mgr-pass-2026');
  employeeClient = await login('emp1', 'Emp-pass-2026');
  const channel = await hr.post('/api/notify/channels', {
    kind: 'webhook',
    name: 'SOC',
    url: receiver.url,
    secret: 'k',
  });
  assert.equal(channel.status, 201);
  ids.channel = channel.body.id;
});

after(async () => {
  await server?.stop();
  await receiver?.close();
});

test('settings: HR routes impossible travel to security users and a webhook; bad references are refused', async () => {
  const bad = await hr.put('/api/alerts/settings', { routing: { securityUserIds: [999_999] } });
  assert.equal(bad.status, 400);
  const res = await hr.put('/api/alerts/settings', {
    routing: {
      securityUserIds: [ids.sec],
      routes: {
        impossible_travel: {
          recipients: ['hr', 'security', 'manager'],
          channels: [ids.channel],
          email: false,
        },
      },
    },
    detectors: { unusualTime: { minDays: 8 } },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body.routing.routes.impossible_travel.recipients, ['hr', 'security', 'manager']);
  assert.equal(res.body.detectors.unusualTime.minDays, 8);
  assert.equal(res.body.detectors.unusualTime.threshold, 3.5, 'other values kept');
  assert.equal((await manager.get('/api/alerts/settings')).status, 403);
});

test('impossible travel: alert with evidence, routed to HR, security, the manager and the webhook, raised once', async () => {
  const p1 = await insertPunch(ids.e1, clock - 40 * 60_000, ids.shanghai);
  const p2 = await insertPunch(ids.e1, clock - 10 * 60_000, ids.beijing);
  const result = await scan();
  assert.equal(result.punches, 2);
  assert.equal(result.raised.length, 1);
  const list = await alertsOf(hr, '?kind=impossible_travel');
  assert.equal(list.total, 1);
  const alert = list.items[0];
  assert.equal(alert.severity, 'critical');
  assert.equal(alert.status, 'open');
  assert.equal(alert.employee.id, ids.e1);
  assert.equal(alert.details.fromSite, 'Shanghai plant');
  const detail = (await hr.get(`/api/alerts/${alert.id}`)).body;
  assert.deepEqual(
    detail.punches.map((p: { id: number }) => p.id),
    [p1, p2],
  );
  assert.equal(detail.history[0].action, 'opened');

  // Scanning again raises nothing new.
  assert.deepEqual((await scan()).raised, []);

  for (const client of [hr, manager, await login('sec1', 'Sec-pass-2026')]) {
    const notices = (await client.get('/api/notifications')).body;
    const n = notices.items.find((x: { kind: string }) => x.kind === 'alert.impossible_travel');
    assert.ok(n, 'notice received');
    assert.equal(n.link, `/alerts/${alert.id}`);
    assert.match(n.title['zh-CN'], /不可能的移动/);
  }
  assert.equal((await otherManager.get('/api/notifications')).body.total, 0);

  await deliverDue(server.ctx);
  const hook = receiver.requests.find((r) => JSON.parse(r.body).kind === 'alert.impossible_travel');
  assert.ok(hook, 'webhook received');
  assert.equal(JSON.parse(hook.body).data.alertId, alert.id);
});

test('scopes: a manager sees their departments only; employees have no alert centre', async () => {
  await insertPunch(ids.e2, clock - 5 * 60_000, ids.shanghai, { match_margin: 0.011 }); // low margin, dept B
  await scan();
  const mine = await alertsOf(manager);
  assert.ok(mine.items.every((a: { employee: { id: number } | null }) => a.employee?.id !== ids.e2));
  const theirs = await alertsOf(otherManager);
  assert.deepEqual(
    theirs.items.map((a: { kind: string }) => a.kind),
    ['low_margin'],
  );
  const lowMargin = theirs.items[0].id;
  assert.equal((await manager.get(`/api/alerts/${lowMargin}`)).status, 404);
  assert.equal((await employeeClient.get('/api/alerts')).status, 403);
  const summary = (await otherManager.get('/api/alerts/summary')).body;
  assert.deepEqual(summary, { total: 1, bySeverity: { info: 0, warning: 1, critical: 0 } });
  const all = (await admin.get('/api/alerts/summary')).body;
  assert.equal(all.total, 2);
  assert.equal(all.bySeverity.critical, 1);
});

test('unusual time, punch on leave and punch by a former employee', async () => {
  // Ten working days at about 09:00 in Shanghai, then a punch at 03:00.
  for (let d = 14; d >= 5; d--) await insertPunch(ids.e2, clock - d * DAY + (d % 3) * 60_000, ids.shanghai);
  const night = await insertPunch(ids.e2, clock - 6 * HOUR, ids.shanghai);
  await server.ctx.db.kysely
    .insertInto('attendance_requests')
    .values({
      employee_id: ids.e1,
      kind: 'leave',
      status: 'approved',
      leave_type: 'annual',
      start_date: '2026-03-16',
      end_date: '2026-03-17',
      start_half: null,
      end_half: null,
      start_at: null,
      end_at: null,
      at: null,
      compensation: null,
      reason: 'holiday',
      amount: 2,
      balance_year: 2026,
      chain: '[]',
      step: 0,
      created_by_user_id: null,
      created_at: iso(clock - 10 * DAY),
      updated_at: iso(clock - 10 * DAY),
      decided_at: iso(clock - 9 * DAY),
    })
    .execute();
  const onLeave = await insertPunch(ids.e1, clock, ids.shanghai);
  const leaver = await insertPunch(ids.leaver, clock, ids.shanghai);
  await scan();
  const kinds = (await alertsOf(admin, '?status=open&limit=100')).items.map(
    (a: { kind: string; details: Record<string, unknown> }) => a.kind,
  );
  assert.ok(kinds.includes('unusual_time'), kinds.join());
  assert.ok(kinds.includes('punch_on_leave'), kinds.join());
  assert.ok(kinds.includes('punch_terminated'), kinds.join());
  const unusual = (await alertsOf(admin, '?kind=unusual_time')).items;
  assert.equal(unusual.length, 1, 'the regular mornings raised nothing');
  assert.equal(unusual[0].details.localTime, '03:00');
  const detail = (await admin.get(`/api/alerts/${unusual[0].id}`)).body;
  assert.deepEqual(
    detail.punches.map((p: { id: number }) => p.id),
    [night],
  );
  assert.ok(detail.scores.robustZ < -3.5);
  const leave = (await alertsOf(admin, '?kind=punch_on_leave')).items[0];
  assert.equal(leave.details.date, '2026-03-16');
  assert.ok(onLeave && leaver);
  // The employee is told of a punch during their own leave, with the way to appeal.
  const told = (await employeeClient.get('/api/notifications')).body.items.find(
    (n: { kind: string }) => n.kind === 'alert.punch_on_leave',
  );
  assert.ok(told);
  assert.equal(told.link, '/me/appeals');
  assert.match(told.body.en, /file an appeal/);
});

test('the scheduled scan picks up punches recorded by another server', async () => {
  assert.ok(scheduledJobs(server.config).some((j) => j.name === 'alert-scan'));
  const punchId = await insertPunch(ids.leaver, clock + 60_000, ids.shanghai);
  const [outcome] = await runDueJobs(server.ctx, [alertScanJob]);
  assert.equal(outcome.status, 'ok');
  const found = (await alertsOf(admin, '?kind=punch_terminated&limit=50')).items;
  const detail = await Promise.all(found.map((a: { id: number }) => admin.get(`/api/alerts/${a.id}`)));
  assert.ok(detail.some((d) => d.body.punches.some((p: { id: number }) => p.id === punchId)));
});

test('device failures and merged device alerts; resolving in the centre resolves the device alert', async () => {
  const device = await admin.post('/api/devices', { name: 'Gate 3', siteId: ids.shanghai });
  const deviceId = device.body.device.id as number;
  for (let i = 0; i < 5; i++) {
    await server.ctx.db.kysely
      .insertInto('punch_attempts')
      .values({
        device_id: deviceId,
        at: iso(clock + i * 60_000),
        outcome: 'unknown',
        reason: 'below_threshold',
        employee_id: null,
        scores: JSON.stringify({ best: 0.5, antispoof: 0.9 }),
        evidence: null,
        evidence_expires_at: null,
        created_at: iso(clock),
        method: 'face',
        idempotency_key: null,
        device_time: null,
      })
      .execute();
  }
  // Its last heartbeat says its clock is ten minutes fast.
  await server.ctx.db.kysely
    .updateTable('devices')
    .set({ status: 'active', clock_offset_ms: 600_000 })
    .where('id', '=', deviceId)
    .execute();
  // The kiosk refused a former employee: still an alert, with the refused attempt as evidence.
  const refused = await server.ctx.db.kysely
    .insertInto('punch_attempts')
    .values({
      device_id: deviceId,
      at: iso(clock + 10 * 60_000),
      outcome: 'inactive',
      reason: null,
      employee_id: ids.leaver,
      scores: '{}',
      evidence: null,
      evidence_expires_at: null,
      created_at: iso(clock),
      method: 'pin',
      idempotency_key: null,
      device_time: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offline = await server.ctx.db.kysely
    .insertInto('device_alerts')
    .values({
      device_id: deviceId,
      kind: 'offline',
      at: iso(clock),
      details: '{"lastSeenAt":null}',
      resolved_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await scan();
  const failures = (await alertsOf(hr, `?kind=device_failures&deviceId=${deviceId}`)).items;
  assert.equal(failures.length, 1);
  const failureDetail = (await hr.get(`/api/alerts/${failures[0].id}`)).body;
  assert.equal(failureDetail.attempts.length, 5);
  assert.deepEqual(failureDetail.attempts[0].scores, { best: 0.5, antispoof: 0.9 });
  const former = (await alertsOf(hr, '?kind=punch_terminated&limit=50')).items;
  const formerDetails = await Promise.all(former.map((a: { id: number }) => hr.get(`/api/alerts/${a.id}`)));
  assert.ok(formerDetails.some((d) => d.body.attempts.some((a: { id: number }) => a.id === refused.id)));
  const clockAlert = (await alertsOf(hr, `?kind=device_clock&deviceId=${deviceId}`)).items;
  assert.equal(clockAlert.length, 1);
  assert.equal(clockAlert[0].details.offsetSeconds, 600);
  const off = (await alertsOf(hr, '?kind=device_offline')).items;
  assert.equal(off.length, 1);
  assert.equal(off[0].device.name, 'Gate 3');
  const resolved = await hr.post(`/api/alerts/${off[0].id}/status`, {
    status: 'resolved',
    note: 'cable replaced',
  });
  assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
  const row = await server.ctx.db.kysely
    .selectFrom('device_alerts')
    .select('resolved_at')
    .where('id', '=', offline.id)
    .executeTakeFirstOrThrow();
  assert.ok(row.resolved_at);
});

test('status changes keep a history with notes and are audited; a false positive needs a reason', async () => {
  const alert = (await alertsOf(hr, '?kind=punch_on_leave')).items[0];
  const ack = await manager.post(`/api/alerts/${alert.id}/status`, {
    status: 'acknowledged',
    note: 'asking her',
  });
  assert.equal(ack.status, 200, JSON.stringify(ack.body));
  const noReason = await hr.post(`/api/alerts/${alert.id}/status`, { status: 'false_positive' });
  assert.equal(noReason.status, 400);
  await hr.post(`/api/alerts/${alert.id}/notes`, { note: 'leave was cancelled by phone' });
  const fp = await hr.post(`/api/alerts/${alert.id}/status`, {
    status: 'false_positive',
    note: 'leave cancelled',
  });
  assert.equal(fp.status, 200);
  assert.deepEqual(
    fp.body.history.map((h: { action: string; status: string | null; actorName: string }) => [
      h.action,
      h.status,
      h.actorName,
    ]),
    [
      ['opened', 'open', 'system'],
      ['status', 'acknowledged', 'mgr1'],
      ['note', null, 'hr1'],
      ['status', 'false_positive', 'hr1'],
    ],
  );
  const again = await hr.post(`/api/alerts/${alert.id}/status`, { status: 'resolved' });
  assert.equal(again.status, 400, 'a false positive is reopened first');
  const auditLog = (await admin.get(`/api/audit?targetType=alert&targetId=${alert.id}`)).body;
  assert.ok(auditLog.items.some((e: { action: string }) => e.action === 'alerts.status_changed'));
  const filtered = await alertsOf(hr, '?status=false_positive');
  assert.equal(filtered.total, 1);
  assert.equal(filtered.counts.false_positive, 1);
});

test('buddy punching by PIN at a real kiosk is detected after the punches, without a scan call', async () => {
  const kiosk = await pairKiosk(admin, { name: 'Front door', siteId: ids.shanghai });
  const evidence = await photo('facerec__obama.jpg');
  const people = ['C001', 'C002', 'C003'];
  for (const no of people) {
    const id = await employee(no, ids.deptA);
    assert.equal((await admin.put(`/api/employees/${id}/pin`, { pin: '482913' })).status, 200);
  }
  for (const no of people) {
    clock += 60_000;
    const res = await kioskCall(
      server.url,
      kiosk.token,
      'POST',
      '/api/kiosk/punches',
      punchBody(now(), { method: 'pin', employeeNo: no, pin: '482913', photo: evidence }),
    );
    assert.equal(res.body.outcome, 'recorded', JSON.stringify(res.body));
  }
  let found: { id: number } | undefined;
  for (let i = 0; i < 50 && !found; i++) {
    await new Promise((r) => setTimeout(r, 100));
    found = (await alertsOf(hr, '?kind=non_face_device')).items[0];
  }
  assert.ok(found, 'the alert was raised by the background scan');
  const detail = (await hr.get(`/api/alerts/${found.id}`)).body;
  assert.equal(detail.punches.length, 3);
  assert.equal(detail.canViewEvidence, true);
  const punchWithCrop = detail.punches.find((p: { hasEvidence: boolean }) => p.hasEvidence);
  assert.ok(punchWithCrop, 'the PIN punch kept its evidence photo');

  const image = await hr.get(`/api/alerts/${found.id}/evidence?punchId=${punchWithCrop.id}`);
  assert.equal(image.status, 200);
  assert.equal(image.headers.get('content-type'), 'image/jpeg');
  assert.deepEqual([...(image.body as Buffer).subarray(0, 2)], [0xff, 0xd8]);
  const viewed = (await admin.get(`/api/audit?action=alerts.evidence_viewed`)).body;
  assert.equal(viewed.total, 1);
  // A device-level alert is for the company-wide roles; an auditor reads it but may not open the crop.
  assert.equal((await manager.get(`/api/alerts/${found.id}`)).status, 404);
  const auditor = await login('sec1', 'Sec-pass-2026');
  assert.equal((await auditor.get(`/api/alerts/${found.id}`)).body.canViewEvidence, false);
  assert.equal(
    (await auditor.get(`/api/alerts/${found.id}/evidence?punchId=${punchWithCrop.id}`)).status,
    403,
  );
  assert.equal((await hr.get(`/api/alerts/${found.id}/evidence?punchId=1`)).status, 404);
  await scanAnomalies(server.ctx);
});

test('employees are told of their own exception days once, with a link to appeal; managers get a digest', async () => {
  const row = {
    employee_id: ids.e1,
    date: '2026-03-13',
    group_id: null,
    day_type: 'workday',
    shift_code: 'STD',
    statuses: JSON.stringify(['late', 'missingOut']),
    scheduled_minutes: 480,
    worked_minutes: 400,
    late_minutes: 12,
    early_leave_minutes: 0,
    missing_punches: 1,
    absent: 'none' as const,
    leave_minutes: 0,
    overtime_minutes: 0,
    lieu_minutes: 0,
    result: '{}',
    result_hash: 'x',
    version: 1,
    cause: 'test',
    computed_at: iso(clock),
  };
  await server.ctx.db.kysely.insertInto('day_results').values(row).execute();
  await server.ctx.db.kysely
    .insertInto('day_results')
    .values({ ...row, employee_id: ids.e1, date: '2026-03-12', statuses: '["normal"]', late_minutes: 0 })
    .execute();
  assert.deepEqual(await notifyAttendanceExceptions(server.ctx), { notices: 1 });
  await notifyAttendanceExceptions(server.ctx);
  const mine = (await employeeClient.get('/api/notifications')).body.items.filter(
    (n: { kind: string }) => n.kind === 'attendance.exception',
  );
  assert.equal(mine.length, 1);
  assert.equal(mine[0].link, '/me/appeals?date=2026-03-13');
  assert.match(mine[0].title.en, /late 12 min, missing punch out/);
  assert.match(mine[0].body['zh-CN'], /迟到 12 分钟、下班缺卡/);

  clock = Date.parse('2026-03-14T01:00:00Z'); // the digest covers yesterday, 2026-03-13
  assert.deepEqual(await sendManagerDigest(server.ctx), { managers: 2 });
  const digest = (await manager.get('/api/notifications')).body.items.find(
    (n: { kind: string }) => n.kind === 'alerts.digest',
  );
  assert.ok(digest);
  assert.match(digest.body.en, /late 1, missing punch out 1/);
  const other = (await otherManager.get('/api/notifications')).body.items.find(
    (n: { kind: string }) => n.kind === 'alerts.digest',
  );
  assert.match(other.body.en, /Exceptions: none/);
});

test('exception notices and the manager digest follow the company time zone', async () => {
  assert.equal((await hr.patch('/api/attendance/settings', { companyZone: 'America/New_York' })).status, 200);
  await server.ctx.db.kysely
    .insertInto('day_results')
    .values({
      employee_id: ids.e1,
      date: '2026-03-17',
      group_id: null,
      day_type: 'workday',
      shift_code: 'STD',
      statuses: JSON.stringify(['late']),
      scheduled_minutes: 480,
      worked_minutes: 470,
      late_minutes: 10,
      early_leave_minutes: 0,
      missing_punches: 0,
      absent: 'none',
      leave_minutes: 0,
      overtime_minutes: 0,
      lieu_minutes: 0,
      result: '{}',
      result_hash: 'x',
      version: 1,
      cause: 'test',
      computed_at: iso(clock),
    })
    .execute();
  // Sessions from the start of the file have expired by these dates: each look is a fresh sign-in.
  const toldOf = async (date: string) =>
    (await (await login('emp1', 'Emp-pass-2026')).get('/api/notifications')).body.items.filter(
      (n: { kind: string; link: string }) =>
        n.kind === 'attendance.exception' && n.link === `/me/appeals?date=${date}`,
    ).length;
  const digests = async () =>
    (await (await login('mgr1', 'Mgr-pass-2026')).get('/api/notifications')).body.items
      .filter((n: { kind: string }) => n.kind === 'alerts.digest')
      .map((n: { title: { en: string } }) => n.title.en)
      .sort();

  // Wednesday 18 March 09:00 in Shanghai is still Tuesday 17th 21:00 in New York: the 17th is not over there, and
  // the digest covers the 16th.
  clock = Date.parse('2026-03-18T01:00:00Z');
  await notifyAttendanceExceptions(server.ctx);
  assert.equal(await toldOf('2026-03-17'), 0);
  assert.equal((await sendManagerDigest(server.ctx)).managers, 2);
  assert.deepEqual(await digests(), ['Attendance digest for 2026-03-13', 'Attendance digest for 2026-03-16']);
  // Wednesday 08:00 in New York: the 17th is over, the digest waits for 08:30.
  clock = Date.parse('2026-03-18T12:00:00Z');
  await notifyAttendanceExceptions(server.ctx);
  assert.equal(await toldOf('2026-03-17'), 1);
  assert.equal((await sendManagerDigest(server.ctx)).managers, 0);
  clock = Date.parse('2026-03-18T12:30:00Z');
  assert.equal((await sendManagerDigest(server.ctx)).managers, 2);
  assert.deepEqual(await digests(), [
    'Attendance digest for 2026-03-13',
    'Attendance digest for 2026-03-16',
    'Attendance digest for 2026-03-17',
  ]);
  await (await login('hr1', 'Hr-pass-20261')).patch('/api/attendance/settings', {
    companyZone: 'Asia/Shanghai',
  });
});

test("a punch or refused attempt away from any site is dated in the company time zone; at a site, in the site's zone", async () => {
  const staff = await login('hr1', 'Hr-pass-20261');
  assert.equal(
    (await staff.patch('/api/attendance/settings', { companyZone: 'America/New_York' })).status,
    200,
  );
  const created = await staff.post('/api/employees', {
    employeeNo: 'A003',
    name: 'Person A003',
    departmentId: ids.deptA,
    terminationDate: '2026-03-10',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const leaving = created.body.id as number;
  // 10:00 on the 18th in Shanghai is 22:00 on the 17th in New York; 14:00 UTC is the 18th there too.
  await insertPunch(leaving, Date.parse('2026-03-18T02:00:00Z'), null, { method: 'manual' });
  await insertPunch(leaving, Date.parse('2026-03-18T14:00:00Z'), null, { method: 'manual' });
  // At a site, the site's zone still decides.
  await insertPunch(leaving, Date.parse('2026-03-18T02:30:00Z'), ids.shanghai, { method: 'manual' });
  // Refused attempts: at a kiosk of the Shanghai site, and at none.
  const gate = await server.ctx.db.kysely
    .selectFrom('devices')
    .select('id')
    .where('site_id', '=', ids.shanghai)
    .executeTakeFirstOrThrow();
  for (const deviceId of [gate.id, null])
    await server.ctx.db.kysely
      .insertInto('punch_attempts')
      .values({
        device_id: deviceId,
        at: deviceId === null ? '2026-03-18T02:00:00.000Z' : '2026-03-18T02:30:00.000Z',
        outcome: 'inactive',
        reason: null,
        employee_id: leaving,
        scores: '{}',
        evidence: null,
        evidence_expires_at: null,
        created_at: '2026-03-18T02:00:00.000Z',
        method: 'pin',
        idempotency_key: null,
        device_time: null,
      })
      .execute();
  await scanAnomalies(server.ctx);
  const found = (await alertsOf(staff, '?kind=punch_terminated&limit=100')).items.filter(
    (a: { employee: { id: number } | null }) => a.employee?.id === leaving,
  );
  const dates = (refused: boolean) =>
    found
      .filter((a: { details: { refused?: boolean } }) => (a.details.refused === true) === refused)
      .map((a: { occurredAt: string; details: { date: string } }) => `${a.occurredAt} ${a.details.date}`)
      .sort();
  assert.deepEqual(dates(false), [
    '2026-03-18T02:00:00.000Z 2026-03-17',
    '2026-03-18T02:30:00.000Z 2026-03-18',
    '2026-03-18T14:00:00.000Z 2026-03-18',
  ]);
  assert.deepEqual(dates(true), [
    '2026-03-18T02:00:00.000Z 2026-03-17',
    '2026-03-18T02:30:00.000Z 2026-03-18',
  ]);
  await staff.patch('/api/attendance/settings', { companyZone: 'Asia/Shanghai' });
});

test('many PIN/QR punches by one person: raised for someone enrolled for face, not for those offered PIN/QR instead', async () => {
  // The sessions of the earlier tests have run out on the moved clock.
  admin = await adminClient(server);
  const staff = await login('hr1', 'Hr-pass-20261');
  const db = server.ctx.db.kysely;
  const model = ensureFaceRuntime(server.ctx).model;
  ids.deptC = (await admin.post('/api/departments', { name: 'Warehouse' })).body.id;
  const enrolled = await employee('F001', ids.deptA);
  const noTemplate = await employee('F002', ids.deptA);
  const withdrawn = await employee('F003', ids.deptA);
  const notRolledOut = await employee('F004', ids.deptC);
  const at = iso(clock - 30 * DAY);
  for (const id of [enrolled, withdrawn, notRolledOut]) {
    await db
      .insertInto('face_templates')
      .values({
        employee_id: id,
        model: model.name,
        model_version: model.version,
        template: Buffer.from('sealed'),
        quality: '{}',
        source: 'upload',
        photo: null,
        created_at: at,
        created_by_user_id: null,
      })
      .execute();
  }
  for (const id of [enrolled, noTemplate, withdrawn, notRolledOut]) {
    await db
      .insertInto('biometric_consents')
      .values({
        employee_id: id,
        notice_version: '1',
        method: 'hr_paper',
        accepted_at: at,
        recorded_by_user_id: null,
        document: null,
        withdrawn_at: id === withdrawn ? iso(clock - 20 * DAY) : null,
        withdrawn_by_user_id: null,
      })
      .execute();
  }
  // Face punching is rolled out to Assembly only; the warehouse still punches by PIN or QR.
  const rollout = await admin.patch('/api/attendance/settings', {
    faceRollout: [{ departmentId: ids.deptA, from: '2026-01-01' }],
  });
  assert.equal(rollout.status, 200, JSON.stringify(rollout.body));
  // Six PIN/QR punches each within a week (more than the five allowed).
  const people = [enrolled, noTemplate, withdrawn, notRolledOut];
  for (const id of people) {
    for (let i = 0; i < 6; i++) {
      await insertPunch(id, clock - (6 - i) * 20 * HOUR, ids.shanghai, {
        method: i % 2 ? 'qr' : 'pin',
        match_score: null,
        match_margin: null,
      });
    }
  }
  await scanAnomalies(server.ctx);
  const found = (await alertsOf(staff, '?kind=non_face_person&limit=100')).items.filter(
    (a: { employee: { id: number } | null }) => people.includes(a.employee?.id ?? 0),
  );
  assert.deepEqual(
    found.map((a: { employee: { id: number } }) => a.employee.id),
    [enrolled],
  );
  assert.equal(found[0].details.count, 6);
  assert.equal((await admin.patch('/api/attendance/settings', { faceRollout: [] })).status, 200);
});
