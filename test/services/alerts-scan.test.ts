// The anomaly scan on a real SQLite database, over a rush of punches at several devices: buddy punching by PIN
// at one device is raised once, at the punch that brings the third person, even across the scan's batches and
// when a kiosk's punches arrive out of time order; the same people spread over devices raise nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { type Db, openDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { scanAnomalies } from '../../src/services/alerts/scan.js';
import type { ServiceContext } from '../../src/services/context.js';

const T0 = Date.parse('2026-03-16T00:30:00Z'); // 08:30 in Shanghai
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const quiet = { info() {}, warn() {}, error() {} };

let db: Db;
let dir: string;
let ctx: ServiceContext;
const people: number[] = [];
const devices: number[] = [];

async function addPunch(employeeId: number, deviceId: number, at: number, method: 'face' | 'pin' | 'qr') {
  return (
    await db.kysely
      .insertInto('punches')
      .values({
        employee_id: employeeId,
        at: iso(at),
        device_id: deviceId,
        method,
        direction: 'in',
        match_score: method === 'face' ? 0.95 : null,
        match_margin: method === 'face' ? 0.2 : null,
        flags: '[]',
        created_at: iso(at),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-scan-'));
  db = openDb({ dataDir: dir });
  await migrateToLatest(db);
  ctx = { db, config: loadConfig({}, { dataDir: dir }), now: () => new Date(T0 + 60 * MIN), log: quiet };
  const now = iso(T0);
  const dept = (
    await db.kysely
      .insertInto('departments')
      .values({ name: 'Line', code: 'L', parent_id: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (let i = 1; i <= 60; i++) {
    const e = await db.kysely
      .insertInto('employees')
      .values({
        employee_no: `W${i}`,
        name: `Worker ${i}`,
        department_id: dept,
        position_id: null,
        site_id: null,
        hire_date: '2024-01-01',
        termination_date: null,
        status: 'active',
        phone: null,
        email: null,
        pin_hash: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    people.push(e.id);
  }
  for (const name of ['Gate A', 'Gate B', 'Gate C', 'Gate D']) {
    const d = await db.kysely
      .insertInto('devices')
      .values({ name, site_id: null, direction: 'both', status: 'active', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    devices.push(d.id);
  }
});

after(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('PIN punches by several people at one device raise one alert; spread over devices, none', async () => {
  const [a, b, c, d] = devices;
  // Face punches at every device all through the window: they never count, and they push the PIN punches
  // of device A across the scan's first batch boundary (500 punches).
  let filler = 0;
  const face = async (n: number) => {
    for (let i = 0; i < n; i++, filler++) {
      await addPunch(people[20 + (filler % 40)], devices[filler % 4], T0 + (filler % 240) * 1000, 'face');
    }
  };
  await face(497);
  // Device A: five people by PIN (and QR) within two minutes. The third person makes the alert.
  const atA: number[] = [];
  for (let i = 0; i < 5; i++) {
    atA.push(await addPunch(people[i], a, T0 + i * 30_000, i === 3 ? 'qr' : 'pin'));
    await face(1);
  }
  // Devices B and C: four other people, two at each, within the same minutes. No device sees three.
  for (let i = 0; i < 4; i++) await addPunch(people[5 + i], i % 2 === 0 ? b : c, T0 + i * 20_000, 'pin');
  await face(300);
  // Device D: a kiosk that was offline uploads late; the earliest punch is recorded last. In time order the
  // third person is the one at 08:32.
  const d1 = await addPunch(people[10], d, T0 + 1 * MIN, 'pin');
  const d2 = await addPunch(people[11], d, T0 + 2 * MIN, 'pin');
  const d0 = await addPunch(people[12], d, T0, 'pin');
  // Device A again, long after the window: one person alone raises nothing.
  await addPunch(people[13], a, T0 + 30 * MIN, 'pin');

  const result = await scanAnomalies(ctx);
  assert.equal(result.punches, 497 + 5 + 5 + 4 + 300 + 4);

  const alerts = await db.kysely
    .selectFrom('alerts')
    .select(['dedupe_key', 'device_id', 'details', 'evidence'])
    .where('kind', '=', 'non_face_device')
    .orderBy('device_id')
    .execute();
  assert.deepEqual(
    alerts.map((x) => ({
      key: x.dedupe_key,
      deviceId: x.device_id,
      details: JSON.parse(x.details),
      evidence: JSON.parse(x.evidence),
    })),
    [
      {
        key: `non_face_device:${a}:${atA[2]}`,
        deviceId: a,
        details: { people: 3, windowMinutes: 5, employeeIds: people.slice(0, 3) },
        evidence: { punchIds: atA.slice(0, 3) },
      },
      {
        key: `non_face_device:${d}:${d2}`,
        deviceId: d,
        details: { people: 3, windowMinutes: 5, employeeIds: [people[12], people[10], people[11]] },
        evidence: { punchIds: [d1, d2, d0] },
      },
    ],
  );

  // A second scan finds nothing new and raises nothing again.
  const again = await scanAnomalies(ctx);
  assert.deepEqual(again, { punches: 0, attempts: 0, raised: [] });
});
