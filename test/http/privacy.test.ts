// Retention purge, legal holds and the data export, through the real app on the test database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { scheduledJobs } from '../../src/jobs/index.js';
import { retentionJob } from '../../src/jobs/retention.job.js';
import { runDueJobs } from '../../src/jobs/scheduler.js';
import { seal } from '../../src/services/crypto/seal.js';
import { ensureFaceRuntime } from '../../src/services/face/runtime.js';
import { insertTemplate } from '../../src/services/face/template-store.js';
import { ADMIN, ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

const NOW = Date.parse('2026-06-15T10:00:00Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

let server: TestServer;
let admin: ApiClient;
const ids = { active: 0, leaver: 0, heldLeaver: 0, recentLeaver: 0 };

async function employee(no: string, extra: object = {}) {
  const res = await admin.post('/api/employees', { employeeNo: no, name: `Person ${no}`, ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as number;
}

async function template(employeeId: number) {
  const rt = ensureFaceRuntime(server.ctx);
  const vector = new Float32Array(rt.model.dimension).map((_, i) => Math.sin(employeeId * 31 + i));
  const id = await insertTemplate(server.ctx.db.kysely, rt.keyring, {
    employeeId,
    model: rt.model.name,
    modelVersion: rt.model.version,
    vector,
    quality: { score: 0.9 } as never,
    source: 'upload',
    photo: new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]),
    createdAt: iso(NOW - 400 * DAY),
    createdByUserId: null,
  });
  rt.added([{ id, employeeId, vector }]);
  return id;
}

async function punch(employeeId: number, atMs: number, withEvidence: boolean) {
  const keyring = ensureFaceRuntime(server.ctx).keyring;
  const row = await server.ctx.db.kysely
    .insertInto('punches')
    .values({
      employee_id: employeeId,
      at: iso(atMs),
      site_id: null,
      device_id: null,
      method: 'face',
      direction: 'in',
      idempotency_key: null,
      device_time: null,
      clock_skew_ms: null,
      match_score: 0.8,
      match_margin: 0.2,
      flags: '[]',
      evidence: null,
      evidence_expires_at: withEvidence ? iso(atMs + 30 * DAY) : null,
      note: `punch of ${employeeId}`,
      created_at: iso(atMs),
      created_by_user_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (withEvidence) {
    await server.ctx.db.kysely
      .updateTable('punches')
      .set({ evidence: seal(keyring, new Uint8Array([0xff, 0xd8, 0xff, 9]), `punch_evidence:${row.id}`) })
      .where('id', '=', row.id)
      .execute();
  }
  return row.id;
}

async function attempt(employeeId: number | null, atMs: number) {
  const keyring = ensureFaceRuntime(server.ctx).keyring;
  const row = await server.ctx.db.kysely
    .insertInto('punch_attempts')
    .values({
      device_id: null,
      at: iso(atMs),
      outcome: 'unknown',
      reason: null,
      employee_id: employeeId,
      scores: '{}',
      evidence: seal(keyring, new Uint8Array([1, 2, 3]), 'attempt_evidence:x'),
      evidence_expires_at: iso(atMs + 30 * DAY),
      created_at: iso(atMs),
      method: 'face',
      idempotency_key: null,
      device_time: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const punchRow = (id: number) =>
  server.ctx.db.kysely
    .selectFrom('punches')
    .select(['id', 'evidence'])
    .where('id', '=', id)
    .executeTakeFirst();
const templateCount = async (employeeId: number) =>
  (
    await server.ctx.db.kysely
      .selectFrom('face_templates')
      .select('id')
      .where('employee_id', '=', employeeId)
      .execute()
  ).length;

before(async () => {
  server = await startTestServer({}, { now: () => new Date(NOW) });
  admin = await adminClient(server);
  ids.active = await employee('P1');
  ids.leaver = await employee('P2', { status: 'terminated', terminationDate: date(NOW - 60 * DAY) });
  ids.heldLeaver = await employee('P3', { status: 'terminated', terminationDate: date(NOW - 60 * DAY) });
  ids.recentLeaver = await employee('P4', { status: 'terminated', terminationDate: date(NOW - 10 * DAY) });
});

after(async () => {
  await server?.stop();
});

test('retention settings have their defaults and are changed by HR, with checks', async () => {
  const res = await admin.get('/api/privacy/retention');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, {
    evidenceDays: 30,
    keepEnrollmentPhotos: false,
    templateDaysAfterTermination: 30,
    recordYears: 3,
  });
  const bad = await admin.put('/api/privacy/retention', { recordYears: 1 });
  assert.equal(bad.status, 400);
  const changed = await admin.put('/api/privacy/retention', { templateDaysAfterTermination: 45 });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.templateDaysAfterTermination, 45);
  // The evidence days are the kiosk's own setting: both views agree.
  await admin.put('/api/privacy/retention', { evidenceDays: 20, templateDaysAfterTermination: 30 });
  assert.equal((await admin.get('/api/devices/settings')).body.evidenceRetentionDays, 20);
  await admin.put('/api/privacy/retention', { evidenceDays: 30 });
});

test('the purge clears expired crops, keeps fresh ones, removes leavers’ templates except under a legal hold', async () => {
  const freshPunch = await punch(ids.active, NOW - 2 * DAY, true);
  const oldPunch = await punch(ids.active, NOW - 45 * DAY, true);
  const ancientPunch = await punch(ids.active, NOW - 4 * 365 * DAY, false);
  const heldAncient = await punch(ids.heldLeaver, NOW - 4 * 365 * DAY, true);
  const oldAttempt = await attempt(null, NOW - 40 * DAY);
  const freshAttempt = await attempt(null, NOW - 1 * DAY);
  const activeTemplate = await template(ids.active);
  const leaverTemplate = await template(ids.leaver);
  await template(ids.heldLeaver);
  await template(ids.recentLeaver);

  const hold = await admin.post('/api/privacy/legal-holds', {
    employeeId: ids.heldLeaver,
    reason: 'Labour dispute 2026-17',
  });
  assert.equal(hold.status, 201, JSON.stringify(hold.body));
  assert.equal(hold.body.createdBy, ADMIN.username);
  assert.equal(
    (await admin.post('/api/privacy/legal-holds', { employeeId: ids.heldLeaver, reason: 'again' })).status,
    409,
  );
  const holds = await admin.get('/api/privacy/legal-holds');
  assert.deepEqual(
    holds.body.map((h: { employeeId: number }) => h.employeeId),
    [ids.heldLeaver],
  );

  const run = await admin.post('/api/privacy/purge');
  assert.equal(run.status, 200, JSON.stringify(run.body));
  const report = run.body;
  assert.equal(report.trigger, 'manual');
  assert.equal(report.heldEmployees, 1);
  assert.equal(report.counts.evidenceCrops, 2, 'the old punch crop and the old attempt crop');
  assert.equal(report.counts.templates, 1);
  assert.equal(report.counts.enrollmentPhotos, 3, 'photos are off by default: all but the held leaver’s');
  assert.equal(report.counts.punches, 1);

  assert.ok((await punchRow(freshPunch))?.evidence, 'a fresh crop is kept');
  const old = await punchRow(oldPunch);
  assert.ok(old, 'the punch itself is kept');
  assert.equal(old.evidence, null, 'its expired crop is cleared');
  assert.equal(await punchRow(ancientPunch), undefined, 'a punch older than three years is deleted');
  assert.ok((await punchRow(heldAncient))?.evidence, 'a held employee’s old punch and crop are kept');
  const attempts = await server.ctx.db.kysely
    .selectFrom('punch_attempts')
    .select(['id', 'evidence'])
    .where('id', 'in', [oldAttempt, freshAttempt])
    .orderBy('id')
    .execute();
  assert.equal(attempts[0].evidence, null);
  assert.ok(attempts[1].evidence);

  assert.equal(await templateCount(ids.leaver), 0, 'leaver for 60 days: templates deleted');
  assert.equal(await templateCount(ids.heldLeaver), 1, 'under a legal hold: kept');
  assert.equal(await templateCount(ids.recentLeaver), 1, 'left 10 days ago: kept');
  assert.equal(await templateCount(ids.active), 1);
  const index = server.ctx.face!.index;
  assert.equal(index.has(String(leaverTemplate)), false, 'removed from the in-memory index');
  assert.equal(index.has(String(activeTemplate)), true);

  const reports = await admin.get('/api/privacy/purge-reports');
  assert.equal(reports.status, 200);
  assert.equal(reports.body.total, 1);
  assert.deepEqual(reports.body.items[0].counts, report.counts);
  const audit = await admin.get('/api/audit?action=privacy.purge');
  assert.equal(audit.body.items[0].targetId, String(report.id));

  // Released: the next purge removes what the hold kept.
  const released = await admin.delete(`/api/privacy/legal-holds/${hold.body.id}`);
  assert.equal(released.status, 200);
  assert.equal(released.body.active, false);
  assert.deepEqual((await admin.get('/api/privacy/legal-holds')).body, []);
  const second = (await admin.post('/api/privacy/purge')).body;
  assert.equal(second.counts.templates, 1);
  assert.equal(second.counts.punches, 1);
  assert.equal(await templateCount(ids.heldLeaver), 0);
  assert.equal((await admin.get('/api/privacy/purge-reports')).body.total, 2);
});

test('an employee downloads their own data: their punches, nobody else’s, no biometric bytes', async () => {
  await punch(ids.active, NOW - 3 * DAY, true);
  const other = await punch(ids.recentLeaver, NOW - 3 * DAY, true);
  await template(ids.active);
  await admin.post('/api/users', {
    username: 'p1user',
    password: 'P1-pass-2026x',
    roles: ['employee'],
    employeeId: ids.active,
  });
  const me = new ApiClient(server.url);
  await me.login('p1user', 'P1-pass-2026x');

  const asked = await me.post('/api/feedback', {
    category: 'question',
    subject: 'Where is my data kept?',
    body: 'On which server?',
  });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));

  const res = await me.get('/api/me/data-export?format=json');
  assert.equal(res.status, 200);
  const text = JSON.stringify(res.body);
  const s = res.body.sections;
  assert.equal(res.body.employeeId, ids.active);
  assert.equal(s.profile[0].employee_no, 'P1');
  assert.ok(s.punches.length >= 2);
  assert.ok(s.punches.every((p: { note: string }) => p.note === `punch of ${ids.active}`));
  assert.ok(!s.punches.some((p: { id: number }) => p.id === other));
  assert.ok(s.punches.some((p: { has_evidence: boolean }) => p.has_evidence === true));
  assert.equal(s.faceTemplates.length, 2);
  assert.ok(
    !/Person P[234]|"template"|"evidence"|"photo"|"vector"|password/.test(text),
    'no other person, no biometric bytes',
  );
  assert.equal(s.userAccounts[0].username, 'p1user');
  assert.deepEqual(
    s.feedback.map((f: { subject: string }) => f.subject),
    ['Where is my data kept?'],
    'what the employee wrote to HR is part of their data',
  );
  for (const section of ['assessmentResults', 'appeals', 'appealEvents', 'notices', 'alerts'])
    assert.ok(Array.isArray(s[section]), `the export has a ${section} section`);

  const xlsx = await me.get('/api/me/data-export?format=xlsx');
  assert.equal(xlsx.status, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('punches');
  assert.ok(sheet);
  assert.equal(sheet.rowCount - 1, s.punches.length);
  assert.ok(book.getWorksheet('faceTemplates'));

  // An employee cannot export someone else; HR can, and both are audited.
  assert.equal((await me.get(`/api/employees/${ids.recentLeaver}/data-export`)).status, 403);
  const hr = await admin.get(`/api/employees/${ids.recentLeaver}/data-export`);
  assert.equal(hr.status, 200);
  assert.deepEqual(
    hr.body.sections.punches.map((p: { id: number }) => p.id),
    [other],
  );
  const audit = await admin.get('/api/audit?action=privacy.export');
  assert.equal(audit.body.items.length, 3);
  assert.equal((await admin.get('/api/me/data-export')).status, 409, 'the admin has no employee record');
});

test('the daily job runs the same purge once per day and leaves a scheduled report', async () => {
  assert.ok(scheduledJobs(server.config).some((j) => j.name === retentionJob.name));
  const first = await runDueJobs(server.ctx, [retentionJob]);
  assert.equal(first[0].status, 'ok', JSON.stringify(first[0].result));
  const again = await runDueJobs(server.ctx, [retentionJob]);
  assert.equal(again[0].status, 'skipped');
  const latest = (await admin.get('/api/privacy/purge-reports?limit=1')).body.items[0];
  assert.equal(latest.trigger, 'schedule');
  assert.equal(latest.actorName, 'retention');
});

test('a deletion request is resolved by HR with a record; face data goes, unless a legal hold forbids it', async () => {
  const me = new ApiClient(server.url);
  await me.login('p1user', 'P1-pass-2026x');
  const fix = await me.post('/api/me/privacy-requests', {
    kind: 'correction',
    details: 'My phone number is wrong',
  });
  assert.equal(fix.status, 201, JSON.stringify(fix.body));
  const del = await me.post('/api/me/privacy-requests', { kind: 'deletion', details: 'Delete my face data' });
  assert.equal(del.status, 201);
  assert.equal(del.body.status, 'pending');
  assert.ok((await templateCount(ids.active)) > 0);
  const tpl = await server.ctx.db.kysely
    .selectFrom('face_templates')
    .select('id')
    .where('employee_id', '=', ids.active)
    .execute();

  const pending = await admin.get('/api/privacy/requests?status=pending');
  assert.deepEqual(
    pending.body.map((r: { id: number }) => r.id),
    [del.body.id, fix.body.id],
  );
  const active = (await admin.get(`/api/employees/${ids.active}`)).body;
  assert.deepEqual(
    pending.body.map((r: { employeeNo: string; employeeName: string }) => [r.employeeNo, r.employeeName]),
    [
      [active.employeeNo, active.name],
      [active.employeeNo, active.name],
    ],
    'HR sees who asked',
  );
  const wrongKind = await admin.post(`/api/privacy/requests/${fix.body.id}/decide`, {
    decision: 'completed',
    resolution: 'Corrected',
    deleteFaceData: true,
  });
  assert.equal(wrongKind.status, 400);
  const fixed = await admin.post(`/api/privacy/requests/${fix.body.id}/decide`, {
    decision: 'completed',
    resolution: 'Phone corrected in the employee record',
  });
  assert.equal(fixed.body.status, 'completed');
  assert.equal(fixed.body.actions, null);

  const hold = await admin.post('/api/privacy/legal-holds', { employeeId: ids.active, reason: 'Audit' });
  const blocked = await admin.post(`/api/privacy/requests/${del.body.id}/decide`, {
    decision: 'completed',
    resolution: 'Deleted',
    deleteFaceData: true,
  });
  assert.equal(blocked.status, 409);
  assert.equal(blocked.body.code, 'legal_hold_active');
  assert.ok((await templateCount(ids.active)) > 0);
  await admin.delete(`/api/privacy/legal-holds/${hold.body.id}`);

  const done = await admin.post(`/api/privacy/requests/${del.body.id}/decide`, {
    decision: 'completed',
    resolution: 'Face templates and evidence crops deleted',
    deleteFaceData: true,
  });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.decidedBy, ADMIN.username);
  assert.equal(done.body.actions.templatesDeleted, tpl.length);
  assert.ok(done.body.actions.evidenceCropsCleared >= 1);
  assert.equal(await templateCount(ids.active), 0);
  for (const t of tpl) assert.equal(server.ctx.face!.index.has(String(t.id)), false);
  const crops = await server.ctx.db.kysely
    .selectFrom('punches')
    .select('id')
    .where('employee_id', '=', ids.active)
    .where('evidence', 'is not', null)
    .execute();
  assert.equal(crops.length, 0);
  assert.equal(
    (
      await admin.post(`/api/privacy/requests/${del.body.id}/decide`, {
        decision: 'rejected',
        resolution: 'x',
      })
    ).status,
    409,
  );

  const mine = await me.get('/api/me/privacy-requests');
  assert.deepEqual(
    mine.body.map((r: { status: string }) => r.status),
    ['completed', 'completed'],
  );
  const audit = await admin.get('/api/audit?action=privacy.request');
  assert.equal(audit.body.items.length, 4);
  const exported = (await me.get('/api/me/data-export')).body.sections;
  assert.deepEqual(
    exported.privacyRequests.map((r: { kind: string }) => r.kind),
    ['correction', 'deletion'],
  );
  assert.equal(exported.faceTemplates.length, 0);
});
