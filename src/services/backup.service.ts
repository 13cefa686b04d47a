// Encrypted, verifiable backups. SQLite is copied online with its backup API, PostgreSQL with pg_dump. The file
// holds a plaintext header (format, database, counts per table, checksum; no personal data) and the copy
// encrypted with AES-256-GCM under the data key, the header bound as associated data. The key is not in it.
import { execFile } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Db, DialectName } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { ServiceContext } from './context.js';
import { type Keyring, loadKeyring } from './crypto/keyring.js';

const run = promisify(execFile);
const MAGIC = 'FACECLOCK-BACKUP 1\n';
export const BACKUP_EXTENSION = '.fcbak';

export interface BackupHeader {
  format: 1;
  dialect: DialectName;
  createdAt: string;
  appVersion: string;
  keyId: string;
  iv: string;
  /** SHA-256 of the unencrypted copy. */
  sha256: string;
  bytes: number;
  counts: Record<string, number>;
}

export interface BackupInfo {
  file: string;
  name: string;
  size: number;
  header: BackupHeader;
}

export const backupDir = (ctx: ServiceContext) => ctx.config.backupDir;

export function keyringOf(ctx: ServiceContext): Keyring {
  return loadKeyring({ envKey: ctx.config.encryptionKey, dataDir: ctx.config.dataDir });
}

/** Row counts of every application table (the migration bookkeeping tables excepted). */
export async function tableCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = (await db.introspection.getTables())
    .map((t) => t.name)
    .filter((n) => !n.startsWith('kysely_'))
    .sort();
  const counts: Record<string, number> = {};
  for (const name of tables) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    counts[name] = Number(r.rows[0].n);
  }
  return counts;
}

function pgArgs(db: Db, url: string): string[] {
  return ['-d', url, ...(db.pgSchema ? ['-n', db.pgSchema] : [])];
}

async function copyDatabase(ctx: ServiceContext, target: string): Promise<void> {
  const { db } = ctx;
  if (db.dialect === 'sqlite') {
    // The online backup API gives a consistent copy while the server keeps writing.
    const source = db.sqlite ?? new SQLite(db.sqliteFile!);
    try {
      await source.backup(target);
    } finally {
      if (!db.sqlite) source.close();
    }
    return;
  }
  await run(
    'pg_dump',
    [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      '-f',
      target,
      ...pgArgs(db, ctx.config.databaseUrl!),
    ],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}

function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

function stamp(iso: string) {
  return iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export async function createBackup(
  ctx: ServiceContext,
  options: { dir?: string; keep?: number; appVersion?: string } = {},
): Promise<BackupInfo> {
  const dir = options.dir ?? backupDir(ctx);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyring = keyringOf(ctx);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-backup-'));
  try {
    const copy = path.join(tmp, 'copy');
    const counts = await tableCounts(ctx.db.kysely);
    await copyDatabase(ctx, copy);
    const iv = randomBytes(12);
    const createdAt = ctx.now().toISOString();
    const header: BackupHeader = {
      format: 1,
      dialect: ctx.db.dialect,
      createdAt,
      appVersion: options.appVersion ?? '',
      keyId: keyring.current.id,
      iv: iv.toString('base64'),
      sha256: sha256File(copy),
      bytes: fs.statSync(copy).size,
      counts,
    };
    const headerLine = `${JSON.stringify(header)}\n`;
    const name = `faceclock-${ctx.db.dialect}-${stamp(createdAt)}${BACKUP_EXTENSION}`;
    const file = path.join(dir, name);
    const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
    cipher.setAAD(Buffer.from(MAGIC + headerLine));
    const partial = `${file}.partial`;
    const out = fs.openSync(partial, 'w', 0o600);
    try {
      fs.writeSync(out, MAGIC + headerLine);
      const fd = fs.openSync(copy, 'r');
      const buf = Buffer.alloc(1 << 20);
      for (;;) {
        const n = fs.readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        fs.writeSync(out, cipher.update(buf.subarray(0, n)));
      }
      fs.closeSync(fd);
      fs.writeSync(out, cipher.final());
      fs.writeSync(out, cipher.getAuthTag());
      fs.fsyncSync(out);
    } finally {
      fs.closeSync(out);
    }
    fs.renameSync(partial, file);
    if (options.keep) pruneBackups(dir, options.keep);
    return { file, name, size: fs.statSync(file).size, header };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function readHeader(file: string): { header: BackupHeader; headerBytes: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n).toString('utf8');
    if (!text.startsWith(MAGIC)) throw new Error(`${path.basename(file)} is not a FaceClock backup`);
    const end = text.indexOf('\n', MAGIC.length);
    if (end < 0) throw new Error(`${path.basename(file)} has a damaged header`);
    const line = text.slice(MAGIC.length, end + 1);
    return { header: JSON.parse(line) as BackupHeader, headerBytes: Buffer.byteLength(MAGIC + line) };
  } finally {
    fs.closeSync(fd);
  }
}

export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(BACKUP_EXTENSION))
    .map((name) => {
      const file = path.join(dir, name);
      try {
        return { file, name, size: fs.statSync(file).size, header: readHeader(file).header };
      } catch {
        return null;
      }
    })
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => b.header.createdAt.localeCompare(a.header.createdAt));
}

