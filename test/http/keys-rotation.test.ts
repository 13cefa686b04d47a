// Key rotation while the server runs: enroll (template and kept photo), a face punch (evidence crop) and a scanned
// consent paper are sealed under the first key; `rotateKeys` (what `faceclock keys rotate --retire` runs) puts a
// new key in force and re-encrypts everything. The running server picks the new key up by itself: identify still
// matches, a new punch is sealed under the new key, the scanned paper still downloads, and nothing remains under
// the old key, which has left the key file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ServiceContext } from '../../src/services/context.js';
import {
  keyFileOf,
  loadKeyring,
  newDataKey,
  readKeyFile,
  writeKeyFile,
} from '../../src/services/crypto/keyring.js';
import { rotateKeys } from '../../src/services/crypto/rotation.service.js';
import { open, seal, sealedKeyId } from '../../src/services/crypto/seal.js';
import { SEALED_COLUMNS } from '../../src/services/crypto/sealed-columns.js';
import { type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { identify, photo } from './faces-fixtures.js';
import { enrolledEmployee, kioskCall, pairKiosk, punchBody } from './kiosk-fixtures.js';

const ENROLL = 'deepface__img1.jpg';
const PROBE = 'deepface__img2.jpg';
// The smallest PNG: a 1×1 pixel, as a scanned paper stand-in.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let server: TestServer;
let admin: ApiClient;
let nowMs = Date.now();
const now = () => new Date(nowMs);

async function sealedKeyIds(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const col of SEALED_COLUMNS) {
    // biome-ignore lint/suspicious/noExplicitAny: the sealed columns are named at run time
    const rows = await (server.db.kysely as any)
      .selectFrom(col.table)
      .select(`${col.column} as value`)
      .where(col.column, 'is not', null)
      .execute();
    for (const r of rows as { value: Uint8Array }[]) {
      const id = sealedKeyId(r.value);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

before(async () => {
  server = await startTestServer({}, { now });
  admin = await adminClient(server);
});

after(async () => {
  await server?.stop();
});

test('a keyring follows its key file: a new key on top is used for sealing, an old value still opens', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-keys-'));
  try {
    const ring = loadKeyring({ dataDir: dir });
    const first = ring.current.id;
    const old = seal(ring, Buffer.from('hello'), 'test:1');
    const fresh = newDataKey();
    writeKeyFile(keyFileOf(dir), [fresh, ...readKeyFile(keyFileOf(dir))]);
    // A value under a key the ring has not seen makes it read the file at once.
    const other = loadKeyring({ dataDir: dir });
    assert.equal(other.current.id, fresh.id);
    const sealedNew = seal(other, Buffer.from('world'), 'test:2');
    assert.equal(open(ring, sealedNew, 'test:2').toString(), 'world');
    assert.equal(ring.current.id, fresh.id, 'the reload also moved the current key');
    assert.equal(open(ring, old, 'test:1').toString(), 'hello');
    assert.notEqual(first, fresh.id);
    assert.equal(fs.statSync(keyFileOf(dir)).mode & 0o777, 0o600);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('rotate --retire re-encrypts every sealed value while the server runs; identify and punches go on', async () => {
  assert.equal((await admin.put('/api/faces/settings', { keepEnrollmentPhotos: true })).status, 200);
  const site = await admin.post('/api/sites', { name: 'Head office', timeZone: 'Asia/Shanghai' });
  const kiosk = await pairKiosk(admin, { name: 'Front door', siteId: site.body.id, direction: 'both' });
  const employeeId = await enrolledEmployee(admin, 'R001', 'Rotation Person', ENROLL);
  await admin.patch('/api/devices/settings', {
    challengeMode: 'uncertain',
    sureAntispoof: 0,
    sureLiveness: 0,
  });
  const first = await kioskCall(server.url, kiosk.token, 'POST', '/api/kiosk/punches', {
    ...punchBody(now(), { photo: await photo(PROBE) }),
  });
  assert.equal(first.body.outcome, 'recorded', JSON.stringify(first.body));

  // A second employee with a scanned consent paper.
  const other = await admin.post('/api/employees', { employeeNo: 'R002', name: 'Paper Person' });
  const form = new FormData();
  form.append('noticeVersion', '2026-01');
  form.append('method', 'hr_paper');
  form.append('document', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'scan.png');
  const consent = await admin.post(`/api/employees/${other.body.id}/consent`, form);
  assert.equal(consent.status, 201, JSON.stringify(consent.body));

  const oldKey = readKeyFile(keyFileOf(server.dataDir))[0].id;
  const before = await sealedKeyIds();
  assert.deepEqual([...before.keys()], [oldKey]);
  assert.ok(before.get(oldKey)! >= 4, 'template, photo, evidence crop and consent paper are sealed');

  const ctx: ServiceContext = { db: server.db, config: server.config, now, log: console };
  const result = await rotateKeys(ctx, { retire: true, graceMs: 1100 });
  assert.notEqual(result.newKeyId, oldKey);
  assert.deepEqual(result.retired, [oldKey]);
  assert.equal(result.remaining, 0);
  const templates = result.columns.find((c) => c.table === 'face_templates' && c.column === 'template');
  assert.equal(templates?.reencrypted, 1);

  // The key file holds only the new key; nothing is sealed under the old one.
  assert.deepEqual(
    readKeyFile(keyFileOf(server.dataDir)).map((k) => k.id),
    [result.newKeyId],
  );
  const afterIds = await sealedKeyIds();
  assert.deepEqual([...afterIds.keys()], [result.newKeyId]);
  assert.equal(afterIds.get(result.newKeyId!), before.get(oldKey));
  // Each value opens with the key file as it is now (only the new key), bound to its own row.
  const ring = loadKeyring({ dataDir: server.dataDir });
  for (const col of SEALED_COLUMNS) {
    // biome-ignore lint/suspicious/noExplicitAny: the sealed columns are named at run time
    const rows = await (server.db.kysely as any)
      .selectFrom(col.table)
      .select(['id', `${col.column} as value`])
      .where(col.column, 'is not', null)
      .execute();
    for (const r of rows as { id: number; value: Uint8Array }[])
      assert.ok(open(ring, r.value, col.purpose(r.id)).length > 0, `${col.table}.${col.column} ${r.id}`);
  }

  // The running server still recognises the face and seals new evidence under the new key.
  const match = await identify(admin, await photo(PROBE));
  assert.equal(match.body.decision.outcome, 'match', JSON.stringify(match.body));
  assert.equal(match.body.decision.employeeId, employeeId);
  nowMs += 3 * 3_600_000;
  const second = await kioskCall(server.url, kiosk.token, 'POST', '/api/kiosk/punches', {
    ...punchBody(now(), { photo: await photo(PROBE) }),
  });
  assert.equal(second.body.outcome, 'recorded', JSON.stringify(second.body));
  const row = await server.db.kysely
    .selectFrom('punches')
    .select('evidence')
    .where('id', '=', second.body.punch.id)
    .executeTakeFirstOrThrow();
  assert.equal(sealedKeyId(row.evidence!), result.newKeyId);

  // The scanned paper still opens (decrypted for the download).
  const doc = await fetch(
    `${server.url}/api/employees/${other.body.id}/consent/${consent.body.id}/document`,
    {
      headers: { cookie: admin.cookie },
    },
  );
  assert.equal(doc.status, 200);
  assert.deepEqual(Buffer.from(await doc.arrayBuffer()), PNG);

  // Audited.
  const audit = await admin.get('/api/audit?limit=20');
  const actions = (audit.body.items as { action: string }[]).map((e) => e.action);
  assert.ok(actions.includes('keys.rotate'));
  assert.ok(actions.includes('keys.retire'));
});

test('a second rotation while punches keep coming in leaves nothing under the old key', async () => {
  const kiosk = await pairKiosk(admin, { name: 'Busy door', direction: 'both' });
  await admin.patch('/api/devices/settings', { repeatWindowMinutes: 0 });
  const person = (await admin.post('/api/employees', { employeeNo: 'R003', name: 'Busy Person' })).body.id;
  await admin.put(`/api/employees/${person}/pin`, { pin: '615243' });
  const evidence = await photo(PROBE);
  const oldKey = readKeyFile(keyFileOf(server.dataDir))[0].id;
  let stop = false;
  let recorded = 0;
  const load = (async () => {
    while (!stop) {
      const res = await kioskCall(
        server.url,
        kiosk.token,
        'POST',
        '/api/kiosk/punches',
        punchBody(now(), { method: 'pin', employeeNo: 'R003', pin: '615243', photo: evidence }),
      );
      assert.equal(res.body.outcome, 'recorded', JSON.stringify(res.body));
      recorded++;
    }
  })();
  const ctx: ServiceContext = { db: server.db, config: server.config, now, log: console };
  const result = await rotateKeys(ctx, { retire: true, graceMs: 1100 });
  stop = true;
  await load;
  assert.ok(recorded > 0);
  assert.equal(result.remaining, 0);
  assert.deepEqual(result.retired, [oldKey]);
  const ids = await sealedKeyIds();
  assert.deepEqual([...ids.keys()], [result.newKeyId], `${recorded} punches during the rotation`);
});

test('`faceclock keys status` lists the key ids and how many values each seals, never a key', () => {
  const cli = spawnSync(
    process.execPath,
    [path.resolve(import.meta.dirname, '../../bin/faceclock.js'), 'keys', 'status', '--json'],
    { env: server.cliEnv, encoding: 'utf8' },
  );
  assert.equal(cli.status, 0, cli.stderr);
  const status = JSON.parse(cli.stdout) as { keys: { id: string; current: boolean; values: number }[] };
  const [only] = readKeyFile(keyFileOf(server.dataDir));
  assert.equal(status.keys.length, 1);
  assert.equal(status.keys[0].id, only.id);
  assert.equal(status.keys[0].current, true);
  assert.ok(status.keys[0].values >= 4);
  assert.equal(cli.stdout.includes(only.key.toString('base64')), false, 'the key itself is never printed');
});
