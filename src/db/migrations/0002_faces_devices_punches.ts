// Biometric consent, face templates, kiosk devices, punches and refused punch attempts.
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { blobType, withId, withTimestamps } from './helpers.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // Separate biometric consent (单独同意), one row per grant; a withdrawal closes the row.
  await withId(db.schema.createTable('biometric_consents'), dialect)
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('notice_version', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull()) // 'self_service' | 'hr_paper'
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by_user_id', 'integer')
    .addColumn('document', blobType(dialect)) // sealed scan of the signed paper, when given
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by_user_id', 'integer')
    .execute();
  await db.schema
    .createIndex('biometric_consents_employee_idx')
    .on('biometric_consents')
    .column('employee_id')
    .execute();

  await withId(db.schema.createTable('face_templates'), dialect)
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('template', blobType(dialect), (c) => c.notNull()) // sealed Float32Array
    .addColumn('quality', 'text', (c) => c.notNull()) // JSON of the quality measures
    .addColumn('source', 'text', (c) => c.notNull()) // 'upload' | 'webcam' | 'bulk' | 'kiosk'
    .addColumn('photo', blobType(dialect)) // sealed enrollment photo, only when the setting keeps photos
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer')
    .execute();
  await db.schema
    .createIndex('face_templates_employee_idx')
    .on('face_templates')
    .column('employee_id')
    .execute();

  await withTimestamps(
    withId(db.schema.createTable('devices'), dialect)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('site_id', 'integer', (c) => c.references('sites.id').onDelete('set null'))
      .addColumn('direction', 'text', (c) => c.notNull().defaultTo('both')) // 'in' | 'out' | 'both'
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending')) // 'pending' | 'active' | 'revoked'
      .addColumn('token_hash', 'text', (c) => c.unique())
      .addColumn('pairing_code_hash', 'text')
      .addColumn('pairing_expires_at', 'text')
      .addColumn('app_version', 'text')
      .addColumn('face_backend', 'text')
      .addColumn('camera', 'text')
      .addColumn('clock_offset_ms', 'integer')
      .addColumn('last_seen_at', 'text')
      .addColumn('last_punch_at', 'text'),
  ).execute();

  await withId(db.schema.createTable('punches'), dialect)
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull()) // the capture instant (UTC)
    .addColumn('site_id', 'integer')
    .addColumn('device_id', 'integer')
    .addColumn('method', 'text', (c) => c.notNull()) // 'face' | 'pin' | 'qr' | 'manual' | 'import'
    .addColumn('direction', 'text') // 'in' | 'out' | null (decided by the rules)
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('device_time', 'text')
    .addColumn('clock_skew_ms', 'integer')
    .addColumn('match_score', 'real')
    .addColumn('match_margin', 'real')
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]')) // JSON array of strings
    .addColumn('evidence', blobType(dialect)) // sealed JPEG crop
    .addColumn('evidence_expires_at', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer')
    .execute();
  await db.schema
    .createIndex('punches_employee_at_idx')
    .on('punches')
    .columns(['employee_id', 'at'])
    .execute();
  await db.schema.createIndex('punches_at_idx').on('punches').column('at').execute();

  // Refused attempts at a device (unknown face, suspected spoof, failed challenge): for alerts and review.
  await withId(db.schema.createTable('punch_attempts'), dialect)
    .addColumn('device_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull()) // 'unknown' | 'spoof' | 'quality' | 'challenge_failed' | 'duplicate'
    .addColumn('reason', 'text')
    .addColumn('employee_id', 'integer') // best candidate, when one
    .addColumn('scores', 'text', (c) => c.notNull().defaultTo('{}')) // JSON
    .addColumn('evidence', blobType(dialect))
    .addColumn('evidence_expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('punch_attempts_device_at_idx')
    .on('punch_attempts')
    .columns(['device_id', 'at'])
    .execute();
}
