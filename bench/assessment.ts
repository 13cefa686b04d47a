// Benchmark: the monthly assessment of a company (default 5,000 employees, a month of engine-made day results),
// on SQLite and on PostgreSQL: the pure rules alone (summary, score, ledger per employee), storing every result
// (first computation: all written; again: nothing changed, nothing written), the payroll ledger XLSX for
// everyone and the public list. The recompute of the days themselves is the attendance benchmark's business.
//
//   npx tsx bench/assessment.ts [--employees 5000] [--only sqlite|postgres]
//   PostgreSQL: TEST_DATABASE_URL, else postgres://$USER@127.0.0.1/test (skipped when unreachable)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { metricsOf, scoreOf } from '../src/core/assessment/formula.js';
import { ledgerOf } from '../src/core/assessment/ledger.js';
import { evaluateDay } from '../src/core/attendance/evaluate-day.js';
import { monthSummary } from '../src/core/attendance/month-summary.js';
import type { DayResult } from '../src/core/attendance/result.js';
import type { FixedShift } from '../src/core/attendance/shift.js';
import { datesInRange, weekday } from '../src/core/time/date.js';
import { fromLocal } from '../src/core/time/zone.js';
import type { Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemActor } from '../src/services/actor.js';
import { writeMonthResults } from '../src/services/assessment/results.js';
import { DEFAULT_ASSESSMENT_SETTINGS } from '../src/services/assessment/settings.js';
import { exportMonth, publication } from '../src/services/assessment/statements.service.js';
import { DAY_ROW_COLUMNS, dayRowValues } from '../src/services/attendance/day-rows.js';
import type { ServiceContext } from '../src/services/context.js';
import { onEachDatabase } from './each-database.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const EMPLOYEES = Number(arg('employees') ?? 5_000);
const ONLY = arg('only');
const MONTH = '2025-04';
const DATES = datesInRange('2025-04-01', '2025-04-30');
const ZONE = 'Asia/Shanghai';
const NOW = new Date('2025-05-06T02:00:00Z');
const SETTINGS = {
  ...DEFAULT_ASSESSMENT_SETTINGS,
  rules: [
    ...DEFAULT_ASSESSMENT_SETTINGS.rules,
    {
      id: 'missing',
      name: '缺卡',
      kind: 'missingPunch' as const,
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      freeCount: 1,
      amountFen: 1000,
    },
  ],
};

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
/** Mostly on time; some late (a little or a lot), early, missing a punch or absent. */
const VARIANTS = [
  { weight: 70, clocks: ['08:52', '18:04'] },
  { weight: 10, clocks: ['09:08', '18:02'] },
  { weight: 5, clocks: ['09:41', '18:10'] },
  { weight: 5, clocks: ['08:55', '17:35'] },
  { weight: 6, clocks: ['08:58'] },
  { weight: 4, clocks: [] },
];
const TOTAL = VARIANTS.reduce((a, v) => a + v.weight, 0);

function templates(): Map<string, DayResult[]> {
  const out = new Map<string, DayResult[]>();
  for (const date of DATES) {
    const rest = weekday(date) === 0 || weekday(date) === 6;
    out.set(
      date,
      (rest ? [{ weight: 1, clocks: [] as string[] }] : VARIANTS).map((v) =>
        evaluateDay({
          employeeId: '0',
          date,
          zone: ZONE,
          dayType: rest ? 'restDay' : 'workday',
          shift: rest ? null : OFFICE,
          rules: { lateGraceMinutes: 0 },
          punches: v.clocks.map((c, i) => {
            const [h, m] = c.split(':').map(Number);
            return {
              at: new Date(fromLocal(date, h * 60 + m, ZONE)).toISOString(),
              id: `p${i}`,
              source: 'face',
            };
          }),
        }),
      ),
    );
  }
  return out;
}

function pick(employee: number, date: string, count: number): number {
  if (count === 1) return 0;
  const seed = (employee * 7919 + Number(date.slice(8)) * 104729) % TOTAL;
  let acc = 0;
  for (let i = 0; i < VARIANTS.length; i++) {
    acc += VARIANTS[i].weight;
    if (seed < acc) return i;
  }
  return 0;
}

const monthOf = (days: Map<string, DayResult[]>, id: number) =>
  DATES.map((date) => {
    const v = days.get(date)!;
    return { ...v[pick(id, date, v.length)], employeeId: String(id) };
  });

