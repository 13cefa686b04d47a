// Data-key rotation while servers run. `rotateKeys` puts a new key on top of the key file (running servers pick
// it up within a second, see keyring.ts), waits that second out, then re-encrypts every sealed value under the
// new key in small transactions. A value changed by a server meanwhile is left for the next pass (each update
// names the old ciphertext). With `retire`, the old keys leave the key file once no value is under them; a last
// pass catches anything a server sealed under an old key in between.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../../db/database.js';
import { systemActor } from '../actor.js';
import { audit } from '../audit.service.js';
import { listBackups } from '../backup.service.js';
import type { ServiceContext } from '../context.js';
import {
  type DataKey,
  type Keyring,
  keyFileOf,
  loadKeyring,
  newDataKey,
  readKeyFile,
  writeKeyFile,
} from './keyring.js';
import { open, seal, sealedKeyId } from './seal.js';
import { SEALED_COLUMNS, type SealedColumn } from './sealed-columns.js';

export interface RotateOptions {
  /** Remove the old keys from the key file once nothing is sealed under them. */
  retire?: boolean;
  /** How long running servers get to notice the new key before values are re-encrypted (default 2 s). */
  graceMs?: number;
  batchSize?: number;
  progress?: (message: string) => void;
}

export interface ColumnCount {
  table: string;
  column: string;
  reencrypted: number;
  unreadable: number;
}

export interface RotateResult {
  newKeyId: string | null;
  oldKeyIds: string[];
  columns: ColumnCount[];
  passes: number;
  /** Values still sealed under an old key (0 when the rotation is complete). */
  remaining: number;
  retired: string[];
  /** Backups written under a retired key: they cannot be restored without it. */
  backupsUnderRetiredKeys: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fileOf(ctx: ServiceContext): string {
  if (ctx.config.encryptionKey)
    throw new Error(
      'FACECLOCK_KEY is set: `faceclock keys` works on the key file in DATA_DIR; with FACECLOCK_KEY, put a ' +
        'new key first (new,old) and restart the servers',
    );
  const file = keyFileOf(ctx.config.dataDir);
  loadKeyring({ dataDir: ctx.config.dataDir }); // creates it when missing, fixes its mode
  return file;
}

/**
 * The head of a sealed value: magic, key id, IV and tag. The IV is random, so the head names one ciphertext;
 * comparing it (not the whole value) tells whether a row still holds what was read.
 */
const HEAD = 39;

/**
 * Writes re-sealed values, each only where the row still holds the value it was read with (a row a server
 * changed meanwhile is left for the next pass). PostgreSQL takes the batch in one statement; SQLite, in
 * process, row by row in one transaction. Returns how many rows were written.
 */
async function writeChanges(
  // biome-ignore lint/suspicious/noExplicitAny: the sealed columns are named at run time
  db: Kysely<any>,
  dialect: DialectName,
  col: SealedColumn,
  changes: readonly { id: number; old: Buffer; sealed: Buffer }[],
): Promise<number> {
  if (changes.length === 0) return 0;
  if (dialect === 'postgres') {
    const result = await sql<{ id: number }>`
      update ${sql.table(col.table)} as t set ${sql.ref(col.column)} = v.sealed
      from (select unnest(${changes.map((c) => c.id)}::int[]) as id,
                   unnest(${changes.map((c) => c.old.subarray(0, HEAD))}::bytea[]) as old,
                   unnest(${changes.map((c) => c.sealed)}::bytea[]) as sealed) as v
      where t.id = v.id and substr(t.${sql.ref(col.column)}, 1, ${HEAD}) = v.old
      returning t.id`.execute(db);
    return result.rows.length;
  }
  return db.transaction().execute(async (trx) => {
    let written = 0;
    for (const c of changes) {
      const result = await trx
        .updateTable(col.table)
        .set({ [col.column]: c.sealed })
        .where('id', '=', c.id)
        .where(sql`substr(${sql.ref(col.column)}, 1, ${HEAD})`, '=', c.old.subarray(0, HEAD))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) written++;
    }
    return written;
  });
}

