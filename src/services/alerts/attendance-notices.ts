// Employees are told about their own late, early-leave, absent and missing-punch days (with a link to request a
// correction or appeal), and managers get a daily digest of their departments' exceptions and open alerts.
import { parseClock } from '../../core/time/clock.js';
import { addDays } from '../../core/time/date.js';
import { toLocal } from '../../core/time/zone.js';
import { readSettings } from '../attendance/settings.js';
import type { ServiceContext } from '../context.js';
import { notifyEmployees, notifyUsers } from '../notify/index.js';
import { managersOf, usersWithRole } from './recipients.js';
import { readAlertSettings } from './settings.js';

const EXCEPTIONS = {
  late: { en: 'late', 'zh-CN': '迟到' },
  earlyLeave: { en: 'early leave', 'zh-CN': '早退' },
  absentHalfDay: { en: 'absent for half a day', 'zh-CN': '旷工半天' },
  absentFullDay: { en: 'absent', 'zh-CN': '旷工' },
  missingIn: { en: 'missing punch in', 'zh-CN': '上班缺卡' },
  missingOut: { en: 'missing punch out', 'zh-CN': '下班缺卡' },
} as const;
type Exception = keyof typeof EXCEPTIONS;
const isException = (s: string): s is Exception => s in EXCEPTIONS;

/**
 * Tells each employee (with a console account) of the exceptions on their evaluated days from `days` ago up to
 * yesterday, in the company's zone. Each employee-day is told once (the notice key), so the job may run as often
 * as it likes.
 */
export async function notifyAttendanceExceptions(
  ctx: ServiceContext,
  days = 3,
): Promise<{ notices: number }> {
  const { routing } = await readAlertSettings(ctx.db.kysely);
  if (!routing.attendanceNotices) return { notices: 0 };
  const { companyZone } = await readSettings(ctx.db.kysely);
  const today = toLocal(ctx.now().getTime(), companyZone).date;
  const rows = await ctx.db.kysely
    .selectFrom('day_results')
    .innerJoin('users', 'users.employee_id', 'day_results.employee_id')
    .select([
      'day_results.employee_id',
      'day_results.date',
      'day_results.statuses',
      'day_results.late_minutes',
      'day_results.early_leave_minutes',
    ])
    .where('day_results.date', '>=', addDays(today, -days))
    .where('day_results.date', '<', today)
    .where('users.status', '=', 'active')
    .execute();
  let notices = 0;
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(`${r.employee_id}:${r.date}`)) continue;
    seen.add(`${r.employee_id}:${r.date}`);
    const found = (JSON.parse(r.statuses) as string[]).filter(isException);
    if (found.length === 0) continue;
    const words = (lang: 'en' | 'zh-CN') =>
      found
        .map((s) =>
          s === 'late' && r.late_minutes > 0
            ? lang === 'en'
              ? `late ${r.late_minutes} min`
              : `迟到 ${r.late_minutes} 分钟`
            : s === 'earlyLeave' && r.early_leave_minutes > 0
              ? lang === 'en'
                ? `early leave ${r.early_leave_minutes} min`
                : `早退 ${r.early_leave_minutes} 分钟`
              : EXCEPTIONS[s][lang],
        )
        .join(lang === 'en' ? ', ' : '、');
    await notifyEmployees(ctx, [r.employee_id], {
      kind: 'attendance.exception',
      title: {
        en: `Attendance on ${r.date}: ${words('en')}`,
        'zh-CN': `${r.date} 考勤异常：${words('zh-CN')}`,
      },
      body: {
        en: `Your attendance on ${r.date} shows: ${words('en')}. If this is wrong, request a punch correction or file an appeal.`,
        'zh-CN': `您 ${r.date} 的考勤结果为：${words('zh-CN')}。如有误，请申请补卡或提出申诉。`,
      },
      link: `/me/appeals?date=${r.date}`,
      dedupeKey: `attendance:${r.date}`,
      email: true,
    });
    notices += 1;
  }
  return { notices };
}

/**
 * One notice a day to each manager, once the digest time has passed in the company's zone: yesterday's exceptions
 * in their departments and the open alerts there (each manager and day once).
 */
export async function sendManagerDigest(ctx: ServiceContext): Promise<{ managers: number }> {
  const { routing } = await readAlertSettings(ctx.db.kysely);
  if (!routing.managerDigest.enabled) return { managers: 0 };
  const { companyZone } = await readSettings(ctx.db.kysely);
  const local = toLocal(ctx.now().getTime(), companyZone);
  if (local.minutes < parseClock(routing.managerDigest.at)) return { managers: 0 };
  const db = ctx.db.kysely;
  const yesterday = addDays(local.date, -1);
  const managerIds = await usersWithRole(db, 'manager');
  const departments = await db.selectFrom('departments').select(['id', 'parent_id']).execute();
  let sent = 0;
  const done = new Set(
    (
      await db
        .selectFrom('notices')
        .select('user_id')
        .where('dedupe_key', '=', `digest:${yesterday}`)
        .execute()
    ).map((r) => r.user_id),
  );
  for (const userId of managerIds) {
    if (done.has(userId)) continue;
    const direct = (
      await db
        .selectFrom('department_managers')
        .select('department_id')
        .where('user_id', '=', userId)
        .execute()
    ).map((r) => r.department_id);
    if (direct.length === 0) continue;
    const scope = new Set(direct);
    for (let grew = true; grew; ) {
      grew = false;
      for (const d of departments)
        if (d.parent_id !== null && scope.has(d.parent_id) && !scope.has(d.id)) {
          scope.add(d.id);
          grew = true;
        }
    }
    const deptIds = [...scope];
    const results = await db
      .selectFrom('day_results')
      .innerJoin('employees', 'employees.id', 'day_results.employee_id')
      .select(['day_results.statuses'])
      .where('day_results.date', '=', yesterday)
      .where('employees.department_id', 'in', deptIds)
      .execute();
    const counts: Record<Exception, number> = {
      late: 0,
      earlyLeave: 0,
      absentHalfDay: 0,
      absentFullDay: 0,
      missingIn: 0,
      missingOut: 0,
    };
    for (const r of results)
      for (const s of JSON.parse(r.statuses) as string[]) if (isException(s)) counts[s] += 1;
    const open = await db
      .selectFrom('alerts')
      .innerJoin('employees', 'employees.id', 'alerts.employee_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('alerts.status', 'in', ['open', 'acknowledged'])
      .where('employees.department_id', 'in', deptIds)
      .executeTakeFirstOrThrow();
    const list = (lang: 'en' | 'zh-CN') =>
      (Object.keys(counts) as Exception[])
        .filter((k) => counts[k] > 0)
        .map((k) => `${EXCEPTIONS[k][lang]} ${counts[k]}`)
        .join(lang === 'en' ? ', ' : '、') || (lang === 'en' ? 'none' : '无');
    await notifyUsers(ctx, [userId], {
      kind: 'alerts.digest',
      title: { en: `Attendance digest for ${yesterday}`, 'zh-CN': `${yesterday} 考勤日报` },
      body: {
        en: `${results.length} employee-days evaluated. Exceptions: ${list('en')}. Open alerts: ${Number(open.n)}.`,
        'zh-CN': `共评估 ${results.length} 人日。异常：${list('zh-CN')}。未处理告警：${Number(open.n)} 条。`,
      },
      link: '/alerts',
      dedupeKey: `digest:${yesterday}`,
      email: true,
    });
    sent += 1;
  }
  return { managers: sent };
}

export { managersOf };
