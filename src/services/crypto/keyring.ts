// The key that encrypts biometric data (AES-256-GCM). It comes from FACECLOCK_KEY, or from a key file created in
// the data folder with mode 0600 on first use; it is never stored in the database or a backup.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface DataKey {
  /** Short identifier stored beside each ciphertext, so a rotated key can still be found. */
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: DataKey;
  /** Earlier keys, kept for decrypting until everything is re-encrypted. */
  byId: Map<string, DataKey>;
}

export const KEY_FILE = 'faceclock.key';

function parseKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error(`${where} must hold a 32-byte key, as 64 hex digits or base64`);
  return key;
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update('faceclock-key-id').update(key).digest('hex').slice(0, 8);
}

const toDataKey = (key: Buffer): DataKey => ({ id: keyId(key), key });

/**
 * Loads the keyring. The key file may hold several keys, one per line, the current one first (a rotation
 * writes the new key on top and drops the old ones once everything is re-encrypted).
 */
export function loadKeyring(options: { envKey?: string; dataDir: string }): Keyring {
  let keys: Buffer[];
  if (options.envKey) {
    keys = options.envKey.split(',').map((k) => parseKey(k, 'FACECLOCK_KEY'));
  } else {
    const file = path.join(options.dataDir, KEY_FILE);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(options.dataDir, { recursive: true });
      fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    }
    const mode = fs.statSync(file).mode & 0o777;
    if (mode & 0o077) fs.chmodSync(file, 0o600);
    keys = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => parseKey(line, file));
    if (keys.length === 0) throw new Error(`${file} holds no key`);
  }
  const all = keys.map(toDataKey);
  return { current: all[0], byId: new Map(all.map((k) => [k.id, k])) };
}
