// Enrollment and identification through the HTTP API with the real face engine and the shared photos: every
// person with two or more photos, enrolled from one, is identified from another; a stranger is unknown; poor
// photos are refused with the right reason; a duplicate identity and a missing consent are refused; withdrawing
// consent deletes the templates; the index survives a restart; no template is stored in plaintext.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../../src/server.js';
import { openFloats } from '../../src/services/crypto/seal.js';
import { templatePurpose } from '../../src/services/face/template-store.js';
import {
  ADMIN,
  ApiClient,
  adminClient,
  dropTestSchema,
  startTestServer,
  type TestServer,
  testDbKind,
  withSchemaLock,
} from '../helpers/server.js';
import {
  blurred,
  byIdentity,
  createEmployee,
  dark,
  identify,
  photo,
  photosForm,
  recordConsent,
  tiny,
  twoFaces,
} from './faces-fixtures.js';

let server: TestServer;
let admin: ApiClient;
/** identity → employee id */
const employeeOf = new Map<string, number>();
/** identity → the photo that enrolled it */
const enrolledFrom = new Map<string, string>();
const people = byIdentity();
const STRANGER = [...people].find(([, files]) => files.length === 1)![0];

before(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  let n = 0;
  for (const identity of people.keys()) {
    n++;
    const id = await createEmployee(admin, `F${String(n).padStart(3, '0')}`, identity);
    employeeOf.set(identity, id);
  }
});

after(async () => {
  await server?.stop();
});

/** What TestServer.stop removes after closing: the PostgreSQL schema or the data folder. */
async function dropTestData(s: TestServer) {
  if (s.pgSchema) await dropTestSchema(s.pgSchema);
  fs.rmSync(s.dataDir, { recursive: true, force: true });
}

test('enrollment is refused without a biometric consent, with a translated reason', async () => {
  const id = employeeOf.get('deepface_p01')!;
  const form = () => photosForm([{ bytes: Buffer.alloc(0), name: 'x.jpg' }]);
  const res = await admin.post(`/api/employees/${id}/faces`, form());
  assert.equal(res.status, 409);
  assert.equal(res.body.code, 'consent_required');
  assert.match(res.body.message, /consent/);
  const zh = new ApiClient(server.url, 'zh-CN');
  zh.cookie = admin.cookie;
  zh.csrf = admin.csrf;
  const zhRes = await zh.post(`/api/employees/${id}/faces`, form());
  assert.match(zhRes.body.message, /同意/);
});

