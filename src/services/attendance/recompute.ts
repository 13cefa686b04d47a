// Recompute: re-evaluate a set of employee-days with the engine and store what changed. Work is cut by month
// and into chunks of employees; each chunk loads its punches and requests in two queries, is evaluated in
// memory and written in one transaction with prepared statements (SQLite) or array-bound bulk statements
// (PostgreSQL). A day whose result did not change is not written; a changed day keeps its previous result
// in the history. Days in closed months are never touched.
import { type Kysely, sql } from 'kysely';
import type { EmployeeDay } from '../../core/attendance/affected-days.js';
import { datesInRange } from '../../core/time/date.js';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { nowIso, type ServiceContext } from '../context.js';
import { DAY_ROW_COLUMNS, type DayRowValues } from './day-rows.js';
import { type ChunkOutput, evaluateChunk } from './evaluate-chunk.js';
import { EvaluatorPool } from './evaluator-pool.js';
import { loadApprovedRequests, loadPunches } from './inputs.js';
import type { Model } from './model.js';

/** Employee id → the dates to recompute. */
export type RecomputeTarget = Map<number, Set<string>>;

export interface RecomputeStats {
  evaluated: number;
  written: number;
  unchanged: number;
  removed: number;
  skippedClosed: number;
}

export const CHUNK_EMPLOYEES = 500;
/** Recomputes of at least this many employee-days evaluate in worker threads when there are several cores. */
export const WORKER_THRESHOLD_DAYS = 20_000;

export function targetFromDays(days: readonly EmployeeDay[]): RecomputeTarget {
  const out: RecomputeTarget = new Map();
  for (const d of days) {
    const id = Number(d.employeeId);
    let set = out.get(id);
    if (!set) {
      set = new Set();
      out.set(id, set);
    }
    set.add(d.date);
  }
  return out;
}

export function targetFromRange(employeeIds: Iterable<number>, from: string, to: string): RecomputeTarget {
  const dates = to < from ? [] : datesInRange(from, to);
  const out: RecomputeTarget = new Map();
  for (const id of employeeIds) out.set(id, new Set(dates));
  return out;
}

export function targetSize(target: RecomputeTarget): number {
  let n = 0;
  for (const set of target.values()) n += set.size;
  return n;
}

export function mergeTargets(...targets: RecomputeTarget[]): RecomputeTarget {
  const out: RecomputeTarget = new Map();
  for (const t of targets) {
    for (const [id, dates] of t) {
      const set = out.get(id) ?? new Set<string>();
      for (const d of dates) set.add(d);
      out.set(id, set);
    }
  }
  return out;
}

export async function closedMonths(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('month_locks').select('month').where('status', '=', 'closed').execute();
  return new Set(rows.map((r) => r.month));
}

// Recomputes run one at a time in a process, so two overlapping ones cannot write stale results.
let queue: Promise<unknown> = Promise.resolve();
export function serially<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

interface LieuType {
  code: string;
  unit: 'day' | 'halfDay' | 'hour';
}

