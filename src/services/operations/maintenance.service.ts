// Maintenance mode and the maintenance log (维护记录, policy §7.10). HR or an admin switches the maintenance mode
// on with a message and a planned end: the console shows a banner and the kiosks a notice (kiosks keep punching,
// and queue punches on the device whenever the server does not answer). Switching it off closes its log entry,
// with what happened and what was done. Incidents and drills are logged the same way, and the log exports as
// CSV or XLSX.
import type { Kysely, Selectable } from 'kysely';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { Database, MaintenanceLogTable } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { audit, writeWithAudit } from '../audit.service.js';
import { authorize } from '../authorize.js';
import { nowIso, type ServiceContext } from '../context.js';
import { type TableFormat, writeTable } from '../tabular-files.js';

export type MaintenanceKind = MaintenanceLogTable['kind'];
export const MAINTENANCE_KINDS: readonly MaintenanceKind[] = ['maintenance', 'incident', 'drill'];

export interface MaintenanceEntryDto {
  id: number;
  kind: MaintenanceKind;
  title: string;
  message: string | null;
  /** The entry of a maintenance-mode period (banner and kiosk notice while open). */
  mode: boolean;
  startedAt: string;
  plannedEnd: string | null;
  endedAt: string | null;
  whatHappened: string;
  actions: string;
  createdByName: string;
  updatedAt: string;
}

export interface MaintenanceNotice {
  id: number;
  title: string;
  message: string | null;
  startedAt: string;
  plannedEnd: string | null;
}

type Row = Selectable<MaintenanceLogTable>;

const toDto = (r: Row): MaintenanceEntryDto => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  message: r.message,
  mode: r.mode === 1,
  startedAt: r.started_at,
  plannedEnd: r.planned_end,
  endedAt: r.ended_at,
  whatHappened: r.what_happened,
  actions: r.actions,
  createdByName: r.created_by_name,
  updatedAt: r.updated_at,
});

function instant(value: string | null | undefined, name: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw invalid(`${name} is not a date and time`);
  return new Date(t).toISOString();
}

const text = (value: string | undefined, name: string, max: number, required = false): string => {
  const v = (value ?? '').trim();
  if (required && !v) throw invalid(`${name} must not be empty`);
  if (v.length > max) throw invalid(`${name}: at most ${max} characters`);
  return v;
};

async function openMode(db: Kysely<Database>): Promise<Row | undefined> {
  return db
    .selectFrom('maintenance_log')
    .selectAll()
    .where('mode', '=', 1)
    .where('ended_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The maintenance notice in force, for the console banner and the kiosks (no session needed). */
export async function maintenanceNotice(ctx: ServiceContext): Promise<MaintenanceNotice | null> {
  const row = await openMode(ctx.db.kysely);
  return row
    ? {
        id: row.id,
        title: row.title,
        message: row.message,
        startedAt: row.started_at,
        plannedEnd: row.planned_end,
      }
    : null;
}

export async function startMaintenance(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { title: string; message?: string; plannedEnd?: string | null },
): Promise<MaintenanceEntryDto> {
  authorize(actor, 'operations.manage');
  const title = text(input.title, 'title', 200, true);
  const message = text(input.message, 'message', 2000) || null;
  const plannedEnd = instant(input.plannedEnd, 'plannedEnd');
  const now = nowIso(ctx);
  if (plannedEnd && plannedEnd <= now) throw invalid('plannedEnd must be in the future');
  return writeWithAudit(ctx, actor, async (trx) => {
    const open = await openMode(trx);
    if (open) throw new AppError('maintenance_active', 409, { id: open.id });
    const row = await trx
      .insertInto('maintenance_log')
      .values({
        kind: 'maintenance',
        title,
        message,
        mode: 1,
        started_at: now,
        planned_end: plannedEnd,
        ended_at: null,
        what_happened: '',
        actions: '',
        created_by_name: actor.username,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toDto(row),
      audit: {
        action: 'operations.maintenance_start',
        targetType: 'maintenance',
        targetId: row.id,
        details: { title, plannedEnd },
      },
    };
  });
}

export async function endMaintenance(
  ctx: ServiceContext,
  actor: Actor | null,
  input: { whatHappened?: string; actions?: string },
): Promise<MaintenanceEntryDto> {
  authorize(actor, 'operations.manage');
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const open = await openMode(trx);
    if (!open) throw new AppError('maintenance_not_active', 409);
    const row = await trx
      .updateTable('maintenance_log')
      .set({
        ended_at: now,
        updated_at: now,
        ...(input.whatHappened !== undefined
          ? { what_happened: text(input.whatHappened, 'whatHappened', 10_000) }
          : {}),
        ...(input.actions !== undefined ? { actions: text(input.actions, 'actions', 10_000) } : {}),
      })
      .where('id', '=', open.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toDto(row),
      audit: { action: 'operations.maintenance_end', targetType: 'maintenance', targetId: row.id },
    };
  });
}

export interface LogQuery {
  from?: string;
  to?: string;
  kind?: MaintenanceKind;
  limit?: number;
  offset?: number;
}

function logQuery(db: Kysely<Database>, query: LogQuery) {
  let q = db.selectFrom('maintenance_log').selectAll();
  if (query.from) q = q.where('started_at', '>=', instant(query.from, 'from')!);
  if (query.to) q = q.where('started_at', '<', instant(query.to, 'to')!);
  if (query.kind) q = q.where('kind', '=', query.kind);
  return q;
}

export async function listMaintenanceLog(ctx: ServiceContext, actor: Actor | null, query: LogQuery = {}) {
  authorize(actor, 'operations.read');
  const q = logQuery(ctx.db.kysely, query);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(query.limit ?? 50, 500))
    .offset(query.offset ?? 0)
    .execute();
  return { total: Number(total.n), items: rows.map(toDto) };
}