/** Re-encrypts one column's values that are not under `keyId`; returns what it did and what it skipped. */
async function reencryptColumn(
  // biome-ignore lint/suspicious/noExplicitAny: the sealed columns are named at run time
  db: Kysely<any>,
  keyring: Keyring,
  dialect: DialectName,
  col: SealedColumn,
  batchSize: number,
): Promise<{ reencrypted: number; unreadable: number; skipped: number }> {
  let lastId = 0;
  let reencrypted = 0;
  let unreadable = 0;
  let skipped = 0;
  const target = keyring.current;
  for (;;) {
    // The key ids first (the head of each value), then the whole values of those under another key.
    const heads = await sealedHeads(db, col, lastId, 2000);
    if (heads.length === 0) break;
    lastId = heads[heads.length - 1].id;
    const dueIds = heads.filter((h) => h.keyId !== target.id).map((h) => h.id);
    for (let i = 0; i < dueIds.length; i += batchSize) {
      const page = dueIds.slice(i, i + batchSize);
      const due: { id: number; value: Uint8Array }[] = await db
        .selectFrom(col.table)
        .select(['id', `${col.column} as value`])
        .where('id', 'in', page)
        .where(col.column, 'is not', null)
        .execute();
      const done = await reencryptRows(db, dialect, keyring, col, due);
      reencrypted += done.reencrypted;
      unreadable += done.unreadable;
      skipped += done.skipped;
    }
  }
  return { reencrypted, unreadable, skipped };
}

/** The key id of each sealed value of a column after `afterId`, read from the first bytes only. */
async function sealedHeads(
  // biome-ignore lint/suspicious/noExplicitAny: the sealed columns are named at run time
  db: Kysely<any>,
  col: SealedColumn,
  afterId: number,
  limit: number,
): Promise<{ id: number; keyId: string }[]> {
  const rows = await db
    .selectFrom(col.table)
    .select(['id', sql<Uint8Array>`substr(${sql.ref(col.column)}, 1, 11)`.as('head')])
    .where('id', '>', afterId)
    .where(col.column, 'is not', null)
    .$if(col.sealedFlag !== undefined, (q) => q.where(col.sealedFlag!, '=', 1))
    .orderBy('id')
    .limit(limit)
    .execute();
  return (rows as { id: number; head: Uint8Array }[])
    .filter((r) => r.head.length === 11)
    .map((r) => ({ id: r.id, keyId: sealedKeyId(r.head) }));
}

async function reencryptRows(
  // biome-ignore lint/suspicious/noExplicitAny: the sealed columns are named at run time
  db: Kysely<any>,
  dialect: DialectName,
  keyring: Keyring,
  col: SealedColumn,
  due: readonly { id: number; value: Uint8Array }[],
): Promise<{ reencrypted: number; unreadable: number; skipped: number }> {
  let unreadable = 0;
  const changes: { id: number; old: Buffer; sealed: Buffer }[] = [];
  for (const row of due) {
    try {
      const plain = open(keyring, row.value, col.purpose(row.id));
      changes.push({
        id: row.id,
        old: Buffer.from(row.value),
        sealed: seal(keyring, plain, col.purpose(row.id)),
      });
      plain.fill(0);
    } catch {
      unreadable++;
    }
  }
  const written = await writeChanges(db, dialect, col, changes);
  return { reencrypted: written, unreadable, skipped: changes.length - written };
}

/** How many values are sealed under each key id, over every sealed column. */
async function keyIdCounts(ctx: ServiceContext): Promise<Map<string, number>> {
  // biome-ignore lint/suspicious/noExplicitAny: the sealed columns are named at run time
  const db = ctx.db.kysely as unknown as Kysely<any>;
  const counts = new Map<string, number>();
  for (const col of SEALED_COLUMNS) {
    let lastId = 0;
    for (;;) {
      const heads = await sealedHeads(db, col, lastId, 5000);
      if (heads.length === 0) break;
      lastId = heads[heads.length - 1].id;
      for (const h of heads) counts.set(h.keyId, (counts.get(h.keyId) ?? 0) + 1);
    }
  }
  return counts;
}

/** How many values are sealed under a key other than `keyId`. */
export async function countNotUnder(ctx: ServiceContext, keyId: string): Promise<number> {
  let n = 0;
  for (const [id, count] of await keyIdCounts(ctx)) if (id !== keyId) n += count;
  return n;
}

async function reencryptAll(
  ctx: ServiceContext,
  keyring: Keyring,
  options: RotateOptions,
  totals: Map<string, ColumnCount>,
): Promise<{ passes: number; skipped: number }> {
  // biome-ignore lint/suspicious/noExplicitAny: the sealed columns are named at run time
  const db = ctx.db.kysely as unknown as Kysely<any>;
  let passes = 0;
  let skipped = 0;
  do {
    passes++;
    skipped = 0;
    for (const col of SEALED_COLUMNS) {
      const done = await reencryptColumn(db, keyring, ctx.db.dialect, col, options.batchSize ?? 200);
      const key = `${col.table}.${col.column}`;
      const total = totals.get(key) ?? {
        table: col.table,
        column: col.column,
        reencrypted: 0,
        unreadable: 0,
      };
      total.reencrypted += done.reencrypted;
      total.unreadable = done.unreadable;
      totals.set(key, total);
      skipped += done.skipped;
      if (done.reencrypted > 0) options.progress?.(`${key}: ${done.reencrypted} re-encrypted`);
    }
  } while (skipped > 0 && passes < 10);
  return { passes, skipped };
}

