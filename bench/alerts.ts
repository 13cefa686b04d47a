import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { scanAnomalies } from '../src/services/alerts/scan.js';
import type { ServiceContext } from '../src/services/context.js';
import { deliverDue } from '../src/services/notify/index.js';
import { enqueue } from '../src/services/notify/outbox.js';
import { sealWebhookSecret } from '../src/services/notify/secret.js';
import { onEachDatabase } from './each-database.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const EMPLOYEES = Number(arg('employees') ?? 2_000);
const ONLY = arg('only');
const DAY = 86_400_000;
const NOW = Date.parse('2025-10-20T01:00:00Z'); // Monday 09:00 in Shanghai
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

async function time<T>(label: string, work: () => Promise<T>, note: (v: T) => string = () => '') {
  const t0 = process.hrtime.bigint();
  const value = await work();
  console.log(`  ${label}: ${fmt(ms(t0))} ms ${note(value)}`);
  return value;
}

function punchRow(employeeId: number, at: number, siteId: number) {
  const iso = new Date(at).toISOString();
  return {
    employee_id: employeeId,
    at: iso,
    site_id: siteId,
    device_id: null,
    method: 'face' as const,
    direction: (new Date(at).getUTCHours() < 5 ? 'in' : 'out') as 'in' | 'out',
    idempotency_key: null,
    device_time: null,
    clock_skew_ms: null,
    match_score: 0.97,
    match_margin: 0.2,
    flags: '[]',
    evidence: null,
    evidence_expires_at: null,
    note: null,
    created_at: iso,
    created_by_user_id: null,
  };
}

async function run(db: Db) {
  const ctx: ServiceContext = {
    db,
    config: loadConfig({}, { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-bench-')) }),
    now: () => new Date(NOW),
    log: { info() {}, warn() {}, error() {} },
  };
  await migrateToLatest(db);
  const k = db.kysely;
  const at = new Date(NOW).toISOString();
  const sites: number[] = [];
  for (const [name, lat, lon] of [
    ['Shanghai', 31.23, 121.47],
    ['Suzhou', 31.3, 120.58],
  ] as const) {
    const r = await k
      .insertInto('sites')
      .values({
        name,
        address: null,
        time_zone: 'Asia/Shanghai',
        latitude: lat,
        longitude: lon,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    sites.push(r.id);
  }
  const employees: number[] = [];
  for (let i = 0; i < EMPLOYEES; i += 500) {
    const rows = await k
      .insertInto('employees')
      .values(
        Array.from({ length: Math.min(500, EMPLOYEES - i) }, (_, j) => ({
          employee_no: `E${i + j}`,
          name: `Person ${i + j}`,
          department_id: null,
          position_id: null,
          site_id: sites[(i + j) % 2],
          hire_date: null,
          termination_date: null,
          status: 'active' as const,
          phone: null,
          email: null,
          pin_hash: null,
          created_at: at,
          updated_at: at,
        })),
      )
      .returning('id')
      .execute();
    employees.push(...rows.map((r) => r.id));
  }
  const history = [];
  for (const [n, e] of employees.entries())
    for (let d = 42; d >= 1; d--) {
      const day = NOW - d * DAY;
      if (new Date(day).getUTCDay() % 6 === 0) continue;
      const jitter = ((n * 7 + d * 13) % 20) * 60_000;
      history.push(punchRow(e, day - 10 * 60_000 + jitter, sites[n % 2]));
      history.push(punchRow(e, day + 9 * 3_600_000 + jitter, sites[n % 2]));
    }
  for (let i = 0; i < history.length; i += 1000)
    await k
      .insertInto('punches')
      .values(history.slice(i, i + 1000))
      .execute();
  console.log(`  seeded ${fmt(employees.length)} employees, ${fmt(history.length)} punches`);
  await time(
    'first scan of the whole history (cursor at 0)',
    async () => {
      let raised = 0;
      for (;;) {
        const r = await scanAnomalies(ctx);
        raised += r.raised.length;
        if (r.punches === 0) return raised;
      }
    },
    (n) => `(${n} alerts)`,
  );

  await k
    .insertInto('punches')
    .values(punchRow(employees[0], NOW - 3 * 3_600_000, sites[0]))
    .execute();
  await time(
    'scan after one punch (a 06:00 punch: unusual time)',
    () => scanAnomalies(ctx),
    (r) => `(${r.raised.length} alert)`,
  );

  const rush = employees.slice(0, 500).map((e, n) => punchRow(e, NOW + n * 1000, sites[n % 2]));
  await k.insertInto('punches').values(rush).execute();
  await time(
    'scan of a rush of 500 new punches',
    () => scanAnomalies(ctx),
    (r) => `(${r.punches} punches, ${r.raised.length} alerts)`,
  );

  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const channel = await k
    .insertInto('notify_channels')
    .values({ kind: 'webhook', name: 'bench', url, secret: null, enabled: 1, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await k
    .updateTable('notify_channels')
    .set({ secret: sealWebhookSecret(ctx, channel.id, 's') })
    .where('id', '=', channel.id)
    .execute();
  for (let i = 0; i < 200; i++)
    await enqueue(k, at, {
      channel: 'webhook',
      channelId: channel.id,
      kind: 'bench',
      summary: `message ${i}`,
      payload: { kind: 'bench', title: { en: 'x', 'zh-CN': 'x' }, body: { en: 'y', 'zh-CN': 'y' }, at },
    });
  await time(
    'deliver 200 signed webhook messages',
    () => deliverDue(ctx),
    (r) => `(${r.sent} sent, receiver got ${received})`,
  );
  server.close();
}

await onEachDatabase(ONLY, (db) => run(db));
