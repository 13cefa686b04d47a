// Privacy and operations: the versioned consent notice (告知书), the maintenance log (with the maintenance mode
// in force being its open entry), and a record of data-key rotations.
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { withId } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema types exist
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // One row per notice version; a draft may be edited, a published version never changes.
  await withId(db.schema.createTable('consent_notices'), dialect)
    .addColumn('version', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull()) // 'draft' | 'published'
    .addColumn('content', 'text', (c) => c.notNull()) // JSON: { en: NoticeText, 'zh-CN': NoticeText }
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by_name', 'text')
    .execute();

  // A consent renewed under a newer notice closes the earlier one without withdrawing it (no face data deleted).
  await db.schema.alterTable('biometric_consents').addColumn('superseded_at', 'text').execute();

  // Maintenance and incidents (维护记录): a row with mode = 1 and no end is the maintenance mode in force.
  await withId(db.schema.createTable('maintenance_log'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull()) // 'maintenance' | 'incident' | 'drill'
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('message', 'text') // shown in the console banner and on the kiosks while in maintenance mode
    .addColumn('mode', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('planned_end', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('what_happened', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('maintenance_log_started_idx')
    .on('maintenance_log')
    .column('started_at')
    .execute();
}
