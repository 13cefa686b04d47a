// Bulk enrollment from a ZIP with its per-file report, kept enrollment photos (sealed), the consent paper,
// templates of another model (stale), and the browser files of Human served from our own server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { zipSync } from 'fflate';
import { seal } from '../../src/services/crypto/seal.js';
import { photoPurpose } from '../../src/services/face/template-store.js';
import {
  type ApiClient,
  adminClient,
  startTestServer,
  type TestServer,
  testDbKind,
} from '../helpers/server.js';
import { createEmployee, photo, photosForm, recordConsent } from './faces-fixtures.js';

let server: TestServer;
let admin: ApiClient;
const ids: Record<string, number> = {};

before(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  for (const no of ['B001', 'B002', 'B003', 'B004', 'B005'])
    ids[no] = await createEmployee(admin, no, `Bulk ${no}`);
  for (const no of ['B001', 'B002', 'B004', 'B005']) await recordConsent(admin, ids[no]);
});

after(async () => {
  await server?.stop();
});

async function waitForTask(id: number) {
  for (;;) {
    const res = await admin.get(`/api/tasks/${id}`);
    assert.equal(res.status, 200);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('a ZIP named by employee number is enrolled in the background with a line per file', async () => {
  const zip = zipSync({
    'B001.jpg': new Uint8Array(await photo('deepface__img1.jpg')),
    'B001_2.jpg': new Uint8Array(await photo('deepface__img2.jpg')),
    'photos/B002/front.jpg': new Uint8Array(await photo('deepface__img8.jpg')),
    'B003.jpg': new Uint8Array(await photo('deepface__img13.jpg')),
    'X999.jpg': new Uint8Array(await photo('deepface__img16.jpg')),
    'B004.jpg': new Uint8Array(await photo('deepface__img4.jpg')),
    'notes.txt': new TextEncoder().encode('not a photo'),
    '__MACOSX/._B001.jpg': new Uint8Array([0, 5, 22, 7]),
  });
  const form = new FormData();
  form.append('file', new Blob([zip]), 'staff.zip');
  const started = await admin.post('/api/faces/bulk', form);
  assert.equal(started.status, 202, JSON.stringify(started.body));
  assert.equal(started.body.kind, 'face.bulk');
  const task = await waitForTask(started.body.id);
  assert.equal(task.status, 'done', task.error);
  assert.equal(task.percent, 100);
  const report = task.result as {
    total: number;
    counts: Record<string, number>;
    items: {
      file: string;
      status: string;
      reason?: string;
      employeeNo: string | null;
      duplicateOf?: unknown;
    }[];
  };
  const line = (file: string) => report.items.find((i) => i.file === file)!;
  assert.equal(report.total, 7);
  assert.equal(line('B001.jpg').status, 'enrolled');
  assert.equal(line('B001_2.jpg').status, 'enrolled');
  assert.equal(line('B001_2.jpg').employeeNo, 'B001');
  assert.equal(line('photos/B002/front.jpg').status, 'enrolled');
  assert.equal(line('photos/B002/front.jpg').employeeNo, 'B002');
  assert.equal(line('B003.jpg').status, 'no_consent');
  assert.equal(line('X999.jpg').status, 'unknown_employee');
  assert.equal(line('B004.jpg').status, 'refused');
  assert.equal(line('B004.jpg').reason, 'duplicate_identity');
  assert.equal(line('notes.txt').status, 'skipped');
  assert.deepEqual(report.counts, {
    enrolled: 3,
    refused: 1,
    unknown_employee: 1,
    no_consent: 1,
    skipped: 1,
  });
  assert.equal((await admin.get(`/api/employees/${ids.B001}/faces`)).body.count, 2);
  const listed = (await admin.get(`/api/employees/${ids.B002}/faces`)).body.templates;
  assert.equal(listed[0].source, 'bulk');
});

test('a file that is not a ZIP is refused at once', async () => {
  const form = new FormData();
  form.append('file', new Blob(['employee_no,name\n']), 'staff.zip');
  const res = await admin.post('/api/faces/bulk', form);
  assert.equal(res.status, 400);
  assert.equal(res.body.code, 'not_a_zip');
});

test('enrollment photos are kept only when the setting says so, and then sealed', async () => {
  assert.equal((await admin.get('/api/faces/settings')).body.keepEnrollmentPhotos, false);
  assert.equal((await admin.put('/api/faces/settings', { keepEnrollmentPhotos: true })).status, 200);
  const bytes = await photo('deepface__img18.jpg');
  const res = await admin.post(
    `/api/employees/${ids.B005}/faces`,
    photosForm([{ bytes, name: 'webcam.jpg' }], { source: 'webcam' }),
  );
  assert.equal(res.body.results[0].status, 'enrolled', JSON.stringify(res.body));
  assert.equal(res.body.results[0].photoKept, true);
  const [template] = (await admin.get(`/api/employees/${ids.B005}/faces`)).body.templates;
  assert.equal(template.hasPhoto, true);
  assert.equal(template.source, 'webcam');
  await admin.put('/api/faces/settings', { keepEnrollmentPhotos: false });
  const row = await server.db.kysely
    .selectFrom('face_templates')
    .select('photo')
    .where('id', '=', template.id)
    .executeTakeFirstOrThrow();
  const middle = bytes.subarray(bytes.length >> 1, (bytes.length >> 1) + 64);
  assert.equal(Buffer.from(row.photo!).indexOf(middle), -1);
  if (testDbKind() === 'sqlite') {
    const file = server.db.sqliteFile!;
    for (const f of [file, `${file}-wal`].filter((x) => fs.existsSync(x))) {
      assert.equal(fs.readFileSync(f).indexOf(middle), -1, `${f} holds the photo in plaintext`);
    }
  }
});

test('the signed consent paper is stored sealed and can be downloaded by those who may read consents', async () => {
  const id = ids.B003;
  const pdf = Buffer.from('%PDF-1.4\n% signed consent of B003, scanned\n%%EOF\n');
  const form = new FormData();
  form.append('noticeVersion', '2026-02');
  form.append('method', 'hr_paper');
  form.append('document', new Blob([new Uint8Array(pdf)]), 'consent.pdf');
  const res = await admin.post(`/api/employees/${id}/consent`, form);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.hasDocument, true);
  const again = await admin.post(`/api/employees/${id}/consent`, form);
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'consent_exists');
  const doc = await admin.get(`/api/employees/${id}/consent/${res.body.id}/document`);
  assert.equal(doc.status, 200);
  assert.equal(doc.headers.get('content-type'), 'application/pdf');
  assert.deepEqual(Buffer.from(doc.body), pdf);
  const row = await server.db.kysely
    .selectFrom('biometric_consents')
    .select('document')
    .where('id', '=', res.body.id)
    .executeTakeFirstOrThrow();
  assert.equal(Buffer.from(row.document!).indexOf(Buffer.from('signed consent')), -1);
  const entry = (await admin.get('/api/audit?action=consent.document.read&limit=1')).body.items[0];
  assert.equal(entry.details.consentId, res.body.id);
});

