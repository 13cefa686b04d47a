// Benchmark: recompute a month of attendance through the database, on SQLite and on PostgreSQL.
// Default: 10,000 employees × April 2025 (30 days) × 4 punches a day = 1.2 million punches, generated with
// bulk inserts; then every employee-day is recomputed (loaded, evaluated, written with its summary columns),
// and recomputed again with nothing changed (every result compared, nothing written).
//
//   npx tsx bench/attendance/recompute-db.ts [--employees 10000] [--only sqlite|postgres] [--workers N]
//   PostgreSQL: TEST_DATABASE_URL, else postgres://$USER@127.0.0.1/test (skipped when unreachable)

import { sql } from 'kysely';
import { datesInRange } from '../../src/core/time/date.js';
import { fromLocal } from '../../src/core/time/zone.js';
import type { Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadModel } from '../../src/services/attendance/model.js';
import { recompute, targetFromRange } from '../../src/services/attendance/recompute.js';
import { onEachDatabase } from '../each-database.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const EMPLOYEES = Number(arg('employees') ?? 10_000);
const ONLY = arg('only');
/** Evaluation workers (default: one per core when the recompute is large; 0 or 1: evaluate in this thread). */
const WORKERS = arg('workers') === undefined ? undefined : Number(arg('workers'));
const FROM = '2025-04-01';
const TO = '2025-04-30';
const ZONE = 'Asia/Shanghai';
const NOW = new Date('2025-05-06T02:00:00Z');

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** Four punches a day around the office shift, a few minutes of jitter, some people late. */
function punchesOf(employee: number, date: string): string[] {
  const seed = (employee * 7919 + date.charCodeAt(9) * 104729 + date.charCodeAt(8) * 31) % 1000;
  const jitter = (k: number) => ((seed * (k + 3)) % 17) - 8;
  const minutes = [
    9 * 60 - 5 + jitter(1) + (seed % 50 === 0 ? 25 : 0),
    12 * 60 + 2 + jitter(2),
    12 * 60 + 58 + jitter(3),
    18 * 60 + 3 + jitter(4),
  ];
  return minutes.map((m) => new Date(fromLocal(date, m, ZONE)).toISOString());
}

async function seed(db: Db): Promise<number> {
  const now = NOW.toISOString();
  const k = db.kysely;
  const dept = await k
    .insertInto('departments')
    .values({ name: 'Bench', code: 'BENCH', parent_id: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < EMPLOYEES; i += 1000) {
    await k
      .insertInto('employees')
      .values(
        Array.from({ length: Math.min(1000, EMPLOYEES - i) }, (_, j) => ({
          employee_no: `B${String(i + j + 1).padStart(6, '0')}`,
          name: `Bench ${i + j + 1}`,
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
  await k
    .insertInto('shifts')
    .values({
      code: 'office',
      name: 'Office',
      definition: JSON.stringify({
        kind: 'fixed',
        segments: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ],
        rules: { punchMode: 'everyPair' },
      }),
      created_at: now,
      updated_at: now,
    })
    .execute();
  const group = await k
    .insertInto('attendance_groups')
    .values({
      name: 'Office',
      zone: ZONE,
      calendar_id: null,
      rules: JSON.stringify({ lateGraceMinutes: 5, lateAsAbsence: { halfDayAfterMinutes: 60 } }),
      versions: JSON.stringify([
        {
          effectiveFrom: '2025-01-01',
          schedule: {
            kind: 'weekly',
            days: { mon: 'office', tue: 'office', wed: 'office', thu: 'office', fri: 'office' },
          },
        },
      ]),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await k
    .insertInto('attendance_group_members')
    .values({
      group_id: group.id,
      employee_id: null,
      department_id: dept.id,
      from_date: '2025-01-01',
      to_date: null,
    })
    .execute();

  // Punches in bulk: a prepared statement in one transaction on SQLite, array-bound inserts on PostgreSQL.
  const ids = (await k.selectFrom('employees').select('id').orderBy('id').execute()).map((e) => e.id);
  const dates = datesInRange(FROM, TO);
  let count = 0;
  if (db.dialect === 'sqlite') {
    const stmt = db.sqlite!.prepare(
      "insert into punches (employee_id, at, method, flags, created_at) values (?, ?, 'face', '[]', ?)",
    );
    db.sqlite!.transaction(() => {
      for (const id of ids) {
        for (const d of dates) {
          for (const at of punchesOf(id, d)) {
            stmt.run(id, at, now);
            count++;
          }
        }
      }
    })();
  } else {
    const batch: { id: number; at: string }[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await sql`insert into punches (employee_id, at, method, flags, created_at)
        select e, a, 'face', '[]', ${now} from unnest(${batch.map((b) => b.id)}::int[], ${batch.map((b) => b.at)}::text[]) as u(e, a)`.execute(
        k,
      );
      count += batch.length;
      batch.length = 0;
    };
    for (const id of ids) {
      for (const d of dates) for (const at of punchesOf(id, d)) batch.push({ id, at });
      if (batch.length >= 20_000) await flush();
    }
    await flush();
    await sql`analyze`.execute(k);
  }
  return count;
}

async function run(label: string, db: Db) {
  await migrateToLatest(db);
  let t0 = process.hrtime.bigint();
  const punches = await seed(db);
  console.log(`  generate ${fmt(punches)} punches (bulk insert): ${fmt(ms(t0))} ms`);
  const ctx = { db, now: () => NOW };
  const model = await loadModel(db.kysely);
  const target = targetFromRange(model.employees.keys(), FROM, TO);

  for (const pass of ['first (every day written)', 'again (nothing changed)']) {
    const cpu0 = process.cpuUsage();
    t0 = process.hrtime.bigint();
    const stats = await recompute(ctx, await loadModel(db.kysely), target, 'bench', undefined, {
      workers: WORKERS,
    });
    const wall = ms(t0);
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `  recompute ${pass}: ${fmt(wall)} ms wall, ${fmt((cpu.user + cpu.system) / 1000)} ms CPU of this process; ` +
        `${fmt(stats.evaluated)} employee-days, ${fmt(stats.written)} written, ${fmt(stats.unchanged)} unchanged; ` +
        `${fmt((stats.evaluated / wall) * 1000)} days/s`,
    );
  }
  const late = await db.kysely
    .selectFrom('day_results')
    .select([sql<number>`count(*)`.as('n'), sql<number>`sum(late_minutes)`.as('late')])
    .executeTakeFirstOrThrow();
  console.log(
    `  ${label}: ${fmt(Number(late.n))} day results stored, ${fmt(Number(late.late))} late minutes in all`,
  );
}

async function main() {
  console.log(
    `attendance recompute through the database: ${fmt(EMPLOYEES)} employees × ${datesInRange(FROM, TO).length} days × 4 punches`,
  );
  await onEachDatabase(ONLY, (db, label) => run(label, db));
}

await main();
