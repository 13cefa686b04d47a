// Organisation, accounts, sessions, settings and the audit log.
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { withId, withTimestamps } from './helpers.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await withTimestamps(
    withId(db.schema.createTable('sites'), dialect)
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('address', 'text')
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('latitude', 'real')
      .addColumn('longitude', 'real'),
  ).execute();

  await withTimestamps(
    withId(db.schema.createTable('departments'), dialect)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.unique())
      .addColumn('parent_id', 'integer', (c) => c.references('departments.id').onDelete('restrict')),
  ).execute();

  await withTimestamps(
    withId(db.schema.createTable('positions'), dialect).addColumn('name', 'text', (c) =>
      c.notNull().unique(),
    ),
  ).execute();

  await withTimestamps(
    withId(db.schema.createTable('employees'), dialect)
      .addColumn('employee_no', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('department_id', 'integer', (c) => c.references('departments.id').onDelete('set null'))
      .addColumn('position_id', 'integer', (c) => c.references('positions.id').onDelete('set null'))
      .addColumn('site_id', 'integer', (c) => c.references('sites.id').onDelete('set null'))
      .addColumn('hire_date', 'text')
      .addColumn('termination_date', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('phone', 'text')
      .addColumn('email', 'text')
      .addColumn('pin_hash', 'text'),
  ).execute();
  await db.schema.createIndex('employees_department_idx').on('employees').column('department_id').execute();

  await withTimestamps(
    withId(db.schema.createTable('users'), dialect)
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('employee_id', 'integer', (c) => c.references('employees.id').onDelete('set null'))
      .addColumn('locale', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text'),
  ).execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('department_managers')
    .addColumn('department_id', 'integer', (c) =>
      c.notNull().references('departments.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('department_managers_pk', ['department_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('audit_log'), dialect)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
}