function retire(ctx: ServiceContext, file: string, keep: DataKey, oldIds: string[]) {
  writeKeyFile(file, [keep]);
  const backups = listBackups(ctx.config.backupDir)
    .filter((b) => oldIds.includes(b.header.keyId))
    .map((b) => b.file);
  return backups;
}

const actor = () => systemActor('faceclock keys');

/** Puts a new key in force and re-encrypts everything under it; see the note at the top. */
export async function rotateKeys(ctx: ServiceContext, options: RotateOptions = {}): Promise<RotateResult> {
  const file = fileOf(ctx);
  const before = readKeyFile(file);
  const fresh = newDataKey();
  writeKeyFile(file, [fresh, ...before]);
  const keyring = loadKeyring({ dataDir: ctx.config.dataDir });
  const oldKeyIds = before.map((k) => k.id);
  await audit(ctx, actor(), {
    action: 'keys.rotate',
    targetType: 'data_key',
    targetId: fresh.id,
    details: { newKeyId: fresh.id, oldKeyIds },
  });
  options.progress?.(`New key ${fresh.id} is in force; re-encrypting after servers have noticed it.`);
  await sleep(options.graceMs ?? 2000);
  return finish(ctx, file, keyring, fresh, oldKeyIds, options);
}

/** Re-encrypts anything still under an old key, and with `retire` removes the old keys (after a rotation). */
export async function reencryptAndRetire(
  ctx: ServiceContext,
  options: RotateOptions = {},
): Promise<RotateResult> {
  const file = fileOf(ctx);
  const keys = readKeyFile(file);
  const keyring = loadKeyring({ dataDir: ctx.config.dataDir });
  return finish(
    ctx,
    file,
    keyring,
    keys[0],
    keys.slice(1).map((k) => k.id),
    options,
  );
}

async function finish(
  ctx: ServiceContext,
  file: string,
  keyring: Keyring,
  current: DataKey,
  oldKeyIds: string[],
  options: RotateOptions,
): Promise<RotateResult> {
  const totals = new Map<string, ColumnCount>();
  let { passes } = await reencryptAll(ctx, keyring, options, totals);
  let retired: string[] = [];
  let backupsUnderRetiredKeys: string[] = [];
  let remaining = await countNotUnder(ctx, current.id);
  if (options.retire && oldKeyIds.length > 0) {
    const unreadable = [...totals.values()].reduce((n, c) => n + c.unreadable, 0);
    if (remaining > unreadable) {
      options.progress?.(`${remaining} values are still under an old key; the old keys stay.`);
    } else {
      backupsUnderRetiredKeys = retire(ctx, file, current, oldKeyIds);
      retired = oldKeyIds;
      // This process still holds the old keys: re-encrypt anything a server sealed under one meanwhile.
      const last = await reencryptAll(ctx, keyring, options, totals);
      passes += last.passes;
      remaining = await countNotUnder(ctx, current.id);
    }
  }
  const columns = [...totals.values()];
  await audit(ctx, actor(), {
    action: retired.length ? 'keys.retire' : 'keys.reencrypt',
    targetType: 'data_key',
    targetId: current.id,
    details: {
      keyId: current.id,
      oldKeyIds,
      retired,
      remaining,
      reencrypted: Object.fromEntries(columns.map((c) => [`${c.table}.${c.column}`, c.reencrypted])),
      unreadable: columns.reduce((n, c) => n + c.unreadable, 0),
      backupsUnderRetiredKeys: backupsUnderRetiredKeys.length,
    },
  });
  return {
    newKeyId: current.id,
    oldKeyIds,
    columns,
    passes,
    remaining,
    retired,
    backupsUnderRetiredKeys,
  };
}

/** The keys in the key file (ids only) and how many values each seals. */
export async function keyStatus(ctx: ServiceContext) {
  const file = fileOf(ctx);
  const keys = readKeyFile(file);
  const counts = await keyIdCounts(ctx);
  return {
    file,
    keys: keys.map((k, i) => ({ id: k.id, current: i === 0, values: counts.get(k.id) ?? 0 })),
    unknownKeys: [...counts]
      .filter(([id]) => !keys.some((k) => k.id === id))
      .map(([id, n]) => ({ id, values: n })),
  };
}
