// Files attached to requests and appeals (a sick note is health data) are sealed with the data key: the database
// holds ciphertext bound to its table and row, the download gives back the file as sent. Files stored before
// they were sealed still download, are sealed when the server starts (audited once, with the count), and key
// rotation re-encrypts attachments and leaves them readable.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sealPlaintextAttachments } from '../../src/services/attachments/attachments.js';
import type { ServiceContext } from '../../src/services/context.js';
import { keyFileOf, loadKeyring, readKeyFile } from '../../src/services/crypto/keyring.js';
import { rotateKeys } from '../../src/services/crypto/rotation.service.js';
import { open, sealedKeyId } from '../../src/services/crypto/seal.js';
import { type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

const NOW = new Date('2025-10-20T10:00:00Z');
const now = () => NOW;

let server: TestServer;
let admin: ApiClient;
let employeeId: number;
let requestId: number;
let appealId: number;

type Table = 'request_attachments' | 'appeal_attachments';

/** A file whose bytes are easy to look for: readable text and random bytes. */
function sickNote(label: string): Buffer {
  return Buffer.concat([Buffer.from(`Diagnosis: influenza, rest two days (${label}) `), randomBytes(64)]);
}

function form(content: Buffer, name: string) {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), name);
  return f;
}

async function storedRow(table: Table, id: number) {
  return server.db.kysely
    .selectFrom(table)
    .select(['id', 'data', 'sealed', 'size'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

const downloadUrl = (table: Table, id: number) =>
  table === 'request_attachments' ? `/api/attendance/attachments/${id}` : `/api/appeals/attachments/${id}`;

async function download(table: Table, id: number): Promise<Buffer> {
  const res = await admin.get(downloadUrl(table, id));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as Buffer;
}

/** Inserts an attachment row as stored before sealing (migration 0015): the file as sent, flag off. */
async function insertLegacy(table: Table, content: Buffer): Promise<number> {
  const values = {
    file_name: 'old-note.pdf',
    content_type: 'application/pdf',
    size: content.length,
    data: content,
    sealed: 0,
    created_at: NOW.toISOString(),
    created_by_user_id: null,
  };
  const row =
    table === 'request_attachments'
      ? await server.db.kysely
          .insertInto('request_attachments')
          .values({ ...values, request_id: requestId })
          .returning('id')
          .executeTakeFirstOrThrow()
      : await server.db.kysely
          .insertInto('appeal_attachments')
          .values({ ...values, appeal_id: appealId })
          .returning('id')
          .executeTakeFirstOrThrow();
  return row.id;
}

function assertSealed(row: { data: Uint8Array; sealed: number }, content: Buffer, what: string) {
  const stored = Buffer.from(row.data);
  assert.equal(row.sealed, 1, `${what} is marked sealed`);
  assert.notDeepEqual(stored, content, `${what}: the database does not hold the file as sent`);
  assert.equal(stored.indexOf(content.subarray(0, 24)), -1, `${what}: the file's text is not in the row`);
  assert.equal(stored.indexOf(content.subarray(content.length - 32)), -1, `${what}: nor its last bytes`);
}

before(async () => {
  server = await startTestServer({}, { now });
  admin = await adminClient(server);
  employeeId = (await admin.post('/api/employees', { employeeNo: 'S001', name: 'Sick Person' })).body.id;
  const request = await admin.post('/api/attendance/requests', {
    employeeId,
    kind: 'leave',
    leaveType: 'sick',
    startDate: '2025-10-16',
    endDate: '2025-10-16',
  });
  assert.equal(request.status, 201, JSON.stringify(request.body));
  requestId = request.body.id;
  const appeal = await admin.post('/api/appeals', {
    employeeId,
    target: 'day',
    date: '2025-10-17',
    reason: 'I was at the clinic',
  });
  assert.equal(appeal.status, 201, JSON.stringify(appeal.body));
  appealId = appeal.body.id;
});

after(async () => {
  await server?.stop();
});

test('an uploaded attachment is sealed in the database, bound to its row, and downloads as sent', async () => {
  const note = sickNote('request');
  const added = await admin.post(`/api/attendance/requests/${requestId}/attachments`, form(note, 'note.pdf'));
  assert.equal(added.status, 200, JSON.stringify(added.body));
  const requestFile = added.body.attachments.at(-1);
  assert.equal(requestFile.size, note.length);

  const photo = sickNote('appeal');
  const withFile = await admin.post(`/api/appeals/${appealId}/attachments`, form(photo, 'clinic.pdf'));
  assert.equal(withFile.status, 200, JSON.stringify(withFile.body));
  const appealFile = withFile.body.attachments.at(-1);

  const ring = loadKeyring({ dataDir: server.dataDir });
  for (const [table, id, content] of [
    ['request_attachments', requestFile.id, note],
    ['appeal_attachments', appealFile.id, photo],
  ] as const) {
    const row = await storedRow(table, id);
    assertSealed(row, content, table);
    assert.equal(row.size, content.length);
    // Sealed under the data key and bound to this table and row: under another row's name it does not open.
    assert.deepEqual(open(ring, row.data, `${table}:${id}`), content);
    assert.throws(() => open(ring, row.data, `${table}:${id + 1}`));
    assert.deepEqual(await download(table, id), content, `${table} downloads as sent`);
  }
});

test('files stored before sealing still download, and are sealed when the server starts', async () => {
  const oldNote = sickNote('legacy request');
  const oldPhoto = sickNote('legacy appeal');
  const noteId = await insertLegacy('request_attachments', oldNote);
  const photoId = await insertLegacy('appeal_attachments', oldPhoto);
  // Before the server seals them: read as stored.
  assert.deepEqual(await download('request_attachments', noteId), oldNote);
  assert.deepEqual(await download('appeal_attachments', photoId), oldPhoto);
  assert.deepEqual(Buffer.from((await storedRow('request_attachments', noteId)).data), oldNote);

  // A restart seals them.
  const { dataDir, pgSchema } = server;
  await server.close();
  server = await startTestServer({}, { now, reuse: { dataDir, pgSchema } });
  admin = await adminClient(server);
  assertSealed(await storedRow('request_attachments', noteId), oldNote, 'the old sick note');
  assertSealed(await storedRow('appeal_attachments', photoId), oldPhoto, 'the old appeal file');
  assert.deepEqual(await download('request_attachments', noteId), oldNote);
  assert.deepEqual(await download('appeal_attachments', photoId), oldPhoto);

  const audit = await admin.get('/api/audit?action=attachments.seal&limit=10');
  assert.equal(audit.status, 200, JSON.stringify(audit.body));
  const entries = (audit.body.items as { action: string; details: Record<string, number> }[]).filter(
    (e) => e.action === 'attachments.seal',
  );
  assert.equal(entries.length, 1, 'audited once');
  assert.equal(entries[0].details.sealed, 2);

  // Nothing left: a second run seals nothing and is not audited again.
  const ctx: ServiceContext = { db: server.db, config: server.config, now, log: console };
  assert.equal(await sealPlaintextAttachments(ctx), 0);
  const again = await admin.get('/api/audit?action=attachments.seal&limit=10');
  assert.equal(
    (again.body.items as { action: string }[]).filter((e) => e.action === 'attachments.seal').length,
    1,
  );
});

test('sealing at start-up works in batches over many rows', async () => {
  const files = Array.from({ length: 7 }, (_, i) => sickNote(`batch ${i}`));
  const ids: number[] = [];
  for (const f of files) ids.push(await insertLegacy('request_attachments', f));
  const ctx: ServiceContext = { db: server.db, config: server.config, now, log: console };
  assert.equal(await sealPlaintextAttachments(ctx, { batchSize: 3 }), 7);
  for (const [i, id] of ids.entries()) {
    assertSealed(await storedRow('request_attachments', id), files[i], `batch file ${i}`);
    assert.deepEqual(await download('request_attachments', id), files[i]);
  }
});

test('key rotation re-encrypts attachments, which still download; an unsealed one is left for start-up', async () => {
  const note = sickNote('before rotation');
  const added = await admin.post(`/api/attendance/requests/${requestId}/attachments`, form(note, 'r.pdf'));
  assert.equal(added.status, 200, JSON.stringify(added.body));
  const noteId: number = added.body.attachments.at(-1).id;
  const appealFiles = (await admin.get(`/api/appeals/${appealId}`)).body.attachments as { id: number }[];
  assert.ok(appealFiles.length >= 2);
  // One file stored before sealing, not yet sealed when the key is rotated.
  const legacy = sickNote('unsealed during rotation');
  const legacyId = await insertLegacy('appeal_attachments', legacy);

  const sealedCount = async (table: Table) =>
    (await server.db.kysely.selectFrom(table).select('id').where('sealed', '=', 1).execute()).length;
  const sealedRequests = await sealedCount('request_attachments');
  const sealedAppeals = await sealedCount('appeal_attachments');
  assert.equal(sealedAppeals, appealFiles.length);
  const oldKey = readKeyFile(keyFileOf(server.dataDir))[0].id;
  const expected = new Map<string, Buffer>();
  for (const table of ['request_attachments', 'appeal_attachments'] as const) {
    const rows = await server.db.kysely.selectFrom(table).select('id').execute();
    for (const r of rows) expected.set(`${table}:${r.id}`, await download(table, r.id));
  }

  const ctx: ServiceContext = { db: server.db, config: server.config, now, log: console };
  const result = await rotateKeys(ctx, { retire: true, graceMs: 1100 });
  assert.notEqual(result.newKeyId, oldKey);
  assert.deepEqual(result.retired, [oldKey], JSON.stringify(result));
  assert.equal(result.remaining, 0);
  const requestCol = result.columns.find((c) => c.table === 'request_attachments');
  const appealCol = result.columns.find((c) => c.table === 'appeal_attachments');
  assert.equal(requestCol?.reencrypted, sealedRequests, JSON.stringify(result.columns));
  assert.equal(requestCol?.unreadable, 0);
  assert.equal(appealCol?.reencrypted, sealedAppeals);
  assert.equal(appealCol?.unreadable, 0, 'the unsealed file is not taken for a sealed one');

  // Every sealed attachment is now under the new key, and each downloads as before.
  for (const table of ['request_attachments', 'appeal_attachments'] as const) {
    const rows = await server.db.kysely.selectFrom(table).select(['id', 'data', 'sealed']).execute();
    for (const r of rows) {
      if (r.id === legacyId && table === 'appeal_attachments') {
        assert.equal(r.sealed, 0);
        continue;
      }
      assert.equal(sealedKeyId(r.data), result.newKeyId, `${table} ${r.id}`);
      assert.deepEqual(await download(table, r.id), expected.get(`${table}:${r.id}`));
    }
  }
  assert.deepEqual(await download('request_attachments', noteId), note);
  assert.deepEqual(await download('appeal_attachments', legacyId), legacy);
  // The server start seals the one left, under the new key.
  assert.equal(await sealPlaintextAttachments(ctx), 1);
  const sealedNow = await storedRow('appeal_attachments', legacyId);
  assertSealed(sealedNow, legacy, 'the file sealed after rotation');
  assert.equal(sealedKeyId(sealedNow.data), result.newKeyId);
  assert.deepEqual(await download('appeal_attachments', legacyId), legacy);
});
