// The employee's own page (/me): where I stand today, my face data and consent, my pending requests, unread
// announcements, and my punches of a month.
import { addDays } from '../../core/time/date.js';
import { localDateOf, startOfLocalDay } from '../../core/time/zone.js';
import type { Actor } from '../actor.js';
import { unreadCount } from '../announcements/announcements.service.js';
import { monthDates } from '../attendance/results.service.js';
import { readSettings } from '../attendance/settings.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { activeConsent } from '../face/consent.service.js';
import { statesOf } from './dashboard.service.js';

export async function myOverview(ctx: ServiceContext, actor: Actor | null) {
  authorize(actor, 'self.read');
  const db = ctx.db.kysely;
  const announcements = { unread: await unreadCount(ctx, actor) };
  const feedback = await db
    .selectFrom('feedback')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', actor.userId ?? -1)
    .where('status', '=', 'answered')
    .executeTakeFirstOrThrow();
  const base = { announcements, feedback: { answered: Number(feedback.n) } };
  if (actor.employeeId === null) return { ...base, employee: null, today: null, face: null, requests: null };
  const employee = await db
    .selectFrom('employees')
    .leftJoin('departments', 'departments.id', 'employees.department_id')
    .select([
      'employees.id',
      'employees.employee_no',
      'employees.name',
      'employees.department_id',
      'departments.name as department_name',
    ])
    .where('employees.id', '=', actor.employeeId)
    .executeTakeFirst();
  if (!employee) return { ...base, employee: null, today: null, face: null, requests: null };
  const { companyZone } = await readSettings(db);
  const today = localDateOf(ctx.now().getTime(), companyZone);
  const [standing] = await statesOf(ctx, [employee], today);
  const templates = await db
    .selectFrom('face_templates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('employee_id', '=', employee.id)
    .executeTakeFirstOrThrow();
  const consent = await activeConsent(db, employee.id);
  const pending = await db
    .selectFrom('attendance_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('employee_id', '=', employee.id)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const day = standing.day;
  return {
    ...base,
    employee: {
      id: employee.id,
      employeeNo: employee.employee_no,
      name: employee.name,
      department: employee.department_name ?? null,
    },
    today: {
      date: today,
      state: standing.state,
      statuses: day?.statuses ?? [],
      scheduled: day?.scheduled ? `${day.scheduled.startTime}–${day.scheduled.endTime}` : null,
      punches: day?.pairs.flatMap((p) => [p.in?.time, p.out?.time].filter((t): t is string => !!t)) ?? [],
    },
    face: {
      enrolled: Number(templates.n) > 0,
      templates: Number(templates.n),
      consent: consent ? { acceptedAt: consent.acceptedAt, noticeVersion: consent.noticeVersion } : null,
    },
    requests: { pending: Number(pending.n) },
  };
}

/** My punches in a month (company time zone), oldest first. */
export async function myPunches(ctx: ServiceContext, actor: Actor | null, month: string) {
  authorize(actor, 'self.read');
  if (actor.employeeId === null) return { month, items: [] };
  const db = ctx.db.kysely;
  const dates = monthDates(month);
  const { companyZone } = await readSettings(db);
  const start = new Date(startOfLocalDay(dates[0], companyZone)).toISOString();
  const end = new Date(startOfLocalDay(addDays(dates[dates.length - 1], 1), companyZone)).toISOString();
  const rows = await db
    .selectFrom('punches')
    .leftJoin('devices', 'devices.id', 'punches.device_id')
    .leftJoin('sites', 'sites.id', 'punches.site_id')
    .select([
      'punches.id',
      'punches.at',
      'punches.method',
      'punches.direction',
      'punches.note',
      'devices.name as device',
      'sites.name as site',
    ])
    .where('punches.employee_id', '=', actor.employeeId)
    .where('punches.at', '>=', start)
    .where('punches.at', '<', end)
    .orderBy('punches.at')
    .limit(1000)
    .execute();
  return {
    month,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      method: r.method,
      direction: r.direction,
      note: r.note,
      device: r.device ?? null,
      site: r.site ?? null,
    })),
  };
}
