// Data-key rotation while servers run. `rotateKeys` puts a new key on top of the key file (running servers pick
// it up within a second, see keyring.ts), waits that second out, then re-encrypts every sealed value under the
// new key in small transactions. A value changed by a server meanwhile is left for the next pass (each update
// names the old ciphertext). With `retire`, the old keys leave the key file once no value is under them; a last
// pass catches anything a server sealed under an old key in between.
import type { Kysely } from 'kysely';
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

/** Re-encrypts one column's values that are not under `keyId`; returns what it did and what it skipped. */
async function reencryptColumn(
  // biome-ignore lint/suspicious/noExplicitAny: the sealed columns are named at run time
  db: Kysely<any>,
  keyring: Keyring,
  col: SealedColumn,
  batchSize: number,
): Promise<{ reencrypted: number; unreadable: number; skipped: number }> {
  let lastId = 0;
  let reencrypted = 0;
  let unreadable = 0;
  let skipped = 0;
  const target = keyring.current;
  for (;;) {
    const rows: { id: number; value: Uint8Array }[] = await db
      .selectFrom(col.table)
      .select(['id', `${col.column} as value`])
      .where('id', '>', lastId)
      .where(col.column, 'is not', null)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    lastId = rows[rows.length - 1].id;
    const due = rows.filter((r) => r.value.length > 0 && sealedKeyId(r.value) !== target.id);
    if (due.length === 0) continue;
    await db.transaction().execute(async (trx) => {
      for (const row of due) {
        let plain: Buffer;
        try {
          plain = open(keyring, row.value, col.purpose(row.id));
        } catch {
          unreadable++;
          continue;
        }
        const result = await trx
          .updateTable(col.table)
          .set({ [col.column]: seal(keyring, plain, col.purpose(row.id)) })
          .where('id', '=', row.id)
          .where(col.column, '=', Buffer.from(row.value))
          .executeTakeFirst();
        plain.fill(0);
        if (Number(result.numUpdatedRows) === 1) reencrypted++;
        else skipped++;
      }
    });
  }
  return { reencrypted, unreadable, skipped };
}

/** How many values are sealed under each key id, over every sealed column. */
async function keyIdCounts(ctx: ServiceContext): Promise<Map<string, number>> {
  // biome-ignore lint/suspicious/noExplicitAny: the sealed columns are named at run time
  const db = ctx.db.kysely as unknown as Kysely<any>;
  const counts = new Map<string, number>();
  for (const col of SEALED_COLUMNS) {
    let lastId = 0;
    for (;;) {
      const rows: { id: number; value: Uint8Array }[] = await db
        .selectFrom(col.table)
        .select(['id', `${col.column} as value`])
        .where('id', '>', lastId)
        .where(col.column, 'is not', null)
        .orderBy('id')
        .limit(1000)
        .execute();
      if (rows.length === 0) break;
      lastId = rows[rows.length - 1].id;
      for (const r of rows) {
        if (r.value.length === 0) continue;
        const id = sealedKeyId(r.value);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
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
      const done = await reencryptColumn(db, keyring, col, options.batchSize ?? 200);
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
