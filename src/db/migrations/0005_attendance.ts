// Attendance: shifts, attendance groups (考勤组) with members and schedule overrides, holiday calendars,
// leave types and balances, requests with their approval history and attachments, day results with their
// history, and month locks. Seeds the mainland China calendar and the built-in leave types.
import { type Kysely, sql } from 'kysely';
import { BUILTIN_LEAVE_TYPES } from '../../core/attendance/leave.js';
import { CHINA_NOTICES, noticeEntries } from '../../core/calendar/china.js';
import type { DialectName } from '../database.js';
import { blobType, withId, withTimestamps } from './helpers.js';

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // The engine's Shift as JSON (without its id); `code` is the id schedules refer to.
  await withTimestamps(
    withId(db.schema.createTable('shifts'), dialect)
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull()),
  ).execute();

  await withTimestamps(
    withId(db.schema.createTable('holiday_calendars'), dialect)
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('weekend', 'text', (c) => c.notNull().defaultTo('[0,6]')), // JSON weekday numbers
  ).execute();
  // kind 'entry': a dated day type (statutory holiday, bridged rest day, 调休 workday);
  // kind 'dayOff': a company day off laid over the public calendar.
  await db.schema
    .createTable('calendar_days')
    .addColumn('calendar_id', 'integer', (c) =>
      c.notNull().references('holiday_calendars.id').onDelete('cascade'),
    )
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addPrimaryKeyConstraint('calendar_days_pk', ['calendar_id', 'kind', 'date'])
    .execute();

  await withTimestamps(
    withId(db.schema.createTable('attendance_groups'), dialect)
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('zone', 'text', (c) => c.notNull())
      .addColumn('calendar_id', 'integer', (c) => c.references('holiday_calendars.id').onDelete('restrict'))
      .addColumn('rules', 'text', (c) => c.notNull().defaultTo('{}')) // JSON RuleOverrides
      .addColumn('versions', 'text', (c) => c.notNull().defaultTo('[]')), // JSON ScheduleVersion[]
  ).execute();
  // Who is in a group from when: an employee, or a whole department with its sub-departments. The from
  // date is the roll-out: members punch (by face) and are evaluated in this group from that date.
  await withId(db.schema.createTable('attendance_group_members'), dialect)
    .addColumn('group_id', 'integer', (c) =>
      c.notNull().references('attendance_groups.id').onDelete('cascade'),
    )
    .addColumn('employee_id', 'integer', (c) => c.references('employees.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id').onDelete('cascade'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text')
    .execute();
  await db.schema
    .createIndex('attendance_group_members_group_idx')
    .on('attendance_group_members')
    .column('group_id')
    .execute();
  // The schedule grid's cells: a date for the whole group, or for one employee.
  await withId(db.schema.createTable('schedule_overrides'), dialect)
    .addColumn('group_id', 'integer', (c) =>
      c.notNull().references('attendance_groups.id').onDelete('cascade'),
    )
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'integer', (c) => c.references('employees.id').onDelete('cascade'))
    .addColumn('shift_code', 'text')
    .addColumn('day_type', 'text')
    .execute();
  await db.schema
    .createIndex('schedule_overrides_group_date_idx')
    .on('schedule_overrides')
    .columns(['group_id', 'date'])
    .execute();

  await db.schema
    .createTable('employee_work_profiles')
    .addColumn('employee_id', 'integer', (c) => c.primaryKey().references('employees.id').onDelete('cascade'))
    .addColumn('first_work_date', 'text') // cumulative working years for annual leave count from here
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withTimestamps(
    withId(db.schema.createTable('leave_types'), dialect)
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull()) // 'day' | 'halfDay' | 'hour'
      .addColumn('paid', 'integer', (c) => c.notNull())
      .addColumn('has_balance', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('accrual', 'text', (c) => c.notNull().defaultTo('none')) // 'none' | 'statutoryAnnual' | 'timeOffInLieu'
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  // One balance per employee, leave type and year (0 for balances without a period, like 调休).
  await withId(db.schema.createTable('leave_balances'), dialect)
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('leave_type', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('granted', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('used', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('leave_balances_uq', ['employee_id', 'leave_type', 'year'])
    .execute();
  // Every movement of a balance, with its cause.
  await withId(db.schema.createTable('leave_ledger'), dialect)
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('leave_type', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('granted_delta', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('used_delta', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text', (c) => c.notNull()) // 'accrual' | 'approval' | 'cancellation' | 'adjustment' | 'overtime'
    .addColumn('request_id', 'integer')
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'integer')
    .execute();
  await db.schema
    .createIndex('leave_ledger_employee_idx')
    .on('leave_ledger')
    .columns(['employee_id', 'leave_type'])
    .execute();

  await withTimestamps(
    withId(db.schema.createTable('attendance_requests'), dialect)
      .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull()) // 'leave' | 'businessTrip' | 'fieldWork' | 'punchCorrection' | 'overtime'
      .addColumn('status', 'text', (c) => c.notNull()) // 'pending' | 'approved' | 'rejected' | 'cancelled'
      .addColumn('leave_type', 'text')
      // Dates the request touches (attendance dates), for every kind: filtering, month locks, quotas.
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text', (c) => c.notNull())
      .addColumn('start_half', 'text')
      .addColumn('end_half', 'text')
      .addColumn('start_at', 'text') // exact ranges (hour leave, field visit, overtime)
      .addColumn('end_at', 'text')
      .addColumn('at', 'text') // the corrected punch instant (补卡)
      .addColumn('compensation', 'text')
      .addColumn('reason', 'text')
      .addColumn('amount', 'real') // what approval took from the balance
      .addColumn('balance_year', 'integer')
      .addColumn('chain', 'text', (c) => c.notNull()) // JSON steps, e.g. ["manager","hr"]
      .addColumn('step', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by_user_id', 'integer')
      .addColumn('decided_at', 'text'),
  ).execute();
  await db.schema
    .createIndex('attendance_requests_employee_idx')
    .on('attendance_requests')
    .columns(['employee_id', 'start_date'])
    .execute();
  await db.schema
    .createIndex('attendance_requests_status_idx')
    .on('attendance_requests')
    .column('status')
    .execute();
  // Submissions, decisions, comments and cancellations: the request's history.
  await withId(db.schema.createTable('request_events'), dialect)
    .addColumn('request_id', 'integer', (c) =>
      c.notNull().references('attendance_requests.id').onDelete('cascade'),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('step', 'text')
    .addColumn('comment', 'text')
    .execute();
  await db.schema
    .createIndex('request_events_request_idx')
    .on('request_events')
    .column('request_id')
    .execute();
  await withId(db.schema.createTable('request_attachments'), dialect)
    .addColumn('request_id', 'integer', (c) =>
      c.notNull().references('attendance_requests.id').onDelete('cascade'),
    )
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', blobType(dialect), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer')
    .execute();
  await db.schema
    .createIndex('request_attachments_request_idx')
    .on('request_attachments')
    .column('request_id')
    .execute();

  // One current result per employee-day: the engine's DayResult as JSON, and the figures a grid needs.
  await db.schema
    .createTable('day_results')
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('group_id', 'integer')
    .addColumn('day_type', 'text', (c) => c.notNull())
    .addColumn('shift_code', 'text')
    .addColumn('statuses', 'text', (c) => c.notNull()) // comma-separated DayStatus values
    .addColumn('scheduled_minutes', 'integer', (c) => c.notNull())
    .addColumn('worked_minutes', 'integer', (c) => c.notNull())
    .addColumn('late_minutes', 'integer', (c) => c.notNull())
    .addColumn('early_leave_minutes', 'integer', (c) => c.notNull())
    .addColumn('missing_punches', 'integer', (c) => c.notNull())
    .addColumn('absent', 'text', (c) => c.notNull())
    .addColumn('leave_minutes', 'integer', (c) => c.notNull())
    .addColumn('overtime_minutes', 'integer', (c) => c.notNull())
    .addColumn('lieu_minutes', 'integer', (c) => c.notNull()) // rest-day overtime turned into time off
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('result_hash', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('day_results_pk', ['employee_id', 'date'])
    .execute();
  // A result is about 2 KB of JSON: keep it in the row uncompressed rather than TOAST it (faster recomputes).
  if (dialect === 'postgres') await sql`alter table day_results set (toast_tuple_target = 8160)`.execute(db);
  // Earlier results of a day, kept when a recompute changed it.
  await withId(db.schema.createTable('day_result_history'), dialect)
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('statuses', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('day_result_history_day_idx')
    .on('day_result_history')
    .columns(['employee_id', 'date'])
    .execute();

  // A closed month (月结) refuses changes to its days until HR reopens it.
  await db.schema
    .createTable('month_locks')
    .addColumn('month', 'text', (c) => c.primaryKey()) // 'YYYY-MM'
    .addColumn('status', 'text', (c) => c.notNull()) // 'closed' | 'open'
    .addColumn('closed_at', 'text')
    .addColumn('closed_by_user_id', 'integer')
    .addColumn('reopened_at', 'text')
    .addColumn('reopened_by_user_id', 'integer')
    .addColumn('note', 'text')
    .execute();

  // Seeds: the bundled mainland China calendar and the built-in leave types.
  const now = new Date().toISOString();
  const calendar = await db
    .insertInto('holiday_calendars')
    .values({ name: '中国大陆 China mainland', weekend: '[0,6]', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const days = Object.values(CHINA_NOTICES).flatMap((n) => noticeEntries(n));
  for (let i = 0; i < days.length; i += 100) {
    await db
      .insertInto('calendar_days')
      .values(
        days.slice(i, i + 100).map((d) => ({
          calendar_id: calendar.id,
          date: d.date,
          kind: 'entry',
          type: d.type,
          name: d.name ?? null,
        })),
      )
      .execute();
  }
  await db
    .insertInto('leave_types')
    .values(
      BUILTIN_LEAVE_TYPES.map((t) => ({
        code: t.id,
        name: t.name ?? t.id,
        unit: t.unit,
        paid: t.paid ? 1 : 0,
        has_balance: t.hasBalance ? 1 : 0,
        accrual: t.id === 'annual' ? 'statutoryAnnual' : t.id === 'timeOffInLieu' ? 'timeOffInLieu' : 'none',
        active: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
