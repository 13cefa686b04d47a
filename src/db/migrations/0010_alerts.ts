// Alerts and notifications: the alert centre (anomalies and device alerts, with their history), in-app notices,
// the outbox of e-mails and webhook messages with its delivery log, webhook channels, and users' own e-mail.
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { blobType, withId } from './helpers.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // A console user without an employee record can still receive e-mail.
  await db.schema.alterTable('users').addColumn('email', 'text').execute();

  await withId(db.schema.createTable('notices'), dialect)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull()) // JSON { en, zh-CN }
    .addColumn('body', 'text', (c) => c.notNull()) // JSON { en, zh-CN }
    .addColumn('link', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notices_user_idx').on('notices').columns(['user_id', 'id']).execute();
  await db.schema
    .createIndex('notices_dedupe_uq')
    .on('notices')
    .columns(['user_id', 'dedupe_key'])
    .unique()
    .execute();

  await withId(db.schema.createTable('notify_channels'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull()) // 'wecom' | 'dingtalk' | 'feishu' | 'webhook'
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', blobType(dialect)) // signing secret, sealed (purpose webhook_secret:<id>)
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('notify_outbox'), dialect)
    .addColumn('channel', 'text', (c) => c.notNull()) // 'email' | 'webhook'
    .addColumn('channel_id', 'integer', (c) => c.references('notify_channels.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // what it is about, e.g. 'alert.opened'
    .addColumn('summary', 'text', (c) => c.notNull()) // subject or title, for the delivery log
    .addColumn('payload', 'text', (c) => c.notNull()) // JSON
    .addColumn('status', 'text', (c) => c.notNull()) // 'pending' | 'sent' | 'failed'
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('notify_outbox_due_idx')
    .on('notify_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await withId(db.schema.createTable('notify_deliveries'), dialect)
    .addColumn('outbox_id', 'integer', (c) => c.notNull().references('notify_outbox.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('notify_deliveries_outbox_idx')
    .on('notify_deliveries')
    .column('outbox_id')
    .execute();

  await withId(db.schema.createTable('alerts'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull()) // 'info' | 'warning' | 'critical'
    .addColumn('status', 'text', (c) => c.notNull()) // 'open' | 'acknowledged' | 'resolved' | 'false_positive'
    .addColumn('employee_id', 'integer', (c) => c.references('employees.id').onDelete('cascade'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id').onDelete('set null'))
    .addColumn('site_id', 'integer', (c) => c.references('sites.id').onDelete('set null'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('details', 'text', (c) => c.notNull()) // JSON: what the detector found
    .addColumn('evidence', 'text', (c) => c.notNull()) // JSON: punch and attempt ids, scores
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerts_status_idx').on('alerts').columns(['status', 'id']).execute();
  await db.schema.createIndex('alerts_employee_idx').on('alerts').columns(['employee_id', 'id']).execute();

  await withId(db.schema.createTable('alert_events'), dialect)
    .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull()) // 'opened' | 'status' | 'note'
    .addColumn('status', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('alert_events_alert_idx').on('alert_events').column('alert_id').execute();

  // The anomaly scan starts after what is already recorded: history is not alerted on at upgrade.
  const max = async (table: string) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirst()
      )?.m ?? 0,
    );
  await db
    .insertInto('settings')
    .values({
      key: 'alerts.cursor',
      value: JSON.stringify({
        punch: await max('punches'),
        attempt: await max('punch_attempts'),
        deviceAlert: await max('device_alerts'),
      }),
      updated_at: new Date().toISOString(),
    })
    .execute();
}
