// Records (记录): the punch log with filters and paging, a punch's sealed evidence crop for the roles allowed to
// see it (each view audited), and one employee's month as a calendar with each day's status and explanation.
import { sql } from 'kysely';
import { evaluateRange } from '../../core/attendance/range.js';
import { type Locale, renderReason } from '../../core/attendance/reasons.js';
import type { DayResult } from '../../core/attendance/result.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { addDays, isValidDate } from '../../core/time/date.js';
import { localDateOf, startOfLocalDay } from '../../core/time/zone.js';
import type { Actor } from '../actor.js';
import { assertCanRead, loadEmployee } from '../attendance/access.js';
import { loadApprovedRequests, loadPunches } from '../attendance/inputs.js';
import { loadModel } from '../attendance/model.js';
import { monthDates } from '../attendance/results.service.js';
import { readSettings } from '../attendance/settings.js';
import { audit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { open } from '../crypto/seal.js';
import { ensureFaceRuntime } from '../face/runtime.js';
import { departmentWithChildren, employeeScopeCondition } from './scope.js';

export const PUNCH_METHODS = ['face', 'pin', 'qr', 'manual', 'import'] as const;
export type PunchMethod = (typeof PUNCH_METHODS)[number];

export interface PunchLogQuery {
  employeeId?: number;
  departmentId?: number;
  siteId?: number;
  deviceId?: number;
  method?: PunchMethod;
  /** Local dates in the company zone, both included. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface PunchLogItem {
  id: number;
  at: string;
  method: string;
  direction: 'in' | 'out' | null;
  flags: string[];
  note: string | null;
  employee: { id: number; employeeNo: string; name: string };
  department: { id: number; name: string } | null;
  site: { id: number; name: string } | null;
  device: { id: number; name: string } | null;
  hasEvidence: boolean;
}

/** The punch log in the reader's scope, newest first. */
export async function punchLog(ctx: ServiceContext, actor: Actor | null, query: PunchLogQuery) {
  authorize(actor, 'punches.read');
  const db = ctx.db.kysely;
  for (const d of [query.from, query.to])
    if (d !== undefined && !isValidDate(d)) throw invalid('dates must be YYYY-MM-DD');
  const { companyZone } = await readSettings(db);
  let q = db
    .selectFrom('punches')
    .innerJoin('employees', 'employees.id', 'punches.employee_id')
    .leftJoin('departments', 'departments.id', 'employees.department_id')
    .leftJoin('sites', 'sites.id', 'punches.site_id')
    .leftJoin('devices', 'devices.id', 'punches.device_id')
    .where(employeeScopeCondition(actor));
  if (query.departmentId !== undefined)
    q = q.where('employees.department_id', 'in', await departmentWithChildren(db, actor, query.departmentId));
  if (query.employeeId !== undefined) q = q.where('punches.employee_id', '=', query.employeeId);
  if (query.siteId !== undefined) q = q.where('punches.site_id', '=', query.siteId);
  if (query.deviceId !== undefined) q = q.where('punches.device_id', '=', query.deviceId);
  if (query.method !== undefined) q = q.where('punches.method', '=', query.method);
  if (query.from !== undefined)
    q = q.where('punches.at', '>=', new Date(startOfLocalDay(query.from, companyZone)).toISOString());
  if (query.to !== undefined)
    q = q.where(
      'punches.at',
      '<',
      new Date(startOfLocalDay(addDays(query.to, 1), companyZone)).toISOString(),
    );
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'punches.id',
      'punches.at',
      'punches.method',
      'punches.direction',
      'punches.flags',
      'punches.note',
      'employees.id as employee_id',
      'employees.employee_no',
      'employees.name as employee_name',
      'departments.id as department_id',
      'departments.name as department_name',
      'sites.id as site_id',
      'sites.name as site_name',
      'devices.id as device_id',
      'devices.name as device_name',
      sql<number>`case when punches.evidence is null then 0 else 1 end`.as('has_evidence'),
    ])
    .orderBy('punches.at', 'desc')
    .orderBy('punches.id', 'desc')
    .limit(Math.min(query.limit ?? 50, 500))
    .offset(query.offset ?? 0)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map(
      (r): PunchLogItem => ({
        id: r.id,
        at: r.at,
        method: r.method,
        direction: r.direction,
        flags: JSON.parse(r.flags) as string[],
        note: r.note,
        employee: { id: r.employee_id, employeeNo: r.employee_no, name: r.employee_name },
        department: r.department_id === null ? null : { id: r.department_id, name: r.department_name ?? '' },
        site: r.site_id === null ? null : { id: r.site_id, name: r.site_name ?? '' },
        device: r.device_id === null ? null : { id: r.device_id, name: r.device_name ?? '' },
        hasEvidence: Number(r.has_evidence) === 1,
      }),
    ),
  };
}

/** A punch's evidence crop (JPEG), opened from its sealed form; the view is audited before it is returned. */
export async function punchEvidence(ctx: ServiceContext, actor: Actor | null, punchId: number) {
  authorize(actor, 'punches.evidence');
  const db = ctx.db.kysely;
  const row = await db
    .selectFrom('punches')
    .innerJoin('employees', 'employees.id', 'punches.employee_id')
    .select(['punches.id', 'punches.evidence', 'employees.id as employee_id', 'employees.department_id'])
    .where('punches.id', '=', punchId)
    .executeTakeFirst();
  if (!row) throw notFound('punch', punchId);
  authorize(actor, 'punches.evidence', {
    employee: { id: row.employee_id, departmentId: row.department_id },
  });
  if (!row.evidence) throw notFound('evidence', punchId);
  let image: Buffer;
  try {
    image = open(ensureFaceRuntime(ctx).keyring, row.evidence, `punch_evidence:${row.id}`);
  } catch {
    throw new AppError('conflict', 409, {
      reason: 'the evidence crop cannot be opened with the current keys',
    });
  }
  await audit(ctx, actor, {
    action: 'punch.evidence_viewed',
    targetType: 'punch',
    targetId: row.id,
    details: { employeeId: row.employee_id },
  });
  return image;
}

