// The alert centre: list with filters, one alert with its evidence and history, status changes with notes, and
// the evidence crop of an alerted punch or attempt (for allowed roles, every view audited). Managers see the
// alerts of the employees in their departments; device alerts without an employee are for the company-wide roles.
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { hasPermission } from '../../core/access/roles.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { AlertsTable, Database } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { scopeOf } from '../actor.js';
import { audit, writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { open } from '../crypto/seal.js';
import { ensureFaceRuntime } from '../face/runtime.js';

export type AlertStatus = AlertsTable['status'];
export type AlertSeverity = AlertsTable['severity'];

export interface AlertQuery {
  status?: AlertStatus[];
  severity?: AlertSeverity[];
  kind?: string[];
  employeeId?: number;
  deviceId?: number;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface AlertDto {
  id: number;
  kind: string;
  severity: AlertSeverity;
  status: AlertStatus;
  employee: { id: number; employeeNo: string; name: string; departmentId: number | null } | null;
  device: { id: number; name: string } | null;
  site: { id: number; name: string } | null;
  details: Record<string, unknown>;
  occurredAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface AlertEvidencePunch {
  id: number;
  at: string;
  method: string;
  direction: string | null;
  employee: { id: number; employeeNo: string; name: string };
  site: string | null;
  device: string | null;
  matchScore: number | null;
  matchMargin: number | null;
  clockSkewMs: number | null;
  flags: string[];
  hasEvidence: boolean;
}

export interface AlertEvidenceAttempt {
  id: number;
  at: string;
  outcome: string;
  reason: string | null;
  method: string | null;
  device: string | null;
  scores: Record<string, unknown>;
  hasEvidence: boolean;
}

export interface AlertDetailDto extends AlertDto {
  scores: Record<string, number>;
  punches: AlertEvidencePunch[];
  attempts: AlertEvidenceAttempt[];
  history: { at: string; actorName: string; action: string; status: string | null; note: string | null }[];
  canViewEvidence: boolean;
}

type Q = SelectQueryBuilder<Database, 'alerts' | 'employees' | 'devices' | 'sites', object>;

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('alerts')
    .leftJoin('employees', 'employees.id', 'alerts.employee_id')
    .leftJoin('devices', 'devices.id', 'alerts.device_id')
    .leftJoin('sites', 'sites.id', 'alerts.site_id');
}

/** Restricts a query to the alerts this actor may see. */
export function scoped<T extends Q>(q: T, actor: Actor): T {
  const scope = scopeOf(actor);
  if (scope.kind === 'all') return q;
  if (scope.kind === 'self') return q.where('alerts.employee_id', '=', scope.employeeId ?? -1) as T;
  const departments = [...scope.departmentIds];
  return q.where((eb) =>
    eb.or([
      ...(departments.length > 0 ? [eb('employees.department_id', 'in', departments)] : []),
      eb('alerts.employee_id', '=', scope.selfEmployeeId ?? -1),
    ]),
  ) as T;
}

function filtered<T extends Q>(q: T, query: AlertQuery): T {
  let out = q;
  if (query.status?.length) out = out.where('alerts.status', 'in', query.status) as T;
  if (query.severity?.length) out = out.where('alerts.severity', 'in', query.severity) as T;
  if (query.kind?.length) out = out.where('alerts.kind', 'in', query.kind) as T;
  if (query.employeeId) out = out.where('alerts.employee_id', '=', query.employeeId) as T;
  if (query.deviceId) out = out.where('alerts.device_id', '=', query.deviceId) as T;
  if (query.from) out = out.where('alerts.occurred_at', '>=', query.from) as T;
  if (query.to) out = out.where('alerts.occurred_at', '<', query.to) as T;
  return out;
}

const COLUMNS = [
  'alerts.id',
  'alerts.kind',
  'alerts.severity',
  'alerts.status',
  'alerts.employee_id',
  'alerts.device_id',
  'alerts.site_id',
  'alerts.details',
  'alerts.evidence',
  'alerts.occurred_at',
  'alerts.created_at',
  'alerts.updated_at',
  'employees.employee_no',
  'employees.name as employee_name',
  'employees.department_id',
  'devices.name as device_name',
  'sites.name as site_name',
] as const;

type Row = {
  id: number;
  kind: string;
  severity: AlertSeverity;
  status: AlertStatus;
  employee_id: number | null;
  device_id: number | null;
  site_id: number | null;
  details: string;
  evidence: string;
  occurred_at: string;
  created_at: string;
  updated_at: string;
  employee_no: string | null;
  employee_name: string | null;
  department_id: number | null;
  device_name: string | null;
  site_name: string | null;
};

function toDto(r: Row): AlertDto {
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    status: r.status,
    employee:
      r.employee_id === null
        ? null
        : {
            id: r.employee_id,
            employeeNo: r.employee_no ?? '',
            name: r.employee_name ?? '',
            departmentId: r.department_id,
          },
    device: r.device_id === null ? null : { id: r.device_id, name: r.device_name ?? '' },
    site: r.site_id === null ? null : { id: r.site_id, name: r.site_name ?? '' },
    details: JSON.parse(r.details) as Record<string, unknown>,
    occurredAt: r.occurred_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listAlerts(
  ctx: ServiceContext,
  actor: Actor | null,
  query: AlertQuery,
): Promise<{ total: number; items: AlertDto[]; counts: Record<AlertStatus, number> }> {
  authorize(actor, 'alerts.read');
  const q = filtered(scoped(baseQuery(ctx.db.kysely), actor), query);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(COLUMNS)
    .orderBy('alerts.occurred_at', 'desc')
    .orderBy('alerts.id', 'desc')
    .limit(Math.min(query.limit ?? 50, 500))
    .offset(query.offset ?? 0)
    .execute();
  const byStatus = await filtered(scoped(baseQuery(ctx.db.kysely), actor), { ...query, status: undefined })
    .select(['alerts.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('alerts.status')
    .execute();
  const counts: Record<AlertStatus, number> = { open: 0, acknowledged: 0, resolved: 0, false_positive: 0 };
  for (const r of byStatus) counts[r.status] = Number(r.n);
  return { total: Number(total.n), items: rows.map((r) => toDto(r as Row)), counts };
}

async function loadAlert(ctx: ServiceContext, actor: Actor, id: number): Promise<Row> {
  const row = await scoped(baseQuery(ctx.db.kysely), actor)
    .select(COLUMNS)
    .where('alerts.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('alert', id);
  return row as Row;
}

export async function getAlert(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
): Promise<AlertDetailDto> {
  authorize(actor, 'alerts.read');
  const row = await loadAlert(ctx, actor, id);
  const db = ctx.db.kysely;
  const evidence = JSON.parse(row.evidence) as {
    punchIds?: number[];
    attemptIds?: number[];
    scores?: Record<string, number>;
  };
  const punchIds = evidence.punchIds ?? [];
  const attemptIds = evidence.attemptIds ?? [];
  const [punches, attempts, history] = await Promise.all([
    punchIds.length === 0
      ? []
      : db
          .selectFrom('punches')
          .innerJoin('employees', 'employees.id', 'punches.employee_id')
          .leftJoin('sites', 'sites.id', 'punches.site_id')
          .leftJoin('devices', 'devices.id', 'punches.device_id')
          .select([
            'punches.id',
            'punches.at',
            'punches.method',
            'punches.direction',
            'punches.match_score',
            'punches.match_margin',
            'punches.clock_skew_ms',
            'punches.flags',
            'punches.evidence_expires_at',
            'employees.id as employee_id',
            'employees.employee_no',
            'employees.name',
            'sites.name as site_name',
            'devices.name as device_name',
          ])
          .select((eb) =>
            eb.case().when('punches.evidence', 'is not', null).then(1).else(0).end().as('has_evidence'),
          )
          .where('punches.id', 'in', punchIds)
          .orderBy('punches.at')
          .execute(),
    attemptIds.length === 0
      ? []
      : db
          .selectFrom('punch_attempts')
          .leftJoin('devices', 'devices.id', 'punch_attempts.device_id')
          .select([
            'punch_attempts.id',
            'punch_attempts.at',
            'punch_attempts.outcome',
            'punch_attempts.reason',
            'punch_attempts.method',
            'punch_attempts.scores',
            'devices.name as device_name',
          ])
          .select((eb) =>
            eb
              .case()
              .when('punch_attempts.evidence', 'is not', null)
              .then(1)
              .else(0)
              .end()
              .as('has_evidence'),
          )
          .where('punch_attempts.id', 'in', attemptIds)
          .orderBy('punch_attempts.at')
          .execute(),
    db.selectFrom('alert_events').selectAll().where('alert_id', '=', id).orderBy('id').execute(),
  ]);
  return {
    ...toDto(row),
    scores: evidence.scores ?? {},
    punches: punches.map((p) => ({
      id: p.id,
      at: p.at,
      method: p.method,
      direction: p.direction,
      employee: { id: p.employee_id, employeeNo: p.employee_no, name: p.name },
      site: p.site_name,
      device: p.device_name,
      matchScore: p.match_score,
      matchMargin: p.match_margin,
      clockSkewMs: p.clock_skew_ms,
      flags: JSON.parse(p.flags) as string[],
      hasEvidence: Number(p.has_evidence) === 1,
    })),
    attempts: attempts.map((a) => ({
      id: a.id,
      at: a.at,
      outcome: a.outcome,
      reason: a.reason,
      method: a.method,
      device: a.device_name,
      scores: pickScores(a.scores),
      hasEvidence: Number(a.has_evidence) === 1,
    })),
    history: history.map((h) => ({
      at: h.at,
      actorName: h.actor_name,
      action: h.action,
      status: h.status,
      note: h.note,
    })),
    canViewEvidence: hasPermission(actor.roles, 'alerts.evidence'),
  };
}

/** Only the numeric scores of an attempt (never templates or other stored data). */
function pickScores(raw: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'number'));
  } catch {
    return {};
  }
}

const TRANSITIONS: Record<AlertStatus, AlertStatus[]> = {
  open: ['acknowledged', 'resolved', 'false_positive'],
  acknowledged: ['open', 'resolved', 'false_positive'],
  resolved: ['open'],
  false_positive: ['open'],
};

/** Moves an alert to another status, with an optional note; both go into its history and the audit log. */
export async function setAlertStatus(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  status: AlertStatus,
  note?: string,
): Promise<AlertDetailDto> {
  authorize(actor, 'alerts.manage');
  const row = await loadAlert(ctx, actor, id);
  if (row.status === status) throw invalid(`the alert is already ${status}`);
  if (!TRANSITIONS[row.status].includes(status))
    throw invalid(`an alert that is ${row.status} cannot become ${status}`);
  if (status === 'false_positive' && !note?.trim()) throw invalid('say why the alert is a false positive');
  const at = nowIso(ctx);
  await writeWithAudit(ctx, actor, async (trx) => {
    await trx.updateTable('alerts').set({ status, updated_at: at }).where('id', '=', id).execute();
    await trx
      .insertInto('alert_events')
      .values({
        alert_id: id,
        at,
        actor_user_id: actor.userId,
        actor_name: actor.username,
        action: 'status',
        status,
        note: note?.trim() || null,
      })
      .execute();
    // A device alert resolved here is resolved at the device too.
    const deviceAlertId = (JSON.parse(row.details) as { deviceAlertId?: number }).deviceAlertId;
    if (deviceAlertId && (status === 'resolved' || status === 'false_positive')) {
      await trx
        .updateTable('device_alerts')
        .set({ resolved_at: at })
        .where('id', '=', deviceAlertId)
        .where('resolved_at', 'is', null)
        .execute();
    }
    return {
      result: null,
      audit: {
        action: 'alerts.status_changed',
        targetType: 'alert',
        targetId: id,
        details: { from: row.status, to: status, note: note?.trim() || null },
      },
    };
  });
  return getAlert(ctx, actor, id);
}

export async function addAlertNote(ctx: ServiceContext, actor: Actor | null, id: number, note: string) {
  authorize(actor, 'alerts.manage');
  await loadAlert(ctx, actor, id);
  if (!note.trim()) throw invalid('the note is empty');
  const at = nowIso(ctx);
  await writeWithAudit(ctx, actor, async (trx) => {
    await trx
      .insertInto('alert_events')
      .values({
        alert_id: id,
        at,
        actor_user_id: actor.userId,
        actor_name: actor.username,
        action: 'note',
        status: null,
        note: note.trim(),
      })
      .execute();
    await trx.updateTable('alerts').set({ updated_at: at }).where('id', '=', id).execute();
    return { result: null, audit: { action: 'alerts.noted', targetType: 'alert', targetId: id } };
  });
  return getAlert(ctx, actor, id);
}

/**
 * The evidence crop (JPEG) of a punch or refused attempt that belongs to this alert's evidence. Needs
 * 'alerts.evidence'; the view is audited before the image is returned.
 */
export async function alertEvidenceImage(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  item: { punchId?: number; attemptId?: number },
): Promise<Buffer> {
  authorize(actor, 'alerts.evidence');
  const row = await loadAlert(ctx, actor, id);
  const evidence = JSON.parse(row.evidence) as { punchIds?: number[]; attemptIds?: number[] };
  const db = ctx.db.kysely;
  let sealed: Buffer | null | undefined;
  let purpose: string;
  if (item.punchId !== undefined) {
    if (!evidence.punchIds?.includes(item.punchId)) throw notFound('evidence', item.punchId);
    sealed = (
      await db.selectFrom('punches').select('evidence').where('id', '=', item.punchId).executeTakeFirst()
    )?.evidence;
    purpose = `punch_evidence:${item.punchId}`;
  } else if (item.attemptId !== undefined) {
    if (!evidence.attemptIds?.includes(item.attemptId)) throw notFound('evidence', item.attemptId);
    sealed = (
      await db
        .selectFrom('punch_attempts')
        .select('evidence')
        .where('id', '=', item.attemptId)
        .executeTakeFirst()
    )?.evidence;
    purpose = `attempt_evidence:${item.attemptId}`;
  } else {
    throw invalid('name a punch or an attempt');
  }
  if (!sealed) throw notFound('evidence', item.punchId ?? item.attemptId ?? 0);
  let image: Buffer;
  try {
    image = open(ensureFaceRuntime(ctx).keyring, sealed, purpose);
  } catch {
    throw new AppError('conflict', 409, {
      reason: 'the evidence crop cannot be opened with the current keys',
    });
  }
  await audit(ctx, actor, {
    action: 'alerts.evidence_viewed',
    targetType: 'alert',
    targetId: id,
    details: item,
  });
  return image;
}
