// The key that encrypts biometric data (AES-256-GCM). It comes from FACECLOCK_KEY, or from a key file created in
// the data folder with mode 0600 on first use; it is never stored in the database or a backup.
//
// Key rotation (`faceclock keys rotate`) writes a new key on top of the file while servers run. A keyring loaded
// from the file follows it: reading `current` looks at the file at most once a second, and opening a value
// sealed under a key id it does not know reads the file again at once. So a running server seals under the new
// key within a second of the rotation and still opens what it re-encrypted.
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
  /** The key file this keyring follows (absent for FACECLOCK_KEY). */
  readonly file?: string;
  /** Reads the key file again now; true when the keys changed. */
  reload?(): boolean;
}

export const KEY_FILE = 'faceclock.key';
const RECHECK_MS = 1000;

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

export const keyFileOf = (dataDir: string) => path.join(dataDir, KEY_FILE);

/** The keys of a key file, the current one first. */
export function readKeyFile(file: string): DataKey[] {
  const keys = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => toDataKey(parseKey(line, file)));
  if (keys.length === 0) throw new Error(`${file} holds no key`);
  return keys;
}

/** Replaces the key file at once (write a sibling, then rename), mode 0600. The first key is the current one. */
export function writeKeyFile(file: string, keys: readonly DataKey[]): void {
  if (keys.length === 0) throw new Error('a key file needs at least one key');
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, keys.map((k) => `${k.key.toString('base64')}\n`).join(''));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export function newDataKey(): DataKey {
  return toDataKey(randomBytes(32));
}

/** A keyring that follows its key file (see the note at the top). */
function fileKeyring(file: string): Keyring {
  let keys = readKeyFile(file);
  let byId = new Map(keys.map((k) => [k.id, k]));
  let seen = stamp(file);
  let checkedAt = Date.now();

  function stamp(f: string): string {
    try {
      const s = fs.statSync(f);
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return 'missing';
    }
  }

  function reload(): boolean {
    checkedAt = Date.now();
    const now = stamp(file);
    if (now === seen || now === 'missing') return false;
    let fresh: DataKey[];
    try {
      fresh = readKeyFile(file);
    } catch {
      return false; // a file being written: keep the keys we have and look again later
    }
    seen = now;
    const changed = fresh.map((k) => k.id).join() !== keys.map((k) => k.id).join();
    keys = fresh;
    byId = new Map(fresh.map((k) => [k.id, k]));
    return changed;
  }

  return {
    file,
    get current() {
      if (Date.now() - checkedAt >= RECHECK_MS) reload();
      return keys[0];
    },
    set current(_value) {
      throw new Error('the current key comes from the key file');
    },
    get byId() {
      return byId;
    },
    set byId(_value) {
      throw new Error('the keys come from the key file');
    },
    reload,
  };
}

/**
 * Loads the keyring. The key file may hold several keys, one per line, the current one first (a rotation
 * writes the new key on top and drops the old ones once everything is re-encrypted).
 */
export function loadKeyring(options: { envKey?: string; dataDir: string }): Keyring {
  if (options.envKey) {
    const all = options.envKey.split(',').map((k) => toDataKey(parseKey(k, 'FACECLOCK_KEY')));
    return { current: all[0], byId: new Map(all.map((k) => [k.id, k])) };
  }
  const file = keyFileOf(options.dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) fs.chmodSync(file, 0o600);
  return fileKeyring(file);
}

/** The key a value was sealed under, reading the key file again once when the id is not known yet. */
export function findKey(keyring: Keyring, id: string): DataKey | undefined {
  const known = keyring.byId.get(id);
  if (known) return known;
  keyring.reload?.();
  return keyring.byId.get(id);
}
