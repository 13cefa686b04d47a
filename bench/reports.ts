// Benchmark: reports on a company of 10,000 employees (20 departments of 500) with a month of punches and
// day results, on SQLite and on PostgreSQL. The data goes straight into the database with bulk inserts: day
// results are real engine output (each date's typical days evaluated once, then stored per employee).
// Targets: the monthly grid of a 500-person department in under 1 s; the monthly summary XLSX for everyone
// in under 30 s. Also timed: the monthly summary, department statistics, charts and data review.
//
//   npx tsx bench/reports.ts [--employees 10000] [--only sqlite|postgres]
//   PostgreSQL: TEST_DATABASE_URL, else postgres://$USER@127.0.0.1/test (skipped when unreachable)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { evaluateDay } from '../src/core/attendance/evaluate-day.js';
import type { DayResult } from '../src/core/attendance/result.js';
import type { FixedShift } from '../src/core/attendance/shift.js';
import { datesInRange, weekday } from '../src/core/time/date.js';
import { fromLocal } from '../src/core/time/zone.js';
import type { Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemActor } from '../src/services/actor.js';
import { DAY_ROW_COLUMNS, dayRowValues } from '../src/services/attendance/day-rows.js';
import { monthGrid } from '../src/services/attendance/results.service.js';
import type { ServiceContext } from '../src/services/context.js';
import { renderReport, reportCharts, reportTable } from '../src/services/reports/reports.service.js';
import { monthReview } from '../src/services/reports/review.service.js';
import { onEachDatabase } from './each-database.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const EMPLOYEES = Number(arg('employees') ?? 10_000);
const DEPARTMENT_SIZE = 500;
const ONLY = arg('only');
const MONTH = '2025-04';
const DATES = datesInRange('2025-04-01', '2025-04-30');
const ZONE = 'Asia/Shanghai';
const NOW = new Date('2025-05-06T02:00:00Z');

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

const OFFICE: FixedShift = {
  kind: 'fixed',
  id: 'office',
  segments: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
};

/** The kinds of day people have, as clock times: mostly on time, some late, early, absent or staying late. */
const VARIANTS: { weight: number; clocks: string[] }[] = [
  { weight: 60, clocks: ['08:52', '18:04'] },
  { weight: 15, clocks: ['08:57', '18:31'] },
  { weight: 8, clocks: ['09:14', '18:02'] },
  { weight: 4, clocks: ['09:41', '18:10'] },
  { weight: 4, clocks: ['08:55', '17:35'] },
  { weight: 4, clocks: ['08:50', '20:45'] },
  { weight: 3, clocks: ['08:58'] },
  { weight: 2, clocks: [] },
];
const TOTAL_WEIGHT = VARIANTS.reduce((a, v) => a + v.weight, 0);

const at = (date: string, clock: string) => {
  const [h, m] = clock.split(':').map(Number);
  return new Date(fromLocal(date, h * 60 + m, ZONE)).toISOString();
};

/** Each date's day kinds evaluated once by the engine. */
function templates(): Map<string, { result: DayResult; punches: string[] }[]> {
  const out = new Map<string, { result: DayResult; punches: string[] }[]>();
  for (const date of DATES) {
    const rest = weekday(date) === 0 || weekday(date) === 6; // Sunday, Saturday
    const variants = (rest ? [{ weight: 1, clocks: [] as string[] }] : VARIANTS).map((v) => {
      const punches = v.clocks.map((c) => at(date, c));
      const result = evaluateDay({
        employeeId: '0',
        date,
        zone: ZONE,
        dayType: rest ? 'restDay' : 'workday',
        shift: rest ? null : OFFICE,
        rules: { lateGraceMinutes: 5 },
        punches: punches.map((p, i) => ({ at: p, id: `p${i}`, source: 'face' })),
      });
      return { result, punches };
    });
    out.set(date, variants);
  }
  return out;
}

function pick(employee: number, date: string, count: number): number {
  if (count === 1) return 0;
  const seed = (employee * 7919 + Number(date.slice(8)) * 104729) % TOTAL_WEIGHT;
  let acc = 0;
  for (let i = 0; i < VARIANTS.length; i++) {
    acc += VARIANTS[i].weight;
    if (seed < acc) return i;
  }
  return 0;
}