function pruneBackups(dir: string, keep: number) {
  for (const old of listBackups(dir).slice(keep)) fs.rmSync(old.file, { force: true });
}

/** Decrypts a backup to `target` and checks its tag and checksum; returns its header. */
export function decryptBackup(file: string, keyring: Keyring, target: string): BackupHeader {
  const { header, headerBytes } = readHeader(file);
  const key = keyring.byId.get(header.keyId);
  if (!key)
    throw new Error(`the backup was encrypted with key ${header.keyId}, which this server does not have`);
  const total = fs.statSync(file).size;
  const tagStart = total - 16;
  const fd = fs.openSync(file, 'r');
  const tag = Buffer.alloc(16);
  fs.readSync(fd, tag, 0, 16, tagStart);
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(header.iv, 'base64'));
  const headerText = Buffer.alloc(headerBytes);
  fs.readSync(fd, headerText, 0, headerBytes, 0);
  decipher.setAAD(headerText);
  decipher.setAuthTag(tag);
  const out = fs.openSync(target, 'w', 0o600);
  const hash = createHash('sha256');
  try {
    const buf = Buffer.alloc(1 << 20);
    let pos = headerBytes;
    while (pos < tagStart) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, tagStart - pos), pos);
      pos += n;
      const plain = decipher.update(buf.subarray(0, n));
      hash.update(plain);
      fs.writeSync(out, plain);
    }
    const last = decipher.final();
    hash.update(last);
    fs.writeSync(out, last);
  } catch (error) {
    throw new Error(`the backup is damaged or was changed: ${(error as Error).message}`);
  } finally {
    fs.closeSync(out);
    fs.closeSync(fd);
  }
  if (hash.digest('hex') !== header.sha256) throw new Error('the backup checksum does not match');
  return header;
}

export interface VerifyBackupResult {
  header: BackupHeader;
  checksumOk: boolean;
}

/** Checks a backup without restoring it: decryptable, untouched, checksum right. */
export function verifyBackup(file: string, keyring: Keyring): VerifyBackupResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-verify-'));
  try {
    const header = decryptBackup(file, keyring, path.join(tmp, 'copy'));
    return { header, checksumOk: true };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export interface RestoreResult {
  header: BackupHeader;
  counts: Record<string, number>;
  mismatches: string[];
}

/**
 * Replaces the database with the backup's copy. SQLite: the server must be stopped (the file is swapped).
 * PostgreSQL: pg_restore --clean into the configured database. Counts are compared with the header's.
 */
export async function restoreBackup(
  options: { file: string; keyring: Keyring; db: Db; databaseUrl?: string },
  reopen: () => Db,
): Promise<RestoreResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-restore-'));
  try {
    const copy = path.join(tmp, 'copy');
    const header = decryptBackup(options.file, options.keyring, copy);
    if (header.dialect !== options.db.dialect) {
      throw new Error(
        `the backup is of a ${header.dialect} database; this server runs on ${options.db.dialect}`,
      );
    }
    let db = options.db;
    if (db.dialect === 'sqlite') {
      const target = db.sqliteFile!;
      await db.close();
      for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
      fs.copyFileSync(copy, `${target}.restoring`);
      fs.renameSync(`${target}.restoring`, target);
      db = reopen();
    } else {
      await run(
        'pg_restore',
        [
          '--clean',
          '--if-exists',
          '--no-owner',
          '--no-privileges',
          '--single-transaction',
          ...pgArgs(db, options.databaseUrl!),
          copy,
        ],
        { maxBuffer: 64 * 1024 * 1024 },
      );
    }
    const counts = await tableCounts(db.kysely);
    const mismatches = Object.keys({ ...header.counts, ...counts })
      .filter((t) => header.counts[t] !== counts[t])
      .map((t) => `${t}: backup ${header.counts[t] ?? 'absent'}, restored ${counts[t] ?? 'absent'}`);
    if (db !== options.db) await db.close();
    return { header, counts, mismatches };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
