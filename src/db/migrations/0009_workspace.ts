// Workspace: announcements from HR with their read receipts, and employees' feedback and questions about the
// system with HR's answers.
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('announcements'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull()) // 'rule' | 'system' | 'maintenance'
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text') // maintenance window, instants
    .addColumn('window_end', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('announcements_published_idx')
    .on('announcements')
    .column('published_at')
    .execute();

  await db.schema
    .createTable('announcement_reads')
    .addColumn('announcement_id', 'integer', (c) =>
      c.notNull().references('announcements.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('announcement_reads_pk', ['announcement_id', 'user_id'])
    .execute();

  await withId(db.schema.createTable('feedback'), dialect)
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull()) // 'question' | 'problem' | 'suggestion'
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // 'open' | 'answered'
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('answered_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_user_idx').on('feedback').columns(['user_id', 'status']).execute();
}