test('templates of another model are counted as stale and left out of the index', async () => {
  const before = (await admin.get('/api/faces/status')).body;
  const now = new Date().toISOString();
  const keyring = server.ctx.face!.keyring;
  const { id } = await server.db.kysely
    .insertInto('face_templates')
    .values({
      employee_id: ids.B003,
      model: 'an-older-model',
      model_version: '0',
      template: seal(keyring, new Uint8Array(512), 'face_template:0'),
      quality: '{}',
      source: 'upload',
      photo: null,
      created_at: now,
      created_by_user_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const after = (await admin.get('/api/faces/status')).body;
  assert.deepEqual(after.stale, {
    templates: before.stale.templates + 1,
    employees: before.stale.employees + 1,
  });
  assert.equal(after.templates, before.templates);
  const list = (await admin.get(`/api/employees/${ids.B003}/faces`)).body;
  assert.equal(list.staleCount, 1);
  assert.equal(list.templates.find((t: { id: number }) => t.id === id).current, false);
  await admin.delete(`/api/employees/${ids.B003}/faces`);
  assert.equal((await admin.get('/api/faces/status')).body.stale.templates, before.stale.templates);
});

test('after a model change, templates with a kept photo are made again with the current model', async () => {
  const keyring = server.ctx.face!.keyring;
  const bytes = await photo('deepface__img24.jpg');
  const { id } = await server.db.kysely
    .insertInto('face_templates')
    .values({
      employee_id: ids.B003,
      model: 'an-older-model',
      model_version: '0',
      template: seal(keyring, new Uint8Array(512), 'face_template:0'),
      quality: '{}',
      source: 'upload',
      photo: null,
      created_at: new Date().toISOString(),
      created_by_user_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await server.db.kysely
    .updateTable('face_templates')
    .set({ photo: seal(keyring, bytes, photoPurpose(id)) })
    .where('id', '=', id)
    .execute();
  assert.equal((await admin.get('/api/faces/status')).body.stale.templates, 1);
  const res = await admin.request('POST', '/api/faces/reenroll?wait=true', {});
  assert.equal(res.status, 202, JSON.stringify(res.body));
  assert.equal(res.body.status, 'done', res.body.error);
  assert.deepEqual([res.body.result.reenrolled, res.body.result.refused], [1, 0]);
  const status = (await admin.get('/api/faces/status')).body;
  assert.equal(status.stale.templates, 0);
  const list = (await admin.get(`/api/employees/${ids.B003}/faces`)).body;
  assert.equal(list.count, 1);
  assert.equal(list.templates[0].current, true);
  assert.equal(list.templates[0].hasPhoto, true);
  const probe = await admin.post(
    '/api/faces/identify',
    photosForm([{ bytes: await photo('deepface__img25.jpg'), name: 'p.jpg' }]),
  );
  assert.equal(probe.body.decision.employeeId, ids.B003);
});

test("Human's browser build, models and wasm files are served publicly with long cache headers", async () => {
  const get = (url: string) => fetch(server.url + url);
  const esm = await get('/vendor/human/human.esm.js');
  assert.equal(esm.status, 200);
  assert.match(esm.headers.get('content-type') ?? '', /javascript/);
  assert.match(esm.headers.get('cache-control') ?? '', /max-age=\d{6,}/);
  assert.match(await esm.text(), /export\s*\{[^}]*Human/);
  const model = await get('/vendor/human-models/blazeface.json');
  assert.equal(model.status, 200);
  assert.ok(JSON.parse(await model.text()).modelTopology);
  const wasm = await get('/vendor/tfjs-wasm/tfjs-backend-wasm-simd.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const magic = new Uint8Array(await wasm.arrayBuffer()).subarray(0, 4);
  assert.deepEqual([...magic], [0, 0x61, 0x73, 0x6d]);
  for (const url of [
    '/vendor/human/package.json',
    '/vendor/human-models/../package.json',
    '/vendor/tfjs-wasm/index.js',
  ]) {
    const res = await get(url);
    await res.arrayBuffer();
    assert.ok(res.status === 404 || res.status === 403, `${url}: ${res.status}`);
  }
});