test('each person with two or more photos, enrolled from one photo, is identified from another', async () => {
  const notIdentified: string[] = [];
  const wrong: string[] = [];
  for (const [identity, files] of people) {
    if (files.length < 2) continue;
    const employeeId = employeeOf.get(identity)!;
    await recordConsent(admin, employeeId);
    // Enroll from the first photo the quality gate accepts, as HR would.
    let enrolledFile: string | undefined;
    const refusals: string[] = [];
    for (const file of files) {
      const res = await admin.post(
        `/api/employees/${employeeId}/faces`,
        photosForm([{ bytes: await photo(file), name: file }]),
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const result = res.body.results[0];
      if (result.status === 'enrolled') {
        enrolledFile = file;
        break;
      }
      refusals.push(`${file}: ${result.reason}`);
      assert.ok(result.message, 'a refused photo carries a message');
    }
    if (!enrolledFile) {
      // Every photo of this person shows a second face of about the same size: the gate must say so.
      assert.ok(
        refusals.every((r) => r.endsWith('multiple_faces')),
        `${identity} could not be enrolled: ${refusals.join('; ')}`,
      );
      continue;
    }
    enrolledFrom.set(identity, enrolledFile);
  }
  assert.ok(enrolledFrom.size >= 25, `enrolled ${enrolledFrom.size} people`);

  for (const [identity, enrolledFile] of enrolledFrom) {
    const others = people.get(identity)!.filter((f) => f !== enrolledFile);
    let matched = false;
    for (const file of others) {
      const res = await identify(admin, await photo(file), file);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const { decision } = res.body;
      if (decision.outcome === 'match' && decision.employeeId !== employeeOf.get(identity)) {
        wrong.push(`${file} (${identity}) → ${decision.name}`);
      }
      if (decision.outcome === 'match' && decision.employeeId === employeeOf.get(identity)) {
        matched = true;
        assert.equal(decision.name, identity);
        assert.ok(decision.score >= res.body.threshold);
        assert.equal(res.body.candidates[0].employeeId, decision.employeeId);
        break;
      }
    }
    if (!matched) notIdentified.push(identity);
  }
  assert.deepEqual(wrong, [], 'no photo is matched to another person');
  assert.deepEqual(notIdentified, [], 'people not identified from any other photo');
});

test('a person who is not enrolled is unknown, with candidates, threshold and margin', async () => {
  const file = people.get(STRANGER)![0];
  const res = await identify(admin, await photo(file));
  assert.equal(res.status, 200);
  assert.equal(res.body.decision.outcome, 'unknown');
  assert.ok(['below_threshold', 'ambiguous'].includes(res.body.decision.reason));
  assert.ok(res.body.decision.message.length > 0);
  assert.ok(res.body.candidates.length > 0 && res.body.candidates.length <= 5);
  assert.ok(res.body.candidates[0].score < res.body.threshold || res.body.decision.reason === 'ambiguous');
  assert.equal(typeof res.body.margin, 'number');
  assert.equal(res.body.quality.ok, true);
  const entries = (await admin.get('/api/audit?action=face.identify&limit=1')).body.items;
  assert.equal(entries[0].details.outcome, 'unknown');
});

test('blurred, tiny, dark and two-face photos are refused with the right reason', async () => {
  const id = employeeOf.get('deepface_p01')!;
  const base = 'deepface__img1.jpg';
  const variants = [
    { name: 'blurred.jpg', bytes: await blurred(base), reason: 'too_blurred' },
    { name: 'tiny.jpg', bytes: await tiny(base, 90), reason: 'face_too_small' },
    { name: 'dark.jpg', bytes: await dark(base), reason: 'too_dark' },
    { name: 'two.jpg', bytes: await twoFaces(base, 'deepface__img3.jpg'), reason: 'multiple_faces' },
    { name: 'not-a-photo.jpg', bytes: Buffer.from('plain text, not an image'), reason: 'image_unreadable' },
  ];
  const before = (await admin.get(`/api/employees/${id}/faces`)).body.count;
  const res = await admin.post(`/api/employees/${id}/faces`, photosForm(variants));
  assert.equal(res.status, 200);
  assert.deepEqual(
    res.body.results.map((r: { filename: string; reason: string }) => `${r.filename}: ${r.reason}`),
    variants.map((v) => `${v.name}: ${v.reason}`),
  );
  assert.equal(res.body.enrolled, 0);
  assert.equal((await admin.get(`/api/employees/${id}/faces`)).body.count, before);
  const zh = new ApiClient(server.url, 'zh-CN');
  Object.assign(zh, { cookie: admin.cookie, csrf: admin.csrf });
  const zhRes = await zh.post(`/api/employees/${id}/faces`, photosForm([variants[2]]));
  assert.match(zhRes.body.results[0].message, /暗/);
});

test('a face that already belongs to another employee is refused as a duplicate', async () => {
  const a = 'deepface_p03';
  const b = 'deepface_p04';
  const another = people.get(a)!.find((f) => f !== enrolledFrom.get(a))!;
  const res = await admin.post(
    `/api/employees/${employeeOf.get(b)}/faces`,
    photosForm([{ bytes: await photo(another), name: another }]),
  );
  const result = res.body.results[0];
  assert.equal(result.status, 'refused');
  assert.equal(result.reason, 'duplicate_identity');
  assert.equal(result.duplicateOf.employeeId, employeeOf.get(a));
  assert.match(result.message, new RegExp(a));
  const refusal = (await admin.get('/api/audit?action=face.enroll.refused&limit=1')).body.items[0];
  assert.equal(refusal.details.duplicateEmployeeId, employeeOf.get(a));
});

test('the template list shows metadata only, and a deleted template stops matching at once', async () => {
  const identity = 'deepface_p05';
  const id = employeeOf.get(identity)!;
  const list = await admin.get(`/api/employees/${id}/faces`);
  assert.equal(list.status, 200);
  assert.equal(list.body.count, 1);
  const [template] = list.body.templates;
  assert.deepEqual(Object.keys(template).sort(), [
    'createdAt',
    'createdByUserId',
    'current',
    'hasPhoto',
    'id',
    'model',
    'modelVersion',
    'quality',
    'source',
  ]);
  assert.equal(template.source, 'upload');
  assert.equal(template.hasPhoto, false);
  assert.equal(template.current, true);
  const probe = people.get(identity)!.find((f) => f !== enrolledFrom.get(identity))!;
  assert.equal((await identify(admin, await photo(probe))).body.decision.outcome, 'match');
  assert.equal((await admin.delete(`/api/employees/${id}/faces/${template.id}`)).status, 200);
  assert.equal((await admin.delete(`/api/employees/${id}/faces/${template.id}`)).status, 404);
  const after = await identify(admin, await photo(probe));
  assert.notEqual(after.body.decision.employeeId, id);
  assert.equal((await admin.get(`/api/employees/${id}/faces`)).body.count, 0);
});

test('withdrawing consent deletes the templates at once, and enrollment is refused again', async () => {
  const identity = 'deepface_p06';
  const id = employeeOf.get(identity)!;
  const probe = people.get(identity)!.find((f) => f !== enrolledFrom.get(identity))!;
  assert.equal((await identify(admin, await photo(probe))).body.decision.employeeId, id);
  const res = await admin.post(`/api/employees/${id}/consent/withdraw`);
  assert.equal(res.status, 200);
  assert.equal(res.body.templatesDeleted, 1);
  assert.equal(res.body.consent.active, false);
  assert.equal((await admin.get(`/api/employees/${id}/faces`)).body.count, 0);
  assert.notEqual((await identify(admin, await photo(probe))).body.decision.employeeId, id);
  const again = await admin.post(
    `/api/employees/${id}/faces`,
    photosForm([{ bytes: await photo(probe), name: probe }]),
  );
  assert.equal(again.body.code, 'consent_required');
  const consent = await admin.get(`/api/employees/${id}/consent`);
  assert.equal(consent.body.active, null);
  assert.equal(consent.body.history.length, 1);
  const entry = (await admin.get('/api/audit?action=consent.withdraw&limit=1')).body.items[0];
  assert.equal(entry.details.templatesDeleted, 1);
});

test('no template vector is stored in plaintext', async () => {
  const identity = 'deepface_p01';
  const id = employeeOf.get(identity)!;
  const row = await server.db.kysely
    .selectFrom('face_templates')
    .select(['id', 'template'])
    .where('employee_id', '=', id)
    .executeTakeFirstOrThrow();
  const vector = openFloats(server.ctx.face!.keyring, row.template, templatePurpose(row.id));
  assert.equal(vector.length, 128);
  const plain = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
  const needles = [plain, plain.subarray(0, 16), plain.subarray(256, 272)];
  if (testDbKind() === 'sqlite') {
    const file = server.db.sqliteFile!;
    const haystacks = [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
    assert.ok(haystacks.length >= 1);
    for (const hay of haystacks) for (const needle of needles) assert.equal(hay.indexOf(needle), -1);
    assert.ok(
      fs.readdirSync(path.dirname(file)).every((f) => !f.endsWith('.jpg')),
      'no photo file is written beside the database',
    );
  }
  const all = await server.db.kysely.selectFrom('face_templates').select('template').execute();
  for (const r of all)
    for (const needle of needles) assert.equal(Buffer.from(r.template).indexOf(needle), -1);
});

test('templates survive a restart: the index is loaded again from the encrypted store', async () => {
  const status = (await admin.get('/api/faces/status')).body;
  assert.equal(status.engine.backend, 'wasm');
  assert.ok(status.templates >= 20);
  assert.equal(status.calibration.threshold, server.ctx.face!.calibration.threshold);
  await server.close();
  const restarted = await withSchemaLock('shared', () =>
    startServer(server.config, { pgSchema: server.pgSchema, scheduler: false }),
  );
  // From here on the restarted server is the one to stop; the first one is closed already.
  server.stop = async () => {
    await restarted.close();
    await dropTestData(server);
  };
  Object.assign(server, { app: restarted.app, db: restarted.db, ctx: restarted.ctx, url: restarted.url });
  admin = new ApiClient(restarted.url);
  await admin.login(ADMIN.username, ADMIN.password);
  const again = (await admin.get('/api/faces/status')).body;
  assert.equal(again.templates, status.templates);
  assert.equal(again.employees, status.employees);
  assert.equal(again.engine.loaded, false, 'the models load on the first photo, not at start');
  const identity = 'deepface_p02';
  const probe = people.get(identity)!.find((f) => f !== enrolledFrom.get(identity))!;
  const res = await identify(admin, await photo(probe));
  assert.equal(res.body.decision.outcome, 'match');
  assert.equal(res.body.decision.employeeId, employeeOf.get(identity));
});