async function seed(db: Db): Promise<{ punches: number; days: number; firstDepartment: number }> {
  const now = NOW.toISOString();
  const k = db.kysely;
  const departments: number[] = [];
  for (let d = 0; d < Math.ceil(EMPLOYEES / DEPARTMENT_SIZE); d++) {
    const row = await k
      .insertInto('departments')
      .values({ name: `部门 ${d + 1}`, code: `D${d + 1}`, parent_id: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    departments.push(row.id);
  }
  for (let i = 0; i < EMPLOYEES; i += 1000) {
    await k
      .insertInto('employees')
      .values(
        Array.from({ length: Math.min(1000, EMPLOYEES - i) }, (_, j) => ({
          employee_no: `B${String(i + j + 1).padStart(6, '0')}`,
          name: `员工 ${i + j + 1}`,
          department_id: departments[Math.floor((i + j) / DEPARTMENT_SIZE)],
          position_id: null,
          site_id: null,
          hire_date: '2020-01-01',
          termination_date: null,
          status: 'active' as const,
          phone: null,
          email: null,
          pin_hash: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  const ids = (await k.selectFrom('employees').select('id').orderBy('id').execute()).map((e) => e.id);
  const days = templates();
  let punches = 0;
  let results = 0;
  const punchRows: [number, string][] = [];
  const dayRows: unknown[][] = [];
  const flush = async (force: boolean) => {
    if (db.dialect === 'sqlite') return; // SQLite writes row by row inside one transaction below
    if (punchRows.length >= 20_000 || (force && punchRows.length)) {
      await sql`insert into punches (employee_id, at, method, flags, created_at, match_score, match_margin)
        select e, a, 'face', '[]', ${now}, 0.97, 0.08
        from unnest(${punchRows.map((p) => p[0])}::int[], ${punchRows.map((p) => p[1])}::text[]) as u(e, a)`.execute(
        k,
      );
      punches += punchRows.length;
      punchRows.length = 0;
    }
    if (dayRows.length >= 2_000 || (force && dayRows.length)) {
      const columns = DAY_ROW_COLUMNS.join(', ');
      const values = sql.join(dayRows.map((r) => sql`(${sql.join(r)})`));
      await sql`insert into day_results (${sql.raw(columns)}) values ${values}`.execute(k);
      results += dayRows.length;
      dayRows.length = 0;
    }
  };
  const rowOf = (id: number, result: DayResult) => {
    const v = dayRowValues(id, null, { ...result, employeeId: String(id) });
    return [...DAY_ROW_COLUMNS.slice(0, -3).map((c) => v[c as keyof typeof v]), 1, 'bench', now];
  };
  if (db.dialect === 'sqlite') {
    const punch = db.sqlite!.prepare(
      "insert into punches (employee_id, at, method, flags, created_at, match_score, match_margin) values (?, ?, 'face', '[]', ?, 0.97, 0.08)",
    );
    const day = db.sqlite!.prepare(
      `insert into day_results (${DAY_ROW_COLUMNS.join(', ')}) values (${DAY_ROW_COLUMNS.map(() => '?').join(', ')})`,
    );
    db.sqlite!.transaction(() => {
      for (const id of ids)
        for (const date of DATES) {
          const variants = days.get(date)!;
          const v = variants[pick(id, date, variants.length)];
          for (const p of v.punches) {
            punch.run(id, p, now);
            punches++;
          }
          day.run(...rowOf(id, v.result));
          results++;
        }
    })();
  } else {
    for (const id of ids) {
      for (const date of DATES) {
        const variants = days.get(date)!;
        const v = variants[pick(id, date, variants.length)];
        for (const p of v.punches) punchRows.push([id, p]);
        dayRows.push(rowOf(id, v.result));
      }
      await flush(false);
    }
    await flush(true);
    await sql`analyze`.execute(k);
  }
  return { punches, days: results, firstDepartment: departments[0] };
}

/** Wall time, and the CPU time of this process (the database server's own work is in the wall time only). */
async function time<T>(label: string, work: () => Promise<T>, note: (value: T) => string = () => '') {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = await work();
  const wall = ms(t0);
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `  ${label}: ${fmt(wall)} ms wall, ${fmt((cpu.user + cpu.system) / 1000)} ms CPU ${note(value)}`,
  );
  return value;
}

async function run(db: Db) {
  await migrateToLatest(db);
  const t0 = process.hrtime.bigint();
  const seeded = await seed(db);
  console.log(
    `  generate ${fmt(seeded.punches)} punches and ${fmt(seeded.days)} day results (bulk insert): ${fmt(ms(t0))} ms`,
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-bench-reports-'));
  const ctx: ServiceContext = {
    db,
    config: loadConfig({ DATA_DIR: dataDir }),
    now: () => NOW,
    log: { info() {}, warn() {}, error() {} },
  };
  const actor = systemActor('bench');
  const query = { month: MONTH, departmentId: seeded.firstDepartment };

  for (const pass of ['first', 'again']) {
    await time(
      `monthly grid, one ${DEPARTMENT_SIZE}-person department (${pass}; target < 1,000 ms)`,
      async () => JSON.stringify(await monthGrid(ctx, actor, { ...query, limit: DEPARTMENT_SIZE })).length,
      (bytes) => `(${fmt(bytes / 1024)} KB of JSON)`,
    );
  }
  await time('monthly summary of one department (JSON)', () => reportTable(ctx, actor, 'monthly', query));
  const xlsx = await time(
    `monthly summary XLSX for everyone (${fmt(EMPLOYEES)} rows; target < 30,000 ms)`,
    () => renderReport(ctx, actor, { report: 'monthly', format: 'xlsx', month: MONTH, language: 'zh-CN' }),
    (file) => `(${fmt(file.data.length / 1024)} KB)`,
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.data as unknown as ArrayBuffer);
  console.log(`    read back: ${fmt(book.worksheets[0].rowCount - 4)} employee rows and a total`);
  await time('monthly summary CSV for everyone', () =>
    renderReport(ctx, actor, { report: 'monthly', format: 'csv', month: MONTH }),
  );
  await time('department statistics for everyone', () =>
    reportTable(ctx, actor, 'departments', { month: MONTH }),
  );
  await time('charts for everyone (6 months)', () => reportCharts(ctx, actor, { month: MONTH }));
  await time('daily report for everyone', () => reportTable(ctx, actor, 'daily', { date: '2025-04-15' }));
  await time(
    'data review for everyone',
    () => monthReview(ctx, actor, { month: MONTH, marginBelow: 0.1 }),
    (r) => `(${fmt(r.items.length)} items listed)`,
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function main() {
  console.log(
    `reports: ${fmt(EMPLOYEES)} employees in departments of ${DEPARTMENT_SIZE}, ${MONTH} (${DATES.length} days)`,
  );
  await onEachDatabase(ONLY, (db) => run(db));
}

await main();
