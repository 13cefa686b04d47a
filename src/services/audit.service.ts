// The append-only audit log: who did what to which record, when and from where, hash-chained.
import { type Insertable, type Kysely, sql } from 'kysely';
import {
  type AuditEntryFields,
  type ChainBreak,
  GENESIS_HASH,
  hashEntry,
  verifyChainSegment,
} from '../core/audit/hash-chain.js';
import type { DialectName } from '../db/database.js';
import { prepare } from '../db/prepared.js';
import type { AuditLogTable, Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import { authorize } from './authorize.js';
import { nowIso, type ServiceContext } from './context.js';

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string | number | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one entry. Call it inside the transaction that makes the change, so that the change and its
 * record stand or fall together. Entries are serialised: SQLite has one writer; on PostgreSQL a function takes
 * the chain's lock and appends on the server, hashed as `hashEntry` does.
 */
export async function recordAudit(
  trx: Kysely<Database>,
  dialect: DialectName,
  at: string,
  actor: Pick<Actor, 'userId' | 'username' | 'ip'>,
  input: AuditInput,
): Promise<void> {
  const fields = {
    at,
    actorUserId: actor.userId,
    actorName: actor.username,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId === undefined || input.targetId === null ? null : String(input.targetId),
    ip: actor.ip,
    details: JSON.stringify(input.details ?? {}),
  };
  if (dialect === 'postgres') {
    // Lock, read the last entry, hash and insert in one round trip (migration 0016_audit_append).
    await appendOnServer(trx, fields);
    return;
  }
  const [last] = await selectLastEntry(trx, {});
  const id = (last?.id ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  await insertEntry(trx, {
    id,
    at: fields.at,
    actor_user_id: fields.actorUserId,
    actor_name: fields.actorName,
    action: fields.action,
    target_type: fields.targetType,
    target_id: fields.targetId,
    ip: fields.ip,
    details: fields.details,
    prev_hash: prevHash,
    hash: hashEntry(prevHash, { id, ...fields }),
  });
}

// Every change appends an entry: its queries are built once.
const appendOnServer = prepare(
  (_db, p: Omit<AuditEntryFields, 'id'>) => sql`select faceclock_audit_append(${p.at}::text,
    ${p.actorUserId}::integer, ${p.actorName}::text, ${p.action}::text, ${p.targetType}::text,
    ${p.targetId}::text, ${p.ip}::text, ${p.details}::text)`,
);
const selectLastEntry = prepare((db) =>
  db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1),
);
const insertEntry = prepare((db, p: Insertable<AuditLogTable>) =>
  db.insertInto('audit_log').values({
    id: p.id,
    at: p.at,
    actor_user_id: p.actor_user_id,
    actor_name: p.actor_name,
    action: p.action,
    target_type: p.target_type,
    target_id: p.target_id,
    ip: p.ip,
    details: p.details,
    prev_hash: p.prev_hash,
    hash: p.hash,
  }),
);

/** Records an entry in its own transaction (for reads and logins, which change nothing else). */
export async function audit(
  ctx: ServiceContext,
  actor: Pick<Actor, 'userId' | 'username' | 'ip'>,
  input: AuditInput,
) {
  await ctx.db.kysely
    .transaction()
    .execute((trx) => recordAudit(trx, ctx.db.dialect, nowIso(ctx), actor, input));
}

/** Runs `work` in a transaction and appends its audit entry in the same transaction. */
export async function writeWithAudit<T>(
  ctx: ServiceContext,
  actor: Actor,
  work: (trx: Kysely<Database>) => Promise<{ result: T; audit: AuditInput }>,
): Promise<T> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { result, audit: entry } = await work(trx);
    await recordAudit(trx, ctx.db.dialect, nowIso(ctx), actor, entry);
    return result;
  });
}

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  limit?: number;
  offset?: number;
}

export interface AuditEntryDto {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export async function listAudit(ctx: ServiceContext, actor: Actor | null, query: AuditQuery) {
  authorize(actor, 'audit.read');
  let q = ctx.db.kysely.selectFrom('audit_log');
  if (query.from) q = q.where('at', '>=', query.from);
  if (query.to) q = q.where('at', '<', query.to);
  if (query.actor) q = q.where('actor_name', '=', query.actor);
  if (query.action) q = q.where('action', 'like', `${query.action}%`);
  if (query.targetType) q = q.where('target_type', '=', query.targetType);
  if (query.targetId) q = q.where('target_id', '=', query.targetId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('id', 'desc')
    .limit(Math.min(query.limit ?? 50, 500))
    .offset(query.offset ?? 0)
    .execute();
  const items: AuditEntryDto[] = rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    ip: r.ip,
    details: JSON.parse(r.details) as Record<string, unknown>,
    hash: r.hash,
  }));
  return { total: Number(total.n), items };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  break?: ChainBreak & { at?: string; action?: string };
}

/** Walks the whole chain in pages; reports the first entry that was changed, removed or reordered. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<VerifyResult> {
  let state = { lastHash: GENESIS_HASH, lastId: 0 };
  let checked = 0;
  const pageSize = 5000;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', state.lastId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked };
    const outcome = verifyChainSegment(
      state,
      rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorUserId: r.actor_user_id,
        actorName: r.actor_name,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        ip: r.ip,
        details: r.details,
        prevHash: r.prev_hash,
        hash: r.hash,
      })),
    );
    if (!outcome.ok) {
      const row = rows.find((r) => r.id === outcome.break.id);
      return {
        ok: false,
        checked: checked + rows.indexOf(row!),
        break: { ...outcome.break, at: row?.at, action: row?.action },
      };
    }
    checked += rows.length;
    state = outcome.state;
  }
}
