// Privacy: legal holds that pause the retention purge for named employees, the report of each purge run, and
// employees' correction and deletion requests with how HR resolved them.
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('legal_holds'), dialect)
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('released_at', 'text')
    .addColumn('released_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('released_by_name', 'text')
    .execute();
  await db.schema
    .createIndex('legal_holds_employee_idx')
    .on('legal_holds')
    .columns(['employee_id', 'released_at'])
    .execute();

  await withId(db.schema.createTable('purge_reports'), dialect)
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull()) // 'schedule' | 'manual'
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull()) // JSON: removed per kind
    .addColumn('settings', 'text', (c) => c.notNull()) // JSON: the retention settings applied
    .addColumn('held_employees', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('purge_reports_started_idx').on('purge_reports').column('started_at').execute();

  await withId(db.schema.createTable('privacy_requests'), dialect)
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // 'correction' | 'deletion'
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // 'pending' | 'completed' | 'rejected'
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('resolution', 'text')
    .addColumn('actions', 'text') // JSON: what was removed when the request was completed
    .execute();
  await db.schema
    .createIndex('privacy_requests_employee_idx')
    .on('privacy_requests')
    .columns(['employee_id', 'status'])
    .execute();
}
