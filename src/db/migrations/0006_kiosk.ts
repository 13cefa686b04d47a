// Kiosk additions: device revocation and failure streaks, the method and idempotency key of refused attempts,
// and the alerts a kiosk raises (offline during working hours, several failed attempts in a row).
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('devices').addColumn('revoked_at', 'text').execute();
  await db.schema.alterTable('devices').addColumn('paired_at', 'text').execute();
  // Refused attempts since the last recorded punch at this device.
  await db.schema
    .alterTable('devices')
    .addColumn('failure_streak', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.alterTable('punch_attempts').addColumn('method', 'text').execute(); // 'face' | 'pin' | 'qr'
  await db.schema.alterTable('punch_attempts').addColumn('idempotency_key', 'text').execute();
  await db.schema.alterTable('punch_attempts').addColumn('device_time', 'text').execute();
  await db.schema
    .createIndex('punch_attempts_idempotency_uq')
    .on('punch_attempts')
    .column('idempotency_key')
    .unique()
    .execute();

  await withId(db.schema.createTable('device_alerts'), dialect)
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // 'offline' | 'failures'
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}')) // JSON
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema
    .createIndex('device_alerts_device_at_idx')
    .on('device_alerts')
    .columns(['device_id', 'at'])
    .execute();
}
