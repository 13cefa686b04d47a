// Several server instances on one database (PostgreSQL):
// - face_templates announces every change on the `faceclock_faces` channel (NOTIFY, sent at commit) so each
//   instance keeps its in-memory face index in step, whoever made the change (a server, the CLI, a restore);
//   one statement touching many rows sends `reload` instead of a long id list (NOTIFY payloads are small);
// - rate_limits holds the request counters of rate-limited routes (login, PIN, kiosk punches per device), so
//   a limit counts across instances. SQLite has one instance and keeps its counters in memory; the table is
//   created there too so that both schemas stay alike;
// - table_versions counts the changes to employees and departments (kept by triggers, on both databases), so
//   the cached attendance model can tell in one indexed read whether it is still current, instead of counting
//   and scanning 50,000 employees before every punch's recompute.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.js';

/** Tables whose changes invalidate cached models (see src/services/attendance/model.ts). */
const VERSIONED = ['employees', 'departments'] as const;

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    // Epoch milliseconds at which the window ends and the count starts again.
    .addColumn('reset_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_reset_idx').on('rate_limits').column('reset_at').execute();

  await db.schema
    .createTable('table_versions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const table of VERSIONED) {
    await db.insertInto('table_versions').values({ name: table, version: 0 }).execute();
  }
  if (dialect !== 'postgres') {
    for (const table of VERSIONED) {
      for (const op of ['insert', 'update', 'delete']) {
        await sql
          .raw(`create trigger ${table}_version_${op} after ${op} on ${table}
            begin update table_versions set version = version + 1 where name = '${table}'; end`)
          .execute(db);
      }
    }
    return;
  }
  await sql
    .raw(`
      create or replace function faceclock_table_version() returns trigger language plpgsql as $$
      begin
        update table_versions set version = version + 1 where name = TG_TABLE_NAME;
        return null;
      end
      $$`)
    .execute(db);
  for (const table of VERSIONED) {
    await sql
      .raw(`create trigger ${table}_version after insert or update or delete on ${table}
        for each statement execute function faceclock_table_version()`)
      .execute(db);
  }

  // Only a change of the vector or its model matters to the index (not, say, a purged enrollment photo).
  const changedIds = {
    insert: 'select array_agg(id order by id) into ids from new_rows',
    delete: 'select array_agg(id order by id) into ids from old_rows',
    update: `select array_agg(n.id order by n.id) into ids from new_rows n join old_rows o on o.id = n.id
             where n.template is distinct from o.template or n.model is distinct from o.model
                or n.model_version is distinct from o.model_version`,
  };
  for (const op of ['insert', 'update', 'delete'] as const) {
    await sql
      .raw(`
        create or replace function faceclock_faces_${op}() returns trigger language plpgsql as $$
        declare
          ids integer[];
        begin
          ${changedIds[op]};
          if ids is null then
            return null;
          end if;
          if array_length(ids, 1) > 500 then
            perform pg_notify('faceclock_faces', json_build_object('s', TG_TABLE_SCHEMA, 'op', 'reload')::text);
          else
            perform pg_notify('faceclock_faces',
              json_build_object('s', TG_TABLE_SCHEMA, 'op', '${op}', 'ids', ids)::text);
          end if;
          return null;
        end
        $$`)
      .execute(db);
  }
  const transition = {
    insert: 'new table as new_rows',
    update: 'old table as old_rows new table as new_rows',
    delete: 'old table as old_rows',
  };
  for (const op of ['insert', 'update', 'delete'] as const) {
    await sql
      .raw(`create trigger face_templates_notify_${op} after ${op} on face_templates
        referencing ${transition[op]} for each statement execute function faceclock_faces_${op}()`)
      .execute(db);
  }
}