export async function recompute(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  model: Model,
  target: RecomputeTarget,
  cause: string,
  onProgress?: (done: number, total: number) => Promise<void> | void,
  options: { workers?: number } = {},
): Promise<RecomputeStats> {
  const stats: RecomputeStats = { evaluated: 0, written: 0, unchanged: 0, removed: 0, skippedClosed: 0 };
  const closed = await closedMonths(ctx.db.kysely);
  const lieuRow = await ctx.db.kysely
    .selectFrom('leave_types')
    .select(['code', 'unit'])
    .where('accrual', '=', 'timeOffInLieu')
    .where('active', '=', 1)
    .executeTakeFirst();
  const lieu: LieuType | null = lieuRow ?? null;

  // month → employee → sorted dates
  const byMonth = new Map<string, Map<number, string[]>>();
  for (const [employeeId, dates] of target) {
    if (!model.employees.has(employeeId)) continue;
    for (const date of dates) {
      const month = date.slice(0, 7);
      if (closed.has(month)) {
        stats.skippedClosed++;
        continue;
      }
      let m = byMonth.get(month);
      if (!m) {
        m = new Map();
        byMonth.set(month, m);
      }
      const list = m.get(employeeId) ?? [];
      list.push(date);
      m.set(employeeId, list);
    }
  }
  let total = 0;
  for (const m of byMonth.values()) for (const list of m.values()) total += list.length;
  let done = 0;
  await onProgress?.(0, total);

  // Chunks in order; with workers, a few are evaluated ahead while earlier ones are written.
  const chunks: { employees: { id: number; dates: string[] }[]; from: string; to: string }[] = [];
  for (const month of [...byMonth.keys()].sort()) {
    const employees = byMonth.get(month)!;
    const ids = [...employees.keys()].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i += CHUNK_EMPLOYEES) {
      const chunk = ids.slice(i, i + CHUNK_EMPLOYEES).map((id) => ({ id, dates: employees.get(id)!.sort() }));
      let from = '9999-12-31';
      let to = '0000-01-01';
      for (const { dates } of chunk) {
        if (dates[0] < from) from = dates[0];
        if (dates[dates.length - 1] > to) to = dates[dates.length - 1];
      }
      chunks.push({ employees: chunk, from, to });
    }
  }
  // On PostgreSQL leave a core to the database server (often on the same machine).
  const cores = EvaluatorPool.defaultSize() - (ctx.db.dialect === 'postgres' ? 1 : 0);
  const workers = options.workers ?? (total >= WORKER_THRESHOLD_DAYS ? cores : 0);
  const pool = workers > 1 ? new EvaluatorPool(model.raw, workers) : null;
  try {
    const inFlight: Promise<ChunkOutput>[] = [];
    const write = async (output: ChunkOutput) => {
      const written = await writeChunk(ctx.db, output.rows, output.outOfScope, cause, nowIso(ctx), lieu);
      stats.evaluated += output.evaluated;
      stats.written += written.written;
      stats.unchanged += written.unchanged;
      stats.removed += written.removed;
      done += output.evaluated;
      await onProgress?.(done, total);
    };
    for (const chunk of chunks) {
      const ids = chunk.employees.map((e) => e.id);
      const [punches, requests] = await Promise.all([
        loadPunches(ctx.db.kysely, ids, chunk.from, chunk.to),
        loadApprovedRequests(ctx.db.kysely, ids, chunk.from, chunk.to),
      ]);
      const input = { employees: chunk.employees, punches, requests };
      const evaluation = pool ? pool.evaluate(input) : Promise.resolve(evaluateChunk(model, input));
      evaluation.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
      inFlight.push(evaluation);
      if (inFlight.length > (pool?.size ?? 0)) await write(await inFlight.shift()!);
    }
    while (inFlight.length > 0) await write(await inFlight.shift()!);
  } finally {
    await pool?.close();
  }
  return stats;
}

interface Existing {
  hash: string;
  version: number;
  lieu: number;
}

async function writeChunk(
  db: Db,
  rows: DayRowValues[],
  outOfScope: { employeeId: number; date: string }[],
  cause: string,
  at: string,
  lieu: LieuType | null,
): Promise<{ written: number; unchanged: number; removed: number }> {
  if (rows.length === 0 && outOfScope.length === 0) return { written: 0, unchanged: 0, removed: 0 };
  return db.kysely.transaction().execute(async (trx) => {
    // An employee deleted since the chunk was loaded has nothing left to write (their day results went with
    // them): their rows are dropped so that everyone else's are still written.
    const present = await presentEmployees(db, trx, [
      ...new Set([...rows.map((r) => r.employee_id), ...outOfScope.map((k) => k.employeeId)]),
    ]);
    rows = rows.filter((r) => present.has(r.employee_id));
    outOfScope = outOfScope.filter((k) => present.has(k.employeeId));
    const keys = [...rows.map((r) => ({ employeeId: r.employee_id, date: r.date })), ...outOfScope];
    const existing = await loadExisting(db, trx, keys);
    const changed: (DayRowValues & { version: number })[] = [];
    const lieuDelta = new Map<number, number>();
    let unchanged = 0;
    for (const r of rows) {
      const old = existing.get(`${r.employee_id}|${r.date}`);
      if (old && old.hash === r.result_hash) {
        unchanged++;
        continue;
      }
      changed.push({ ...r, version: (old?.version ?? 0) + 1 });
      const delta = r.lieu_minutes - (old?.lieu ?? 0);
      if (delta !== 0) lieuDelta.set(r.employee_id, (lieuDelta.get(r.employee_id) ?? 0) + delta);
    }
    const gone = outOfScope.filter((k) => existing.has(`${k.employeeId}|${k.date}`));
    for (const k of gone) {
      const old = existing.get(`${k.employeeId}|${k.date}`)!;
      if (old.lieu) lieuDelta.set(k.employeeId, (lieuDelta.get(k.employeeId) ?? 0) - old.lieu);
    }
    const replaced = [
      ...changed
        .filter((r) => existing.has(`${r.employee_id}|${r.date}`))
        .map((r) => [r.employee_id, r.date] as const),
      ...gone.map((k) => [k.employeeId, k.date] as const),
    ];
    if (db.dialect === 'sqlite') writeSqlite(db, replaced, changed, gone, cause, at);
    else await writePostgres(trx, replaced, changed, gone, cause, at);
    if (lieu) await applyLieu(trx, lieu, lieuDelta, at, cause);
    return { written: changed.length, unchanged, removed: gone.length };
  });
}

