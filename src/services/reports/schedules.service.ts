// Reports e-mailed on a schedule to chosen users (daily, weekly, monthly). Each recipient gets the report as
// they may see it (a manager: their departments), as an attachment, with an in-app notice; a recipient who
// may not read reports gets nothing. A scheduled job sends what is due each morning in the company's zone (the
// attendance settings), once per period.
import { hasPermission } from '../../core/access/roles.js';
import { invalid, notFound } from '../../core/errors.js';
import {
  type Frequency,
  isDue,
  periodOf,
  type ScheduledReport,
  scheduleDay,
} from '../../core/reports/schedule.js';
import { localDateOf } from '../../core/time/zone.js';
import type { ReportSchedulesTable } from '../../db/schema.js';
import { type Actor, loadActor } from '../actor.js';
import { readSettings } from '../attendance/settings.js';
import { audit, writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { notifyUsers } from '../notify/index.js';
import type { ExportFormat } from './render.js';
import { renderReport } from './reports.service.js';

export interface ScheduleInput {
  name: string;
  report: ScheduledReport;
  format: ExportFormat;
  frequency: Frequency;
  departmentId: number | null;
  language: 'zh-CN' | 'en';
  recipients: number[];
  enabled: boolean;
}

export interface ScheduleDto extends ScheduleInput {
  id: number;
  createdAt: string;
  lastPeriod: string | null;
  lastSentAt: string | null;
  lastError: string | null;
}

type Row = {
  [K in keyof ReportSchedulesTable]: ReportSchedulesTable[K] extends import('kysely').Generated<infer T>
    ? T
    : ReportSchedulesTable[K];
};

const toDto = (r: Row): ScheduleDto => ({
  id: r.id,
  name: r.name,
  report: r.report,
  format: r.format,
  frequency: r.frequency,
  departmentId: r.department_id,
  language: r.language,
  recipients: JSON.parse(r.recipients) as number[],
  enabled: r.enabled === 1,
  createdAt: r.created_at,
  lastPeriod: r.last_period,
  lastSentAt: r.last_sent_at,
  lastError: r.last_error,
});

const MAX_RECIPIENTS = 100;

async function validate(ctx: ServiceContext, input: ScheduleInput) {
  if (!input.name.trim()) throw invalid('give the schedule a name');
  const recipients = [...new Set(input.recipients)];
  if (recipients.length === 0) throw invalid('choose at least one recipient');
  if (recipients.length > MAX_RECIPIENTS) throw invalid(`at most ${MAX_RECIPIENTS} recipients`);
  const users = await ctx.db.kysely.selectFrom('users').select('id').where('id', 'in', recipients).execute();
  if (users.length !== recipients.length) throw invalid('a recipient is not a user');
  if (input.departmentId !== null) {
    const dept = await ctx.db.kysely
      .selectFrom('departments')
      .select('id')
      .where('id', '=', input.departmentId)
      .executeTakeFirst();
    if (!dept) throw notFound('department', input.departmentId);
  }
  return recipients;
}

export async function listSchedules(ctx: ServiceContext, actor: Actor | null): Promise<ScheduleDto[]> {
  authorize(actor, 'reports.schedule');
  const rows = await ctx.db.kysely.selectFrom('report_schedules').selectAll().orderBy('id').execute();
  return rows.map(toDto);
}

/** Users who may receive reports (they hold reports.read), for the recipient picker. */
export async function scheduleRecipients(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'reports.schedule');
  const users = await ctx.db.kysely
    .selectFrom('users')
    .leftJoin('employees', 'employees.id', 'users.employee_id')
    .select([
      'users.id',
      'users.username',
      'users.email',
      'employees.email as employee_email',
      'employees.name',
    ])
    .where('users.status', '=', 'active')
    .orderBy('users.username')
    .execute();
  const roles = await ctx.db.kysely.selectFrom('user_roles').select(['user_id', 'role']).execute();
  const rolesOf = new Map<number, string[]>();
  for (const r of roles) rolesOf.set(r.user_id, [...(rolesOf.get(r.user_id) ?? []), r.role]);
  return users
    .map((u) => ({
      id: u.id,
      username: u.username,
      name: u.name,
      email: u.email || u.employee_email || null,
      roles: rolesOf.get(u.id) ?? [],
    }))
    .filter((u) => hasPermission(u.roles as Actor['roles'], 'reports.read'));
}

export async function createSchedule(ctx: ServiceContext, actor: Actor | null, input: ScheduleInput) {
  authorize(actor, 'reports.schedule');
  const recipients = await validate(ctx, input);
  return writeWithAudit(ctx, actor, async (trx) => {
    const now = nowIso(ctx);
    const row = await trx
      .insertInto('report_schedules')
      .values({
        name: input.name.trim(),
        report: input.report,
        format: input.format,
        frequency: input.frequency,
        department_id: input.departmentId,
        language: input.language,
        recipients: JSON.stringify(recipients),
        enabled: input.enabled ? 1 : 0,
        created_at: now,
        created_by_user_id: actor.userId,
        updated_at: now,
        last_period: null,
        last_sent_at: null,
        last_error: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toDto(row),
      audit: {
        action: 'report.schedule_create',
        targetType: 'report_schedule',
        targetId: row.id,
        details: { ...input },
      },
    };
  });
}

export async function updateSchedule(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  input: ScheduleInput,
) {
  authorize(actor, 'reports.schedule');
  const recipients = await validate(ctx, input);
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx
      .updateTable('report_schedules')
      .set({
        name: input.name.trim(),
        report: input.report,
        format: input.format,
        frequency: input.frequency,
        department_id: input.departmentId,
        language: input.language,
        recipients: JSON.stringify(recipients),
        enabled: input.enabled ? 1 : 0,
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('report schedule', id);
    return {
      result: toDto(row),
      audit: {
        action: 'report.schedule_update',
        targetType: 'report_schedule',
        targetId: id,
        details: { ...input },
      },
    };
  });
}

export async function deleteSchedule(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'reports.schedule');
  return writeWithAudit(ctx, actor, async (trx) => {
    const gone = await trx.deleteFrom('report_schedules').where('id', '=', id).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw notFound('report schedule', id);
    return {
      result: { ok: true as const },
      audit: { action: 'report.schedule_delete', targetType: 'report_schedule', targetId: id },
    };
  });
}

