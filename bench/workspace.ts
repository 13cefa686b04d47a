// Benchmark: the workspace on a company of 5,000 employees (departments of 250) in one attendance group with a
// 9–18 shift, at 10:30 on a Monday when most have punched in. The dashboard evaluates every employee in the
// reader's scope for today on each call (the console reloads it every minute and after punches), so its time
// grows with the scope; also timed: a manager's dashboard (one department), the punch log's first page (all,
// and one department), and one employee's month as a calendar. Figures only; nothing is asserted.
//
//   npx tsx bench/workspace.ts [--employees 5000] [--only sqlite|postgres]
//   PostgreSQL: TEST_DATABASE_URL, else postgres://$USER@127.0.0.1/test (skipped when unreachable)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { type Actor, systemActor } from '../src/services/actor.js';
import { createGroup, setMembers } from '../src/services/attendance/groups.service.js';
import { createShift } from '../src/services/attendance/shifts.service.js';
import type { ServiceContext } from '../src/services/context.js';
import { dashboard } from '../src/services/workspace/dashboard.service.js';
import { employeeCalendar, punchLog } from '../src/services/workspace/records.service.js';
import { onEachDatabase } from './each-database.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const EMPLOYEES = Number(arg('employees') ?? 5_000);
const DEPARTMENT_SIZE = 250;
const ONLY = arg('only');
// Monday 20 October 2025, 10:30 in Shanghai.
const NOW = new Date('2025-10-20T02:30:00Z');

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

async function time<T>(label: string, work: () => Promise<T>, note: (value: T) => string = () => '') {
  const t0 = process.hrtime.bigint();
  const value = await work();
  console.log(`  ${label}: ${fmt(ms(t0))} ms ${note(value)}`);
  return value;
}

/** Departments, employees, one group for all, and the punches of the past week and of this morning. */
async function seed(ctx: ServiceContext): Promise<{ departments: number[]; punches: number }> {
  const k = ctx.db.kysely;
  const now = NOW.toISOString();
  const departments: number[] = [];
  for (let d = 0; d < Math.ceil(EMPLOYEES / DEPARTMENT_SIZE); d++) {
    const row = await k
      .insertInto('departments')
      .values({ name: `部门 ${d + 1}`, code: `D${d + 1}`, parent_id: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    departments.push(row.id);
  }
  // The group first: with nobody in it yet, joining it recomputes nothing.
  const admin = systemActor('bench');
  await createShift(ctx, admin, {
    code: 'office',
    name: 'Office',
    definition: {
      kind: 'fixed',
      segments: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ],
    },
  });
  const group = await createGroup(ctx, admin, {
    name: 'Everyone',
    zone: 'Asia/Shanghai',
    calendarId: null,
    rules: {},
    versions: [
      {
        effectiveFrom: '2025-01-01',
        schedule: {
          kind: 'weekly',
          days: { mon: 'office', tue: 'office', wed: 'office', thu: 'office', fri: 'office' },
        },
      },
    ],
  } as never);
  await setMembers(
    ctx,
    admin,
    (group as { id: number }).id,
    departments.map((departmentId) => ({ departmentId, employeeId: null, from: '2025-01-01', to: null })),
  );
  for (let i = 0; i < EMPLOYEES; i += 1000) {
    await k
      .insertInto('employees')
      .values(
        Array.from({ length: Math.min(1000, EMPLOYEES - i) }, (_, j) => ({
          employee_no: `W${String(i + j + 1).padStart(6, '0')}`,
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
  // Last week's full days and this morning's arrivals for 85 %, spread 08:20–09:30 local.
  const rows: { employee_id: number; at: string }[] = [];
  const days = ['2025-10-13', '2025-10-14', '2025-10-15', '2025-10-16', '2025-10-17'];
  for (const id of ids) {
    const minute = (id * 37) % 70;
    for (const date of days) {
      rows.push({
        employee_id: id,
        at: new Date(`${date}T00:${String(20 + (minute % 40)).padStart(2, '0')}:00Z`).toISOString(),
      });
      rows.push({ employee_id: id, at: `${date}T10:05:00.000Z` });
    }
    if (id % 20 < 17)
      rows.push({
        employee_id: id,
        at: new Date(Date.parse('2025-10-20T00:20:00Z') + minute * 60_000).toISOString(),
      });
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await k
      .insertInto('punches')
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          ...r,
          site_id: null,
          device_id: null,
          method: 'face' as const,
          direction: null,
          idempotency_key: null,
          device_time: null,
          clock_skew_ms: null,
          match_score: 0.9,
          match_margin: 0.1,
          flags: '[]',
          evidence: null,
          evidence_expires_at: null,
          note: null,
          created_at: r.at,
          created_by_user_id: null,
        })),
      )
      .execute();
  }
  return { departments, punches: rows.length };
}

async function run(db: Db) {
  await migrateToLatest(db);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-bench-workspace-'));
  const ctx: ServiceContext = {
    db,
    config: loadConfig({ DATA_DIR: dataDir }),
    now: () => NOW,
    log: { info() {}, warn() {}, error() {} },
  };
  const t0 = process.hrtime.bigint();
  const { departments, punches } = await seed(ctx);
  console.log(`  generate ${fmt(EMPLOYEES)} employees and ${fmt(punches)} punches: ${fmt(ms(t0))} ms`);
  const admin = systemActor('bench');
  const manager: Actor = {
    ...admin,
    kind: 'user',
    userId: null,
    roles: ['manager'],
    managedDepartmentIds: new Set([departments[0]]),
  };
  for (const pass of ['first', 'again', 'again']) {
    await time(
      `dashboard, everyone (${fmt(EMPLOYEES)}; ${pass})`,
      () => dashboard(ctx, admin),
      (d) => `(present ${d.total.present}, late ${d.total.late}, not yet in ${d.total.notYetIn})`,
    );
  }
  for (const pass of ['first', 'again']) {
    await time(`dashboard, a manager of ${DEPARTMENT_SIZE} (${pass})`, () => dashboard(ctx, manager));
  }
  await time(
    'punch log, first page of 50, everyone',
    () => punchLog(ctx, admin, {}),
    (r) => `(${fmt(r.total)} punches)`,
  );
  await time('punch log, one department and a week', () =>
    punchLog(ctx, admin, { departmentId: departments[1], from: '2025-10-13', to: '2025-10-19' }),
  );
  const someone = (await db.kysely.selectFrom('employees').select('id').limit(1).executeTakeFirstOrThrow())
    .id;
  await time('one employee’s month as a calendar', () =>
    employeeCalendar(ctx, admin, { employeeId: someone, month: '2025-10' }, 'zh-CN'),
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function main() {
  console.log(`workspace: ${fmt(EMPLOYEES)} employees in departments of ${DEPARTMENT_SIZE}`);
  await onEachDatabase(ONLY, (db) => run(db));
}

await main();