/**
 * The employees among `ids` that still exist. On PostgreSQL their rows are locked (key share, as the foreign
 * keys of the rows written next would lock them): a delete under way makes this query wait and is then not
 * seen, and one that comes later waits for this transaction and then removes what it wrote.
 */
async function presentEmployees(db: Db, trx: Kysely<Database>, ids: number[]): Promise<Set<number>> {
  if (db.dialect === 'sqlite') {
    const rows = sqliteStatements(db).present.all(JSON.stringify(ids)) as { id: number }[];
    return new Set(rows.map((r) => r.id));
  }
  const { rows } = await sql<{ id: number }>`select id from employees where id = any(${ids}::int[])
    order by id for key share`.execute(trx);
  return new Set(rows.map((r) => r.id));
}

async function loadExisting(
  db: Db,
  trx: Kysely<Database>,
  keys: { employeeId: number; date: string }[],
): Promise<Map<string, Existing>> {
  const out = new Map<string, Existing>();
  const span = new Map<number, [string, string]>();
  for (const k of keys) {
    const s = span.get(k.employeeId);
    if (!s) span.set(k.employeeId, [k.date, k.date]);
    else {
      if (k.date < s[0]) s[0] = k.date;
      if (k.date > s[1]) s[1] = k.date;
    }
  }
  if (db.dialect === 'sqlite') {
    const stmt = sqliteStatements(db).existing;
    for (const [id, [from, to]] of span) {
      for (const row of stmt.all(id, from, to) as {
        date: string;
        result_hash: string;
        version: number;
        lieu_minutes: number;
      }[]) {
        out.set(`${id}|${row.date}`, { hash: row.result_hash, version: row.version, lieu: row.lieu_minutes });
      }
    }
    return out;
  }
  const ids = [...span.keys()];
  const from = [...span.values()].reduce((m, s) => (s[0] < m ? s[0] : m), '9999-12-31');
  const to = [...span.values()].reduce((m, s) => (s[1] > m ? s[1] : m), '0000-01-01');
  const rows = await trx
    .selectFrom('day_results')
    .select(['employee_id', 'date', 'result_hash', 'version', 'lieu_minutes'])
    .where('employee_id', 'in', ids)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  for (const r of rows) {
    out.set(`${r.employee_id}|${r.date}`, { hash: r.result_hash, version: r.version, lieu: r.lieu_minutes });
  }
  return out;
}

// Prepared statements per SQLite handle, reused by every chunk.
type Statements = ReturnType<typeof prepareSqlite>;
const prepared = new WeakMap<object, Statements>();

function prepareSqlite(db: Db) {
  const s = db.sqlite!;
  const cols = DAY_ROW_COLUMNS.join(', ');
  const updates = DAY_ROW_COLUMNS.filter((c) => c !== 'employee_id' && c !== 'date')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return {
    present: s.prepare('select id from employees where id in (select value from json_each(?))'),
    existing: s.prepare(
      'select date, result_hash, version, lieu_minutes from day_results where employee_id = ? and date >= ? and date <= ?',
    ),
    history: s.prepare(
      `insert into day_result_history (employee_id, date, version, statuses, result, cause, computed_at, replaced_at)
       select employee_id, date, version, statuses, result, cause, computed_at, ? from day_results
       where employee_id = ? and date = ?`,
    ),
    upsert: s.prepare(
      `insert into day_results (${cols}) values (${DAY_ROW_COLUMNS.map(() => '?').join(', ')})
       on conflict (employee_id, date) do update set ${updates}`,
    ),
    remove: s.prepare('delete from day_results where employee_id = ? and date = ?'),
  };
}

function sqliteStatements(db: Db): Statements {
  let s = prepared.get(db.sqlite!);
  if (!s) {
    s = prepareSqlite(db);
    prepared.set(db.sqlite!, s);
  }
  return s;
}

