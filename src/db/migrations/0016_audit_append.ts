// PostgreSQL appends an audit entry in one round trip. The chain's lock is held from the append until the
// transaction commits; taking the lock, reading the last entry and inserting the new one used to be three
// round trips under the lock, and on a busy server each waits for the event loop, so every writer queued
// behind them. `faceclock_audit_append` does all three on the server and hashes the entry there, byte for
// byte as `hashEntry` (src/core/audit/hash-chain.ts) does: the SHA-256 of the UTF-8 of the JSON array
// [prevHash, id, at, actorUserId, actorName, action, targetType, targetId, ip, details], written without
// spaces. to_json escapes a string exactly as JSON.stringify does (\b \f \n \r \t \" \\ and \u00xx for other
// control characters), and integers print alike. SQLite has one writer and appends as before.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.js';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql
    .raw(`
      create or replace function faceclock_audit_append(
        p_at text, p_actor_user_id integer, p_actor_name text, p_action text,
        p_target_type text, p_target_id text, p_ip text, p_details text
      ) returns integer language plpgsql as $$
      declare
        last_id integer;
        last_hash text;
        new_id integer;
        canonical text;
      begin
        -- One writer at a time; each statement below reads with a snapshot taken after the lock is held.
        perform pg_advisory_xact_lock(7210001);
        select id, hash into last_id, last_hash from audit_log order by id desc limit 1;
        new_id := coalesce(last_id, 0) + 1;
        last_hash := coalesce(last_hash, repeat('0', 64));
        canonical := '[' || to_json(last_hash)::text
          || ',' || new_id::text
          || ',' || to_json(p_at)::text
          || ',' || coalesce(p_actor_user_id::text, 'null')
          || ',' || to_json(p_actor_name)::text
          || ',' || to_json(p_action)::text
          || ',' || coalesce(to_json(p_target_type)::text, 'null')
          || ',' || coalesce(to_json(p_target_id)::text, 'null')
          || ',' || coalesce(to_json(p_ip)::text, 'null')
          || ',' || to_json(p_details)::text
          || ']';
        insert into audit_log
          (id, at, actor_user_id, actor_name, action, target_type, target_id, ip, details, prev_hash, hash)
        values
          (new_id, p_at, p_actor_user_id, p_actor_name, p_action, p_target_type, p_target_id, p_ip, p_details,
           last_hash, encode(sha256(convert_to(canonical, 'UTF8')), 'hex'));
        return new_id;
      end
      $$`)
    .execute(db);
}
