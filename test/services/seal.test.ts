import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { KEY_FILE, loadKeyring } from '../../src/services/crypto/keyring.js';
import { open, openFloats, seal, sealFloats } from '../../src/services/crypto/seal.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-key-'));

test('a key file is created with mode 0600 and reused', () => {
  const dir = tmp();
  const first = loadKeyring({ dataDir: dir });
  assert.equal(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777, 0o600);
  const second = loadKeyring({ dataDir: dir });
  assert.equal(first.current.id, second.current.id);
  fs.rmSync(dir, { recursive: true });
});

test('sealed data opens with the right purpose only, and hides the plaintext', () => {
  const ring = loadKeyring({ envKey: Buffer.alloc(32, 7).toString('base64'), dataDir: '/nonexistent' });
  const vector = Float32Array.from({ length: 128 }, (_, i) => Math.sin(i));
  const sealed = sealFloats(ring, vector, 'template:1');
  assert.deepEqual(openFloats(ring, sealed, 'template:1'), vector);
  assert.throws(() => openFloats(ring, sealed, 'template:2'));
  const raw = Buffer.from(vector.buffer);
  assert.equal(sealed.indexOf(raw.subarray(0, 16)), -1);
  const tampered = Buffer.from(sealed);
  tampered[tampered.length - 1] ^= 1;
  assert.throws(() => open(ring, tampered, 'template:1'));
});

test('data sealed with an older key still opens after the current key changes', () => {
  const oldKey = Buffer.alloc(32, 1).toString('hex');
  const newKey = Buffer.alloc(32, 2).toString('hex');
  const before = loadKeyring({ envKey: oldKey, dataDir: '/nonexistent' });
  const sealed = seal(before, Buffer.from('photo'), 'photo:9');
  const after = loadKeyring({ envKey: `${newKey},${oldKey}`, dataDir: '/nonexistent' });
  assert.notEqual(after.current.id, before.current.id);
  assert.equal(open(after, sealed, 'photo:9').toString(), 'photo');
  assert.throws(() => loadKeyring({ envKey: 'short', dataDir: '/nonexistent' }), /32-byte key/);
});
