// Punches for the console: the latest punches and refused attempts, and the live stream, each limited to the
// employees the reader may see (a manager: their departments).
import { scopeIncludes } from '../../core/access/employee-scope.js';
import { type Actor, scopeOf } from '../actor.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../context.js';
import { type PunchEvent, subscribePunchEvents } from './punch-events.js';

export interface PunchQuery {
  from?: string;
  to?: string;
  deviceId?: number;
  employeeId?: number;
  limit?: number;
}

export interface PunchDto {
  id: number;
  at: string;
  method: string;
  direction: 'in' | 'out' | null;
  flags: string[];
  matchScore: number | null;
  clockSkewMs: number | null;
  employee: { id: number; employeeNo: string; name: string };
  device: { id: number; name: string } | null;
  hasEvidence: boolean;
}

export async function listPunches(ctx: ServiceContext, actor: Actor | null, query: PunchQuery) {
  authorize(actor, 'punches.read');
  let q = ctx.db.kysely
    .selectFrom('punches')
    .innerJoin('employees', 'employees.id', 'punches.employee_id')
    .leftJoin('devices', 'devices.id', 'punches.device_id')
    .select([
      'punches.id',
      'punches.at',
      'punches.method',
      'punches.direction',
      'punches.flags',
      'punches.match_score',
      'punches.clock_skew_ms',
      'punches.evidence_expires_at',
      'employees.id as employee_id',
      'employees.employee_no',
      'employees.name as employee_name',
      'employees.department_id',
      'devices.id as device_id',
      'devices.name as device_name',
    ]);
  const scope = scopeOf(actor);
  if (scope.kind === 'departments') {
    const ids = [...scope.departmentIds];
    q = q.where((eb) =>
      eb.or([
        eb('employees.id', '=', scope.selfEmployeeId ?? -1),
        ...(ids.length ? [eb('employees.department_id', 'in', ids)] : []),
      ]),
    );
  } else if (scope.kind === 'self') q = q.where('employees.id', '=', scope.employeeId ?? -1);
  if (query.from) q = q.where('punches.at', '>=', query.from);
  if (query.to) q = q.where('punches.at', '<', query.to);
  if (query.deviceId) q = q.where('punches.device_id', '=', query.deviceId);
  if (query.employeeId) q = q.where('punches.employee_id', '=', query.employeeId);
  const rows = await q
    .orderBy('punches.at', 'desc')
    .orderBy('punches.id', 'desc')
    .limit(Math.min(query.limit ?? 50, 500))
    .execute();
  return rows.map(
    (r): PunchDto => ({
      id: r.id,
      at: r.at,
      method: r.method,
      direction: r.direction,
      flags: JSON.parse(r.flags) as string[],
      matchScore: r.match_score === null ? null : Math.round(r.match_score * 10000) / 10000,
      clockSkewMs: r.clock_skew_ms,
      employee: { id: r.employee_id, employeeNo: r.employee_no, name: r.employee_name },
      device: r.device_id === null ? null : { id: r.device_id, name: r.device_name ?? '' },
      hasEvidence: r.evidence_expires_at !== null,
    }),
  );
}

/**
 * Follows punches as they are recorded. Refused attempts name nobody, so readers with access to every employee
 * see them; a manager sees punches of their departments only.
 */
export function followPunches(ctx: ServiceContext, actor: Actor | null, send: (event: PunchEvent) => void) {
  authorize(actor, 'punches.read');
  const scope = scopeOf(actor);
  return subscribePunchEvents(ctx.db, (event) => {
    if (event.employee === null) {
      if (scope.kind === 'all') send(event);
      return;
    }
    if (scopeIncludes(scope, event.employee)) send(event);
  });
}
