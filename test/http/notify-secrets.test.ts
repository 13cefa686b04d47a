// Webhook signing secrets are sealed at rest: no table holds one in plain text (nor does the SQLite file), the API
// never returns one, and a channel still signs correctly after the data key is rotated (and the old key retired).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { ServiceContext } from '../../src/services/context.js';
import { keyFileOf, readKeyFile } from '../../src/services/crypto/keyring.js';
import { rotateKeys } from '../../src/services/crypto/rotation.service.js';
import { sealedKeyId } from '../../src/services/crypto/seal.js';
import { type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { startReceiver } from './notify-receivers.js';

const SECRETS = {
  dingtalk: 'SECding-4f1a9c-plain-marker',
  feishu: 'feishu-7d2e0b-plain-marker',
  webhook: 'generic-hmac-93be11-plain-marker',
};

let server: TestServer;
let admin: ApiClient;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const channels: Record<keyof typeof SECRETS, number> = { dingtalk: 0, feishu: 0, webhook: 0 };

before(async () => {
  receiver = await startReceiver([200]);
  server = await startTestServer();
  admin = await adminClient(server);
  for (const kind of Object.keys(SECRETS) as (keyof typeof SECRETS)[]) {
    const res = await admin.post('/api/notify/channels', {
      kind,
      name: `${kind} bot`,
      url: `${receiver.url}/${kind}?access_token=t`,
      secret: SECRETS[kind],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.hasSecret, true);
    assert.equal('secret' in res.body, false);
    channels[kind] = res.body.id;
  }
});

after(async () => {
  await server?.stop();
  await receiver?.close();
});

/** Every row of every table, as text (byte values as latin1 and as hex), to search for a secret. */
async function databaseText(): Promise<string> {
  const db = server.db.kysely;
  const tables = (await db.introspection.getTables()).map((t) => t.name);
  assert.ok(tables.includes('notify_channels'));
  const parts: string[] = [];
  for (const name of tables) {
    const rows = (await sql`select * from ${sql.table(name)}`.execute(db)).rows as Record<string, unknown>[];
    for (const row of rows)
      for (const value of Object.values(row)) {
        if (value instanceof Uint8Array) parts.push(Buffer.from(value).toString('latin1'));
        else parts.push(typeof value === 'string' ? value : JSON.stringify(value));
      }
  }
  return parts.join('\n');
}

function sqliteFileText(): string {
  const file = server.db.sqliteFile;
  if (!file) return '';
  server.db.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  return [file, `${file}-wal`]
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f).toString('latin1'))
    .join('\n');
}

async function sealedSecrets(): Promise<{ id: number; secret: Uint8Array | null }[]> {
  return server.db.kysely.selectFrom('notify_channels').select(['id', 'secret']).orderBy('id').execute();
}

/** Sends the test message of each channel and checks the signature each request carries. */
async function assertSignatures(): Promise<void> {
  const from = receiver.requests.length;
  for (const id of Object.values(channels)) {
    const res = await admin.post(`/api/notify/channels/${id}/test`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'sent', JSON.stringify(res.body));
  }
  const requests = receiver.requests.slice(from);
  assert.equal(requests.length, 3);
  for (const req of requests) {
    const url = new URL(req.url, 'http://x');
    if (url.pathname.endsWith('/dingtalk')) {
      const ts = url.searchParams.get('timestamp')!;
      const s = SECRETS.dingtalk;
      assert.equal(
        url.searchParams.get('sign'),
        createHmac('sha256', s).update(`${ts}\n${s}`).digest('base64'),
      );
    } else if (url.pathname.endsWith('/feishu')) {
      const body = JSON.parse(req.body) as { timestamp: string; sign: string };
      const key = `${body.timestamp}\n${SECRETS.feishu}`;
      assert.equal(body.sign, createHmac('sha256', key).update('').digest('base64'));
    } else {
      const ts = req.headers['x-faceclock-timestamp'] as string;
      const expected = createHmac('sha256', SECRETS.webhook).update(`${ts}.${req.body}`).digest('hex');
      assert.equal(req.headers['x-faceclock-signature'], `sha256=${expected}`);
    }
  }
}

test('no table holds a webhook secret in plain text, and the API never returns one', async () => {
  const text = await databaseText();
  const file = sqliteFileText();
  for (const secret of Object.values(SECRETS)) {
    assert.equal(text.includes(secret), false, `${secret} is in the database`);
    assert.equal(text.includes(Buffer.from(secret).toString('hex')), false);
    assert.equal(file.includes(secret), false, `${secret} is in the SQLite file`);
  }
  const rows = await sealedSecrets();
  assert.equal(rows.length, 3);
  for (const r of rows) assert.equal(Buffer.from(r.secret!).subarray(0, 3).toString(), 'FC1');

  const list = await admin.get('/api/notify/channels');
  assert.equal(list.status, 200);
  const listed = JSON.stringify(list.body);
  for (const secret of Object.values(SECRETS)) assert.equal(listed.includes(secret), false);
  assert.ok((list.body as { hasSecret: boolean }[]).every((c) => c.hasSecret));
});

test('channels sign with their secret; a sealed secret moved to another channel does not open', async () => {
  await assertSignatures();

  // Copy the DingTalk channel's sealed secret onto the generic one: it is bound to its channel.
  const rows = await sealedSecrets();
  const ding = rows.find((r) => r.id === channels.dingtalk)!;
  const generic = rows.find((r) => r.id === channels.webhook)!;
  await server.db.kysely
    .updateTable('notify_channels')
    .set({ secret: ding.secret })
    .where('id', '=', channels.webhook)
    .execute();
  const res = await admin.post(`/api/notify/channels/${channels.webhook}/test`);
  assert.equal(res.body.status, 'pending');
  assert.ok(res.body.lastError, 'the try failed');
  await server.db.kysely
    .updateTable('notify_channels')
    .set({ secret: generic.secret })
    .where('id', '=', channels.webhook)
    .execute();
});

test('changing a secret seals the new one; an empty secret removes it', async () => {
  const changed = await admin.patch(`/api/notify/channels/${channels.feishu}`, {
    secret: 'feishu-next-marker',
  });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.hasSecret, true);
  assert.equal((await databaseText()).includes('feishu-next-marker'), false);
  const renamed = await admin.patch(`/api/notify/channels/${channels.feishu}`, { name: 'Feishu group' });
  assert.equal(renamed.body.hasSecret, true, 'leaving the secret out keeps it');
  const removed = await admin.patch(`/api/notify/channels/${channels.feishu}`, { secret: '' });
  assert.equal(removed.body.hasSecret, false);
  await admin.patch(`/api/notify/channels/${channels.feishu}`, { secret: SECRETS.feishu });
});

test('after a key rotation with the old key retired, the secrets are under the new key and still sign', async () => {
  const oldKeys = new Set((await sealedSecrets()).map((r) => sealedKeyId(r.secret!)));
  assert.equal(oldKeys.size, 1);
  const ctx: ServiceContext = { db: server.db, config: server.config, now: () => new Date(), log: console };
  const result = await rotateKeys(ctx, { retire: true, graceMs: 1100 });
  assert.equal(result.remaining, 0);
  assert.deepEqual(result.retired, [...oldKeys]);
  const column = result.columns.find((c) => c.table === 'notify_channels' && c.column === 'secret');
  assert.equal(column?.reencrypted, 3);
  assert.deepEqual(
    readKeyFile(keyFileOf(server.dataDir)).map((k) => k.id),
    [result.newKeyId],
  );
  for (const r of await sealedSecrets()) assert.equal(sealedKeyId(r.secret!), result.newKeyId);

  await assertSignatures();
});