export interface EntryInput {
  kind?: MaintenanceKind;
  title?: string;
  startedAt?: string;
  endedAt?: string | null;
  whatHappened?: string;
  actions?: string;
}

function checkKind(kind: string | undefined): MaintenanceKind | undefined {
  if (kind === undefined) return undefined;
  if (!MAINTENANCE_KINDS.includes(kind as MaintenanceKind))
    throw invalid('kind: maintenance, incident or drill');
  return kind as MaintenanceKind;
}

/** A log entry written after the fact (an incident, a drill, maintenance done outside maintenance mode). */
export async function createMaintenanceEntry(
  ctx: ServiceContext,
  actor: Actor | null,
  input: EntryInput,
): Promise<MaintenanceEntryDto> {
  authorize(actor, 'operations.manage');
  const now = nowIso(ctx);
  const startedAt = instant(input.startedAt, 'startedAt') ?? now;
  const endedAt = instant(input.endedAt, 'endedAt');
  if (endedAt && endedAt < startedAt) throw invalid('endedAt is before startedAt');
  const values = {
    kind: checkKind(input.kind) ?? 'maintenance',
    title: text(input.title, 'title', 200, true),
    message: null,
    mode: 0,
    started_at: startedAt,
    planned_end: null,
    ended_at: endedAt,
    what_happened: text(input.whatHappened, 'whatHappened', 10_000),
    actions: text(input.actions, 'actions', 10_000),
    created_by_name: actor.username,
    updated_at: now,
  };
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx
      .insertInto('maintenance_log')
      .values(values)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toDto(row),
      audit: {
        action: 'operations.log_create',
        targetType: 'maintenance',
        targetId: row.id,
        details: { kind: values.kind, title: values.title },
      },
    };
  });
}

export async function updateMaintenanceEntry(
  ctx: ServiceContext,
  actor: Actor | null,
  id: number,
  input: EntryInput,
): Promise<MaintenanceEntryDto> {
  authorize(actor, 'operations.manage');
  const now = nowIso(ctx);
  return writeWithAudit(ctx, actor, async (trx) => {
    const row = await trx.selectFrom('maintenance_log').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('maintenance entry', id);
    const startedAt = input.startedAt !== undefined ? instant(input.startedAt, 'startedAt')! : row.started_at;
    // The end of an open maintenance-mode period is set by switching the mode off.
    const endedAt =
      input.endedAt !== undefined && !(row.mode === 1 && row.ended_at === null)
        ? instant(input.endedAt, 'endedAt')
        : row.ended_at;
    if (!startedAt) throw invalid('startedAt must not be empty');
    if (endedAt && endedAt < startedAt) throw invalid('endedAt is before startedAt');
    const updated = await trx
      .updateTable('maintenance_log')
      .set({
        kind: checkKind(input.kind) ?? row.kind,
        title: input.title !== undefined ? text(input.title, 'title', 200, true) : row.title,
        started_at: startedAt,
        ended_at: endedAt,
        what_happened:
          input.whatHappened !== undefined
            ? text(input.whatHappened, 'whatHappened', 10_000)
            : row.what_happened,
        actions: input.actions !== undefined ? text(input.actions, 'actions', 10_000) : row.actions,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: toDto(updated),
      audit: { action: 'operations.log_update', targetType: 'maintenance', targetId: id },
    };
  });
}

const HEADERS = {
  en: [
    'No.',
    'Kind',
    'Title',
    'Started',
    'Planned end',
    'Ended',
    'Duration (min)',
    'What happened',
    'Actions',
    'By',
  ],
  'zh-CN': [
    '编号',
    '类型',
    '标题',
    '开始时间',
    '计划结束',
    '结束时间',
    '时长（分钟）',
    '经过',
    '处理措施',
    '记录人',
  ],
};
const KIND_LABELS = {
  en: { maintenance: 'maintenance', incident: 'incident', drill: 'drill' },
  'zh-CN': { maintenance: '维护', incident: '故障', drill: '演练' },
};

/** The maintenance report: the log (filtered like the list) as CSV or XLSX in the caller's language. */
export async function exportMaintenanceLog(
  ctx: ServiceContext,
  actor: Actor | null,
  query: LogQuery,
  format: TableFormat,
  locale: 'en' | 'zh-CN',
) {
  authorize(actor, 'operations.read');
  const rows = await logQuery(ctx.db.kysely, query).orderBy('started_at').orderBy('id').execute();
  const minutes = (r: Row) =>
    r.ended_at ? String(Math.round((Date.parse(r.ended_at) - Date.parse(r.started_at)) / 60_000)) : '';
  const bytes = await writeTable(
    {
      header: HEADERS[locale],
      rows: rows.map((r) => [
        String(r.id),
        KIND_LABELS[locale][r.kind],
        r.title,
        r.started_at,
        r.planned_end ?? '',
        r.ended_at ?? '',
        minutes(r),
        r.what_happened,
        r.actions,
        r.created_by_name,
      ]),
    },
    format,
    locale === 'en' ? 'Maintenance log' : '维护记录',
  );
  await audit(ctx, actor, {
    action: 'operations.log_export',
    targetType: 'maintenance',
    details: { format, rows: rows.length },
  });
  return {
    filename: `maintenance-log.${format}`,
    bytes,
    contentType:
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
