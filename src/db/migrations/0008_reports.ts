// Reports: the monthly data review HR marks before closing a month, and reports e-mailed on a schedule.
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('month_reviews')
    .addColumn('month', 'text', (c) => c.primaryKey()) // YYYY-MM
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_by_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('counts', 'text', (c) => c.notNull()) // JSON: the review's items per kind when marked
    .execute();

  await withId(db.schema.createTable('report_schedules'), dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull()) // 'daily' | 'monthly' | 'departments'
    .addColumn('format', 'text', (c) => c.notNull()) // 'xlsx' | 'csv' | 'pdf'
    .addColumn('frequency', 'text', (c) => c.notNull()) // 'daily' | 'weekly' | 'monthly'
    .addColumn('department_id', 'integer', (c) => c.references('departments.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull()) // 'zh-CN' | 'en'
    .addColumn('recipients', 'text', (c) => c.notNull()) // JSON: user ids
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_period', 'text') // the period last sent, e.g. '2026-10' or '2026-W44'
    .addColumn('last_sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
}
