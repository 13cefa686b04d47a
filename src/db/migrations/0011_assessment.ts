// Assessment: the month cycle (compute → review → publish → close), each employee's monthly result with its
// score and ledger of rewards and penalties (and earlier versions), and appeals with their history and files.
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { blobType, withId } from './helpers.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('assessment_cycles')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull()) // 'computed' | 'reviewed' | 'published' | 'closed'
    .addColumn('computed_at', 'text')
    .addColumn('computed_by_name', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by_name', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by_name', 'text')
    .addColumn('appeal_until', 'text') // last date to appeal the month
    .addColumn('closed_at', 'text')
    .addColumn('closed_by_name', 'text')
    .addColumn('rules', 'text', (c) => c.notNull()) // JSON: the settings the month was computed with
    .execute();

  await withId(db.schema.createTable('assessment_results'), dialect)
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('summary', 'text', (c) => c.notNull()) // JSON: the attendance month summary
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('score_lines', 'text', (c) => c.notNull()) // JSON
    .addColumn('ledger', 'text', (c) => c.notNull()) // JSON: the ledger lines
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessment_results_month_employee', ['month', 'employee_id'])
    .execute();

  await withId(db.schema.createTable('assessment_result_history'), dialect)
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('ledger', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_result_history_idx')
    .on('assessment_result_history')
    .columns(['employee_id', 'month', 'version'])
    .execute();

  await withId(db.schema.createTable('appeals'), dialect)
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull()) // 'day' | 'month'
    .addColumn('date', 'text') // the day appealed (target 'day')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // 'pending' | 'upheld' | 'overturned' | 'withdrawn'
    .addColumn('chain', 'text', (c) => c.notNull()) // JSON: ['manager', 'hr']
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('reminded_step', 'integer')
    .addColumn('correction', 'text') // JSON: what the overturn changed
    .addColumn('outcome', 'text') // JSON: ids of the punch / request / recompute it caused
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('decided_by_name', 'text')
    .execute();
  await db.schema
    .createIndex('appeals_employee_idx')
    .on('appeals')
    .columns(['employee_id', 'month'])
    .execute();
  await db.schema.createIndex('appeals_status_idx').on('appeals').columns(['status', 'due_at']).execute();

  await withId(db.schema.createTable('appeal_events'), dialect)
    .addColumn('appeal_id', 'integer', (c) => c.notNull().references('appeals.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('step', 'text')
    .addColumn('comment', 'text')
    .addColumn('details', 'text') // JSON
    .execute();
  await db.schema.createIndex('appeal_events_appeal_idx').on('appeal_events').column('appeal_id').execute();

  await withId(db.schema.createTable('appeal_attachments'), dialect)
    .addColumn('appeal_id', 'integer', (c) => c.notNull().references('appeals.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', blobType(dialect), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('appeal_attachments_appeal_idx')
    .on('appeal_attachments')
    .column('appeal_id')
    .execute();
}
