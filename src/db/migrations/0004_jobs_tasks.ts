// Scheduled job runs (one row per job and slot, so a slot runs once across instances) and background tasks.
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('job_runs'), dialect)
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // 'running' | 'ok' | 'failed'
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('result', 'text')
    .addUniqueConstraint('job_runs_job_slot_uq', ['job', 'slot'])
    .execute();

  await withId(db.schema.createTable('tasks'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // 'queued' | 'running' | 'done' | 'failed'
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text')
    .addColumn('result', 'text')
    .addColumn('file_name', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by_user_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
}
