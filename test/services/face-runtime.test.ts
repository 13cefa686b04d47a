// The template index against the encrypted store, without the camera or the models: two runtimes on one
// database stand for two server instances; what one writes, the other finds at its next search.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type Db, openDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createFaceRuntime, type FaceRuntime } from '../../src/services/face/runtime.js';
import { deleteTemplates, insertTemplate } from '../../src/services/face/template-store.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-face-runtime-'));
const config = { dataDir, encryptionKey: undefined };
let db: Db;
let a: FaceRuntime;
let b: FaceRuntime;
const employees: number[] = [];

/** A random unit vector, reproducible from its seed. */
function vector(seed: number, dim = 128): Float32Array {
  let x = seed * 9301 + 49297;
  const v = new Float32Array(dim);
  for (let i = 0; i < dim; i++) {
    x = (x * 9301 + 49297) % 233280;
    v[i] = x / 233280 - 0.5;
  }
  const norm = Math.hypot(...v);
  return v.map((c) => c / norm);
}

async function store(rt: FaceRuntime, employeeId: number, seed: number, model = rt.model) {
  const id = await db.kysely.transaction().execute((trx) =>
    insertTemplate(trx, rt.keyring, {
      employeeId,
      model: model.name,
      modelVersion: model.version,
      vector: vector(seed),
      quality: {
        eyeDistancePx: 80,
        sharpness: 200,
        brightness: 120,
        yawDeg: 0,
        pitchDeg: 0,
        rollDeg: 0,
        eyeOpenness: 0.3,
      },
      source: 'upload',
      photo: null,
      createdAt: new Date().toISOString(),
      createdByUserId: null,
    }),
  );
  return id;
}

before(async () => {
  db = openDb({ dataDir });
  await migrateToLatest(db);
  const now = new Date().toISOString();
  for (const no of ['R1', 'R2', 'R3']) {
    const row = await db.kysely
      .insertInto('employees')
      .values({ employee_no: no, name: no, status: 'active', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    employees.push(row.id);
  }
  a = createFaceRuntime(config);
  b = createFaceRuntime(config);
  await a.sync(db);
  await b.sync(db);
});

after(async () => {
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a template written by one instance is found by the other at its next sync', async () => {
  const id = await store(a, employees[0], 1);
  a.added([{ id, employeeId: employees[0], vector: vector(1) }]);
  assert.equal(a.index.size, 1);
  assert.equal(b.index.size, 0);
  await b.sync(db);
  assert.equal(b.index.size, 1);
  const [best] = b.index.searchEmployees(vector(1), 1);
  assert.equal(best.employeeId, String(employees[0]));
  assert.ok(best.score > 0.999);
});

test('a deletion by one instance reaches the other, and the stale and current counts stay right', async () => {
  const keep = await store(b, employees[1], 2);
  const old = await store(b, employees[2], 3, { name: 'an-older-model', version: '1', dimension: 128 });
  await a.sync(db);
  assert.equal(a.index.size, 2);
  assert.deepEqual(a.stale(), { templates: 1, employees: 1 });
  const removed = await db.kysely.transaction().execute((trx) => deleteTemplates(trx, employees[0]));
  b.removed(removed);
  await a.sync(db);
  assert.equal(a.index.size, 1);
  assert.ok(a.index.has(String(keep)));
  assert.ok(!a.index.has(String(old)));
  // An employee deleted outright (the rows go by cascade) leaves no template behind in the index.
  await db.kysely.deleteFrom('employees').where('id', '=', employees[1]).execute();
  await a.sync(db);
  assert.equal(a.index.size, 0);
  assert.equal(a.index.employeeCount, 0);
});

test('a sealed template opens only under its own row', async () => {
  const id = await store(a, employees[2], 4);
  const other = await store(a, employees[2], 5);
  // Copy the sealed bytes of one row onto another: the seal is bound to the row, so it no longer opens.
  const sealed = await db.kysely
    .selectFrom('face_templates')
    .select('template')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await db.kysely
    .updateTable('face_templates')
    .set({ template: sealed.template })
    .where('id', '=', other)
    .execute();
  const fresh = createFaceRuntime(config);
  await fresh.sync(db);
  assert.ok(fresh.index.has(String(id)));
  assert.ok(!fresh.index.has(String(other)));
  assert.equal(fresh.unreadable(), 1);
});