async function seed(db: Db, days: Map<string, DayResult[]>): Promise<number[]> {
  const now = NOW.toISOString();
  const k = db.kysely;
  const dept = await k
    .insertInto('departments')
    .values({ name: '生产部', code: 'P', parent_id: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < EMPLOYEES; i += 1000) {
    await k
      .insertInto('employees')
      .values(
        Array.from({ length: Math.min(1000, EMPLOYEES - i) }, (_, j) => ({
          employee_no: `B${String(i + j + 1).padStart(6, '0')}`,
          name: `员工${i + j + 1}`,
          department_id: dept.id,
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
  const rowOf = (id: number, result: DayResult) => {
    const v = dayRowValues(id, null, result);
    return [...DAY_ROW_COLUMNS.slice(0, -3).map((c) => v[c as keyof typeof v]), 1, 'bench', now];
  };
  if (db.dialect === 'sqlite') {
    const insert = db.sqlite!.prepare(
      `insert into day_results (${DAY_ROW_COLUMNS.join(', ')}) values (${DAY_ROW_COLUMNS.map(() => '?').join(', ')})`,
    );
    db.sqlite!.transaction(() => {
      for (const id of ids) for (const d of monthOf(days, id)) insert.run(...rowOf(id, d));
    })();
  } else {
    let rows: unknown[][] = [];
    for (const id of ids) {
      for (const d of monthOf(days, id)) rows.push(rowOf(id, d));
      if (rows.length >= 2000 || id === ids[ids.length - 1]) {
        const values = sql.join(rows.map((r) => sql`(${sql.join(r)})`));
        await sql`insert into day_results (${sql.raw(DAY_ROW_COLUMNS.join(', '))}) values ${values}`.execute(
          k,
        );
        rows = [];
      }
    }
    await sql`analyze`.execute(k);
  }
  return ids;
}

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

async function run(db: Db, days: Map<string, DayResult[]>) {
  await migrateToLatest(db);
  const t0 = process.hrtime.bigint();
  const ids = await seed(db, days);
  console.log(`  generate ${fmt(ids.length * DATES.length)} day results (bulk insert): ${fmt(ms(t0))} ms`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-bench-assessment-'));
  const ctx: ServiceContext = {
    db,
    config: loadConfig({ DATA_DIR: dataDir }),
    now: () => NOW,
    log: { info() {}, warn() {}, error() {} },
  };
  const actor = systemActor('bench');
  const employees = ids.map((id) => ({ id, position_id: null }));
  for (const pass of ['first: every result written', 'again: nothing changed']) {
    await time(
      `results for everyone (${pass})`,
      () =>
        db.kysely
          .transaction()
          .execute((trx) => writeMonthResults(trx, SETTINGS, MONTH, employees, 'bench', NOW.toISOString())),
      (changed) => `(${fmt(changed)} written)`,
    );
  }
  await db.kysely
    .insertInto('assessment_cycles')
    .values({
      month: MONTH,
      status: 'published',
      computed_at: null,
      computed_by_name: null,
      reviewed_at: null,
      reviewed_by_name: null,
      published_at: NOW.toISOString(),
      published_by_name: 'bench',
      appeal_until: '2025-05-13',
      closed_at: null,
      closed_by_name: null,
      rules: '{}',
    })
    .execute();
  await time(
    'payroll ledger XLSX for everyone',
    () => exportMonth(ctx, actor, { month: MONTH, kind: 'ledger', format: 'xlsx' }, 'zh-CN'),
    (f) => `(${fmt(f.bytes.length / 1024)} KB)`,
  );
  await time(
    'performance XLSX for everyone',
    () => exportMonth(ctx, actor, { month: MONTH, kind: 'assessment', format: 'xlsx' }, 'zh-CN'),
    (f) => `(${fmt(f.bytes.length / 1024)} KB)`,
  );
  await time(
    'public list (公示) for everyone',
    async () => JSON.stringify(await publication(ctx, actor, MONTH)).length,
    (bytes) => `(${fmt(bytes / 1024)} KB of JSON)`,
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function main() {
  console.log(`assessment: ${fmt(EMPLOYEES)} employees, ${MONTH} (${DATES.length} days)`);
  const days = templates();
  const months = Array.from({ length: EMPLOYEES }, (_, i) => monthOf(days, i + 1));
  await time(
    'rules alone: summary, score and ledger per employee (in memory)',
    async () => {
      let lines = 0;
      for (const m of months) {
        const summary = monthSummary(m);
        scoreOf(SETTINGS.formula, metricsOf(summary));
        lines += ledgerOf({ month: MONTH, days: m, summary, grade: null, rules: SETTINGS.rules }).lines
          .length;
      }
      return lines;
    },
    (lines) => `(${fmt(lines)} ledger lines)`,
  );
  await onEachDatabase(ONLY, (db) => run(db, days));
}

await main();