const TITLES: Record<ScheduledReport, { en: string; 'zh-CN': string }> = {
  daily: { en: 'Daily attendance report', 'zh-CN': '考勤日报' },
  monthly: { en: 'Monthly attendance summary', 'zh-CN': '月度考勤汇总' },
  departments: { en: 'Department statistics', 'zh-CN': '部门考勤统计' },
};
const LINKS: Record<ScheduledReport, string> = {
  daily: '/reports/daily',
  monthly: '/reports/monthly',
  departments: '/reports/departments',
};

/** Sends one schedule for the period of `today`: each recipient's own scoped file. Returns who got it. */
async function send(
  ctx: ServiceContext,
  row: Row,
  today: string,
): Promise<{ sent: number[]; skipped: number[] }> {
  const schedule = toDto(row);
  const period = periodOf(schedule.frequency, schedule.report, today);
  const sent: number[] = [];
  const skipped: number[] = [];
  for (const userId of schedule.recipients) {
    const actor = await loadActor(ctx.db, userId, null);
    if (!actor || !hasPermission(actor.roles, 'reports.read')) {
      skipped.push(userId);
      continue;
    }
    let file: Awaited<ReturnType<typeof renderReport>>;
    try {
      file = await renderReport(ctx, actor, {
        report: schedule.report,
        format: schedule.format,
        date: period.date,
        month: period.month,
        departmentId: schedule.departmentId ?? undefined,
        language: schedule.language,
      });
    } catch (error) {
      // A manager outside the schedule's department, say: they get nothing rather than others' data.
      if ((error as { statusCode?: number }).statusCode === 403) {
        skipped.push(userId);
        continue;
      }
      throw error;
    }
    const what = period.date ?? period.month ?? '';
    await notifyUsers(ctx, [userId], {
      kind: 'report.scheduled',
      title: {
        en: `${TITLES[schedule.report].en} ${what}`,
        'zh-CN': `${TITLES[schedule.report]['zh-CN']} ${what}`,
      },
      body: {
        en: `“${schedule.name}”: the ${TITLES[schedule.report].en.toLowerCase()} for ${what} is attached (${file.rows} rows).`,
        'zh-CN': `“${schedule.name}”：${what} 的${TITLES[schedule.report]['zh-CN']}见附件（共 ${file.rows} 行）。`,
      },
      link: `${LINKS[schedule.report]}`,
      email: true,
      attachments: [{ filename: file.name, content: file.data, contentType: file.contentType }],
      dedupeKey: `report-schedule:${schedule.id}:${period.key}`,
    });
    sent.push(userId);
  }
  await ctx.db.kysely
    .updateTable('report_schedules')
    .set({ last_period: period.key, last_sent_at: nowIso(ctx), last_error: null })
    .where('id', '=', row.id)
    .execute();
  return { sent, skipped };
}

/** HR sends a schedule now (to check it), for today's period. */
export async function sendScheduleNow(ctx: ServiceContext, actor: Actor | null, id: number) {
  authorize(actor, 'reports.schedule');
  const row = await ctx.db.kysely
    .selectFrom('report_schedules')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('report schedule', id);
  const { companyZone } = await readSettings(ctx.db.kysely);
  const today = localDateOf(ctx.now().getTime(), companyZone);
  const result = await send(ctx, row, today);
  await audit(ctx, actor, {
    action: 'report.schedule_send',
    targetType: 'report_schedule',
    targetId: id,
    details: { sent: result.sent.length, skipped: result.skipped.length },
  });
  return result;
}

/**
 * The job: every enabled schedule due today that has not been sent for this period, once it is 07:00 in the
 * company's zone.
 */
export async function runDueSchedules(ctx: ServiceContext): Promise<{ sent: number; failed: number }> {
  const { companyZone } = await readSettings(ctx.db.kysely);
  const today = scheduleDay(ctx.now().getTime(), companyZone);
  if (today === null) return { sent: 0, failed: 0 };
  const rows = await ctx.db.kysely
    .selectFrom('report_schedules')
    .selectAll()
    .where('enabled', '=', 1)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    if (!isDue(row.frequency, today)) continue;
    if (row.last_period === periodOf(row.frequency, row.report, today).key) continue;
    try {
      await send(ctx, row, today);
      sent++;
    } catch (error) {
      failed++;
      ctx.log.error({ schedule: row.id, err: error }, 'scheduled report failed');
      await ctx.db.kysely
        .updateTable('report_schedules')
        .set({ last_error: (error as Error).message.slice(0, 500) })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return { sent, failed };
}