// Runs inside the Kysely transaction, which holds the connection: these synchronous statements are part of it.
function writeSqlite(
  db: Db,
  replaced: (readonly [number, string])[],
  changed: (DayRowValues & { version: number })[],
  gone: { employeeId: number; date: string }[],
  cause: string,
  at: string,
) {
  const s = sqliteStatements(db);
  for (const [id, date] of replaced) s.history.run(at, id, date);
  for (const r of changed) {
    s.upsert.run(
      r.employee_id,
      r.date,
      r.group_id,
      r.day_type,
      r.shift_code,
      r.statuses,
      r.scheduled_minutes,
      r.worked_minutes,
      r.late_minutes,
      r.early_leave_minutes,
      r.missing_punches,
      r.absent,
      r.leave_minutes,
      r.overtime_minutes,
      r.lieu_minutes,
      r.result,
      r.result_hash,
      r.version,
      cause,
      at,
    );
  }
  for (const k of gone) s.remove.run(k.employeeId, k.date);
}

const PG_BATCH = 2000;
// 20 columns each: well under PostgreSQL's 65,535 parameters a statement.
const PG_ROWS_PER_INSERT = 1000;

async function writePostgres(
  trx: Kysely<Database>,
  replaced: (readonly [number, string])[],
  changed: (DayRowValues & { version: number })[],
  gone: { employeeId: number; date: string }[],
  cause: string,
  at: string,
) {
  for (let i = 0; i < replaced.length; i += PG_BATCH) {
    const part = replaced.slice(i, i + PG_BATCH);
    await sql`insert into day_result_history (employee_id, date, version, statuses, result, cause, computed_at, replaced_at)
      select d.employee_id, d.date, d.version, d.statuses, d.result, d.cause, d.computed_at, ${at}
      from day_results d join unnest(${part.map((p) => p[0])}::int[], ${part.map((p) => p[1])}::text[]) as k(employee_id, date)
      on d.employee_id = k.employee_id and d.date = k.date`.execute(trx);
  }
  // Rows as bound parameters of a multi-row insert: a text array would have to escape every quote of the JSON.
  for (let i = 0; i < changed.length; i += PG_ROWS_PER_INSERT) {
    const part = changed.slice(i, i + PG_ROWS_PER_INSERT);
    await trx
      .insertInto('day_results')
      .values(part.map((r) => ({ ...r, cause, computed_at: at })))
      .onConflict((oc) =>
        oc
          .columns(['employee_id', 'date'])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              DAY_ROW_COLUMNS.filter((c) => c !== 'employee_id' && c !== 'date').map((c) => [
                c,
                eb.ref(`excluded.${c}`),
              ]),
            ),
          ),
      )
      .execute();
  }
  for (let i = 0; i < gone.length; i += PG_BATCH) {
    const part = gone.slice(i, i + PG_BATCH);
    await sql`delete from day_results d using unnest(${part.map((k) => k.employeeId)}::int[], ${part.map((k) => k.date)}::text[]) as k(employee_id, date)
      where d.employee_id = k.employee_id and d.date = k.date`.execute(trx);
  }
}

/** Rest-day overtime turned into time off (调休) earns balance; a recompute that changes it moves the balance. */
async function applyLieu(
  trx: Kysely<Database>,
  lieu: LieuType,
  deltas: Map<number, number>,
  at: string,
  cause: string,
) {
  for (const [employeeId, minutes] of deltas) {
    const amount = Math.round((lieu.unit === 'hour' ? minutes / 60 : minutes / 480) * 100) / 100;
    if (amount === 0) continue;
    await trx
      .insertInto('leave_balances')
      .values({
        employee_id: employeeId,
        leave_type: lieu.code,
        year: 0,
        unit: lieu.unit,
        granted: amount,
        used: 0,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.columns(['employee_id', 'leave_type', 'year']).doUpdateSet((eb) => ({
          granted: sql<number>`round(cast(${eb.ref('leave_balances.granted')} + ${amount} as numeric), 2)`,
          updated_at: at,
        })),
      )
      .execute();
    await trx
      .insertInto('leave_ledger')
      .values({
        employee_id: employeeId,
        leave_type: lieu.code,
        year: 0,
        granted_delta: amount,
        used_delta: 0,
        reason: 'overtime',
        request_id: null,
        note: cause,
        at,
        by_user_id: null,
      })
      .execute();
  }
}