export interface CalendarDay {
  date: string;
  /** false for days after today, which are not evaluated yet. */
  evaluated: boolean;
  dayType: string | null;
  holidayName: string | null;
  shift: string | null;
  scheduled: string | null;
  statuses: string[];
  punches: string[];
  workedMinutes: number;
  lateMinutes: number;
  earlyLeaveMinutes: number;
  absent: 'none' | 'half' | 'full';
  leaveMinutes: number;
  overtimeMinutes: number;
  reasons: { code: string; text: string }[];
}

function toCalendarDay(r: DayResult, locale: Locale): CalendarDay {
  return {
    date: r.date,
    evaluated: true,
    dayType: r.dayType,
    holidayName: r.holidayName,
    shift: r.shiftId,
    scheduled: r.scheduled ? `${r.scheduled.startTime}–${r.scheduled.endTime}` : null,
    statuses: r.statuses,
    punches: r.pairs.flatMap((p) => [p.in?.time, p.out?.time].filter((t): t is string => !!t)),
    workedMinutes: r.workedMinutes,
    lateMinutes: r.lateMinutes,
    earlyLeaveMinutes: r.earlyLeaveMinutes,
    absent: r.absent,
    leaveMinutes: r.leave.reduce((sum, l) => sum + l.minutes, 0),
    overtimeMinutes: r.overtime.reduce((sum, o) => sum + o.minutes, 0),
    reasons: r.reasons.map((reason) => ({ code: reason.code, text: renderReason(reason, locale) })),
  };
}

/**
 * One employee's month: stored day results, and today or days nothing has stored yet evaluated now (not
 * saved). A manager sees their departments, an employee themself.
 */
export async function employeeCalendar(
  ctx: ServiceContext,
  actor: Actor | null,
  query: { employeeId?: number; month: string },
  locale: Locale,
) {
  authorize(actor, 'self.read');
  const employeeId = query.employeeId ?? actor.employeeId;
  if (employeeId === null || employeeId === undefined)
    throw invalid('this account is not linked to an employee');
  const employee = await loadEmployee(ctx.db.kysely, employeeId);
  assertCanRead(actor, employee);
  const db = ctx.db.kysely;
  const dates = monthDates(query.month);
  const { companyZone } = await readSettings(db);
  const today = localDateOf(ctx.now().getTime(), companyZone);
  const stored = await db
    .selectFrom('day_results')
    .select(['date', 'result'])
    .where('employee_id', '=', employee.id)
    .where('date', '>=', dates[0])
    .where('date', '<=', dates[dates.length - 1])
    .execute();
  const byDate = new Map(stored.map((r) => [r.date, JSON.parse(r.result) as DayResult]));
  const missing = dates.filter((d) => d <= today && (!byDate.has(d) || d === today));
  if (missing.length > 0) {
    const from = missing[0];
    const to = missing[missing.length - 1];
    const model = await loadModel(db);
    const [punches, requests] = await Promise.all([
      loadPunches(db, [employee.id], from, to),
      loadApprovedRequests(db, [employee.id], from, to),
    ]);
    const evaluated = evaluateRange({
      context: model.context,
      employeeId: String(employee.id),
      from,
      to,
      punches: punches.get(employee.id) ?? [],
      requests: requests.get(employee.id) ?? [],
      leaveTypes: model.leaveTypes,
    });
    const wanted = new Set(missing);
    for (const r of evaluated) if (wanted.has(r.date)) byDate.set(r.date, r);
  }
  const days: CalendarDay[] = dates.map((date) => {
    const r = byDate.get(date);
    if (r && date <= today) return toCalendarDay(r, locale);
    return {
      date,
      evaluated: false,
      dayType: null,
      holidayName: null,
      shift: null,
      scheduled: null,
      statuses: [],
      punches: [],
      workedMinutes: 0,
      lateMinutes: 0,
      earlyLeaveMinutes: 0,
      absent: 'none',
      leaveMinutes: 0,
      overtimeMinutes: 0,
      reasons: [],
    };
  });
  const count = (status: string) => days.filter((d) => d.statuses.includes(status)).length;
  await audit(ctx, actor, {
    action: 'records.calendar',
    targetType: 'employee',
    targetId: employee.id,
    details: { month: query.month },
  });
  return {
    employee: {
      id: employee.id,
      employeeNo: employee.employee_no,
      name: employee.name,
      departmentId: employee.department_id,
    },
    month: query.month,
    today,
    days,
    summary: {
      late: count('late'),
      earlyLeave: count('earlyLeave'),
      missing: count('missingIn') + count('missingOut'),
      absent: count('absentHalfDay') + count('absentFullDay'),
      leave: count('leave'),
      lateMinutes: days.reduce((s, d) => s + d.lateMinutes, 0),
      overtimeMinutes: days.reduce((s, d) => s + d.overtimeMinutes, 0),
    },
  };
}
