// The engine's per-employee inputs read from the database: punches and approved requests in a date range.
import type { Kysely } from 'kysely';
import type { Punch } from '../../core/attendance/punches.js';
import type { DayRequest } from '../../core/attendance/requests.js';
import { addDays } from '../../core/time/date.js';
import type { AttendanceRequestRow, Database } from '../../db/schema.js';

/** Punches are read two days either side of the dates (zones and overnight shifts). */
export const PUNCH_MARGIN_DAYS = 2;

export function punchWindow(from: string, to: string): { start: string; end: string } {
  return {
    start: `${addDays(from, -PUNCH_MARGIN_DAYS)}T00:00:00.000Z`,
    end: `${addDays(to, PUNCH_MARGIN_DAYS + 1)}T00:00:00.000Z`,
  };
}

export async function loadPunches(
  db: Kysely<Database>,
  employeeIds: readonly number[],
  from: string,
  to: string,
): Promise<Map<number, Punch[]>> {
  const out = new Map<number, Punch[]>();
  if (employeeIds.length === 0) return out;
  const w = punchWindow(from, to);
  const rows = await db
    .selectFrom('punches')
    .select(['id', 'employee_id', 'at', 'method'])
    .where('employee_id', 'in', [...employeeIds])
    .where('at', '>=', w.start)
    .where('at', '<', w.end)
    .execute();
  for (const r of rows) {
    let list = out.get(r.employee_id);
    if (!list) {
      list = [];
      out.set(r.employee_id, list);
    }
    list.push({ at: r.at, id: String(r.id), source: r.method });
  }
  return out;
}

/** The engine's request from a stored one; `approved` forces the status (a preview of approval). */
export function toDayRequest(r: AttendanceRequestRow, approved = false): DayRequest {
  const base = {
    id: String(r.id),
    employeeId: String(r.employee_id),
    status: approved ? ('approved' as const) : r.status,
  };
  switch (r.kind) {
    case 'punchCorrection':
      return { ...base, kind: 'punchCorrection', at: r.at! };
    case 'overtime':
      return {
        ...base,
        kind: 'overtime',
        start: r.start_at!,
        end: r.end_at!,
        ...(r.compensation ? { compensation: r.compensation } : {}),
      };
    default: {
      const span = r.start_at
        ? { start: r.start_at, end: r.end_at! }
        : {
            startDate: r.start_date,
            endDate: r.end_date,
            ...(r.start_half ? { startHalf: r.start_half } : {}),
            ...(r.end_half ? { endHalf: r.end_half } : {}),
          };
      if (r.kind === 'leave') return { ...base, kind: 'leave', leaveType: r.leave_type!, ...span };
      if (r.kind === 'businessTrip') return { ...base, kind: 'businessTrip', ...span };
      return { ...base, kind: 'fieldWork', ...span };
    }
  }
}

export async function loadApprovedRequests(
  db: Kysely<Database>,
  employeeIds: readonly number[],
  from: string,
  to: string,
): Promise<Map<number, DayRequest[]>> {
  const out = new Map<number, DayRequest[]>();
  if (employeeIds.length === 0) return out;
  const rows = await db
    .selectFrom('attendance_requests')
    .selectAll()
    .where('employee_id', 'in', [...employeeIds])
    .where('status', '=', 'approved')
    .where('start_date', '<=', addDays(to, 1))
    .where('end_date', '>=', addDays(from, -1))
    .execute();
  for (const r of rows) {
    const list = out.get(r.employee_id) ?? [];
    list.push(toDayRequest(r));
    out.set(r.employee_id, list);
  }
  return out;
}
