// Background tasks (a large export, an import, a recompute): started by a request, run in this process,
// with progress the console polls and, when done, a result or a file to download.
import fs from 'node:fs';
import path from 'node:path';
import { forbidden, notFound } from '../core/errors.js';
import type { TaskRow } from '../db/schema.js';
import type { Actor } from './actor.js';
import { audit } from './audit.service.js';
import { authorize } from './authorize.js';
import { nowIso, type ServiceContext } from './context.js';

export interface TaskDto {
  id: number;
  kind: string;
  status: TaskRow['status'];
  progress: number;
  total: number;
  /** 0–100, or null while the total is unknown. */
  percent: number | null;
  message: string | null;
  result: unknown;
  error: string | null;
  hasFile: boolean;
  fileName: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface TaskProgress {
  /** Reports progress; written at most a few times a second. */
  update(progress: number, total?: number, message?: string): Promise<void>;
}

export interface TaskOutput {
  result?: unknown;
  file?: { name: string; data: Buffer };
}

const toDto = (r: TaskRow): TaskDto => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  progress: r.progress,
  total: r.total,
  percent:
    r.total > 0 ? Math.min(100, Math.round((100 * r.progress) / r.total)) : r.status === 'done' ? 100 : null,
  message: r.message,
  result: r.result ? JSON.parse(r.result) : null,
  error: r.error,
  hasFile: !!r.file_name,
  fileName: r.file_name,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

const taskDir = (ctx: ServiceContext) => path.join(ctx.config.dataDir, 'tasks');
const taskFile = (ctx: ServiceContext, id: number) => path.join(taskDir(ctx), `${id}.out`);

/** Running tasks of this process, so shutdown and tests can wait for them. */
const running = new Map<number, Promise<void>>();

export async function startTask(
  ctx: ServiceContext,
  actor: Actor,
  kind: string,
  work: (progress: TaskProgress) => Promise<TaskOutput>,
): Promise<TaskDto> {
  const now = nowIso(ctx);
  const row = await ctx.db.kysely
    .insertInto('tasks')
    .values({
      kind,
      status: 'queued',
      progress: 0,
      total: 0,
      message: null,
      result: null,
      file_name: null,
      error: null,
      created_by_user_id: actor.userId,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const id = row.id;
  let lastWrite = 0;
  const progress: TaskProgress = {
    async update(done, total, message) {
      const t = Date.now();
      if (t - lastWrite < 250 && (total === undefined || done < total)) return;
      lastWrite = t;
      await ctx.db.kysely
        .updateTable('tasks')
        .set({
          progress: done,
          ...(total !== undefined ? { total } : {}),
          ...(message ? { message } : {}),
          updated_at: nowIso(ctx),
        })
        .where('id', '=', id)
        .execute();
    },
  };
  // A heartbeat, so that another instance (or this one after a restart) can tell a live task from a dead one.
  const heartbeat = setInterval(() => {
    ctx.db.kysely
      .updateTable('tasks')
      .set({ updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute()
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const job = (async () => {
    await ctx.db.kysely
      .updateTable('tasks')
      .set({ status: 'running', updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    try {
      const output = await work(progress);
      if (output.file) {
        fs.mkdirSync(taskDir(ctx), { recursive: true });
        fs.writeFileSync(taskFile(ctx, id), output.file.data, { mode: 0o600 });
      }
      const done = await ctx.db.kysely
        .selectFrom('tasks')
        .select(['total', 'progress'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await ctx.db.kysely
        .updateTable('tasks')
        .set({
          status: 'done',
          progress: Math.max(done.progress, done.total),
          result: JSON.stringify(output.result ?? null),
          file_name: output.file?.name ?? null,
          updated_at: nowIso(ctx),
          finished_at: nowIso(ctx),
        })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      ctx.log.error({ taskId: id, kind, err: error }, 'background task failed');
      await ctx.db.kysely
        .updateTable('tasks')
        .set({
          status: 'failed',
          error: (error as Error).message,
          updated_at: nowIso(ctx),
          finished_at: nowIso(ctx),
        })
        .where('id', '=', id)
        .execute();
    }
  })();
  running.set(id, job);
  job.finally(() => {
    clearInterval(heartbeat);
    running.delete(id);
  });
  return toDto(row);
}

/** Waits until every running task of this process has finished (shutdown, tests). */
export async function settleTasks(): Promise<void> {
  await Promise.allSettled([...running.values()]);
}

export async function waitForTask(ctx: ServiceContext, id: number): Promise<TaskDto> {
  await running.get(id);
  const row = await ctx.db.kysely
    .selectFrom('tasks')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return toDto(row);
}

async function loadOwn(ctx: ServiceContext, actor: Actor | null, id: number): Promise<TaskRow> {
  authorize(actor, 'self.read');
  const row = await ctx.db.kysely.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('task', id);
  if (row.created_by_user_id !== actor.userId && !actor.roles.includes('admin')) throw forbidden();
  return row;
}

export async function getTask(ctx: ServiceContext, actor: Actor | null, id: number): Promise<TaskDto> {
  return toDto(await loadOwn(ctx, actor, id));
}

export async function listMyTasks(ctx: ServiceContext, actor: Actor | null): Promise<TaskDto[]> {
  authorize(actor, 'self.read');
  const rows = await ctx.db.kysely
    .selectFrom('tasks')
    .selectAll()
    .where('created_by_user_id', '=', actor.userId)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return rows.map(toDto);
}

export async function taskDownload(ctx: ServiceContext, actor: Actor | null, id: number) {
  const row = await loadOwn(ctx, actor, id);
  const file = taskFile(ctx, id);
  if (!row.file_name || !fs.existsSync(file)) throw notFound('task file', id);
  await audit(ctx, actor!, {
    action: 'task.download',
    targetType: 'task',
    targetId: id,
    details: { kind: row.kind },
  });
  return { name: row.file_name, data: fs.readFileSync(file) };
}

const HEARTBEAT_MS = 30_000;

/** Tasks whose heartbeat stopped (the server running them stopped) will not finish; say so. */
export async function failInterruptedTasks(ctx: ServiceContext): Promise<number> {
  const stale = new Date(ctx.now().getTime() - 3 * HEARTBEAT_MS).toISOString();
  const r = await ctx.db.kysely
    .updateTable('tasks')
    .set({
      status: 'failed',
      error: 'interrupted: the server stopped while the task ran',
      finished_at: nowIso(ctx),
      updated_at: nowIso(ctx),
    })
    .where('status', 'in', ['queued', 'running'])
    .where('updated_at', '<', stale)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function removeOldTasks(ctx: ServiceContext, days: number): Promise<{ removed: number }> {
  const cutoff = new Date(ctx.now().getTime() - days * 86_400_000).toISOString();
  const old = await ctx.db.kysely
    .selectFrom('tasks')
    .select('id')
    .where('finished_at', '<', cutoff)
    .execute();
  for (const t of old) fs.rmSync(taskFile(ctx, t.id), { force: true });
  if (old.length > 0)
    await ctx.db.kysely
      .deleteFrom('tasks')
      .where(
        'id',
        'in',
        old.map((t) => t.id),
      )
      .execute();
  return { removed: old.length };
}
