// The status page: database, face engine, scheduled jobs and their last runs, the last backup (a warning when
// it is old), kiosks online and offline, the data keys, and the maintenance mode in force.
import { sql } from 'kysely';
import { deviceState } from '../../core/kiosk/device-status.js';
import {
  overallLevel,
  type StatusLevel,
  type StatusWarning,
  statusWarnings,
} from '../../core/privacy/system-status.js';
import type { Actor } from '../actor.js';
import { authorize } from '../authorize.js';
import { listBackups } from '../backup.service.js';
import type { ServiceContext } from '../context.js';
import { ensureFaceRuntime } from '../face/runtime.js';
import { readKioskSettings } from '../kiosk/settings.js';
import { type MaintenanceNotice, maintenanceNotice } from './maintenance.service.js';

/** The backup runs daily: a day and a half without one is worth a warning. */
export const BACKUP_MAX_AGE_HOURS = 36;

export interface SystemStatus {
  checkedAt: string;
  level: StatusLevel;
  warnings: StatusWarning[];
  database: { ok: boolean; dialect: string; latencyMs: number; error: string | null };
  faceEngine: {
    loaded: boolean;
    backend: string | null;
    model: string;
    modelVersion: string;
    templates: number;
    indexed: number;
    stale: number;
    unreadable: number;
  };
  jobs: {
    job: string;
    status: 'running' | 'ok' | 'failed';
    slot: string;
    startedAt: string;
    finishedAt: string | null;
  }[];
  backup: {
    dir: string;
    last: { file: string; createdAt: string; bytes: number; ageHours: number } | null;
    count: number;
  };
  devices: {
    online: number;
    offline: number;
    pending: number;
    items: { id: number; name: string; state: string; lastSeenAt: string | null }[];
  };
  keys: { current: string; inFile: number };
  maintenance: MaintenanceNotice | null;
}

async function checkDatabase(ctx: ServiceContext) {
  const started = performance.now();
  try {
    await sql`select 1`.execute(ctx.db.kysely);
    return {
      ok: true,
      dialect: ctx.db.dialect,
      latencyMs: Math.round(performance.now() - started),
      error: null,
    };
  } catch (error) {
    return {
      ok: false,
      dialect: ctx.db.dialect,
      latencyMs: Math.round(performance.now() - started),
      error: (error as Error).message.slice(0, 200),
    };
  }
}

async function lastJobRuns(ctx: ServiceContext): Promise<SystemStatus['jobs']> {
  const latest = await ctx.db.kysely
    .selectFrom('job_runs')
    .select((eb) => ['job', eb.fn.max('id').as('id')])
    .groupBy('job')
    .execute();
  if (latest.length === 0) return [];
  const rows = await ctx.db.kysely
    .selectFrom('job_runs')
    .select(['job', 'status', 'slot', 'started_at', 'finished_at'])
    .where(
      'id',
      'in',
      latest.map((r) => Number(r.id)),
    )
    .orderBy('job')
    .execute();
  return rows.map((r) => ({
    job: r.job,
    status: r.status,
    slot: r.slot,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  }));
}

async function deviceStates(ctx: ServiceContext): Promise<SystemStatus['devices']> {
  const settings = await readKioskSettings(ctx.db.kysely);
  const rows = await ctx.db.kysely
    .selectFrom('devices')
    .select(['id', 'name', 'status', 'last_seen_at'])
    .where('status', '!=', 'revoked')
    .orderBy('name')
    .execute();
  const nowMs = ctx.now().getTime();
  const items = rows.map((d) => ({
    id: d.id,
    name: d.name,
    state: deviceState(
      d.status,
      d.last_seen_at ? Date.parse(d.last_seen_at) : null,
      nowMs,
      settings.offlineAfterMinutes * 60,
    ),
    lastSeenAt: d.last_seen_at,
  }));
  return {
    online: items.filter((d) => d.state === 'online').length,
    offline: items.filter((d) => d.state === 'offline').length,
    pending: items.filter((d) => d.state === 'pending').length,
    items,
  };
}

export async function systemStatus(ctx: ServiceContext, actor: Actor | null): Promise<SystemStatus> {
  authorize(actor, 'operations.read');
  const database = await checkDatabase(ctx);
  const rt = ensureFaceRuntime(ctx);
  const safe = async <T>(work: () => Promise<T>, fallback: T) =>
    database.ok ? work().catch(() => fallback) : fallback;
  const [templates, jobs, devices] = await Promise.all([
    safe(
      async () =>
        Number(
          (
            await ctx.db.kysely
              .selectFrom('face_templates')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      0,
    ),
    safe(() => lastJobRuns(ctx), []),
    safe(() => deviceStates(ctx), { online: 0, offline: 0, pending: 0, items: [] }),
  ]);
  const maintenance = await safe(() => maintenanceNotice(ctx), null);
  await safe(() => rt.sync(ctx.db), undefined);
  const backups = listBackups(ctx.config.backupDir);
  const newest = backups[0];
  const nowMs = ctx.now().getTime();
  const keysInFile = rt.keyring.byId.size;
  const figures = {
    databaseOk: database.ok,
    lastBackupAt: newest?.header.createdAt ?? null,
    backupMaxAgeHours: BACKUP_MAX_AGE_HOURS,
    jobs,
    devices,
    unreadableTemplates: rt.unreadable(),
    keysInFile,
  };
  const warnings = statusWarnings(figures, nowMs);
  return {
    checkedAt: new Date(nowMs).toISOString(),
    level: overallLevel(warnings),
    warnings,
    database,
    faceEngine: {
      loaded: rt.engineLoaded(),
      backend: rt.backend(),
      model: rt.model.name,
      modelVersion: rt.model.version,
      templates,
      indexed: rt.index.size,
      stale: rt.stale().templates,
      unreadable: rt.unreadable(),
    },
    jobs,
    backup: {
      dir: ctx.config.backupDir,
      count: backups.length,
      last: newest
        ? {
            file: newest.name,
            createdAt: newest.header.createdAt,
            bytes: newest.size,
            ageHours: Math.floor((nowMs - Date.parse(newest.header.createdAt)) / 3_600_000),
          }
        : null,
    },
    devices,
    keys: { current: rt.keyring.current.id, inFile: keysInFile },
    maintenance,
  };
}
