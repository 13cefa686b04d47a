// Column helpers that read the same on both dialects.
import { type CreateTableBuilder, sql } from 'kysely';
import type { DialectName } from '../database.js';

/** An auto-incrementing integer primary key named `id`. */
export function withId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: DialectName,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Binary column type: BLOB on SQLite, BYTEA on PostgreSQL. */
export function blobType(dialect: DialectName) {
  return dialect === 'postgres' ? sql`bytea` : sql`blob`;
}

/** Created/updated instants (ISO-8601 UTC text). */
export function withTimestamps<T extends string, C extends string>(table: CreateTableBuilder<T, C>) {
  return table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
}
