// The data a load run needs, written straight into the database (fast, like an import would): a site, one
// paired device per kiosk (only the token's hash is stored, as pairing does), active employees with a PIN,
// and the daily jobs' current runs marked done so a backup does not start in the middle of a measurement.
// Faces are enrolled through the API (the real engine, sealed templates, the index of every instance).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { loadConfig } from '../../src/config.js';
import { dueSlot } from '../../src/core/jobs/slots.js';
import { issueQrCode } from '../../src/core/kiosk/qr-code.js';
import { openDb } from '../../src/db/database.js';
import { scheduledJobs } from '../../src/jobs/index.js';
import { loadKeyring } from '../../src/services/crypto/keyring.js';
import { hashSecret } from '../../src/services/passwords.js';
import type { ApiClient } from '../../test/helpers/server.js';
import { byIdentity, facesDir } from '../../test/http/faces-fixtures.js';
import { enrolledEmployee } from '../../test/http/kiosk-fixtures.js';

export const PIN = '731946';

export interface Seeded {
  departmentId: number;
  tokens: string[];
  employees: { id: number; employeeNo: string }[];
}

export async function seed(
  target: { databaseUrl?: string; dataDir: string; pgSchema?: string },
  counts: { kiosks: number; employees: number },
): Promise<Seeded> {
  const db = openDb({ databaseUrl: target.databaseUrl, dataDir: target.dataDir, pgSchema: target.pgSchema });
  try {
    const now = new Date().toISOString();
    const site = await db.kysely
      .insertInto('sites')
      .values({ name: 'Bench plant', time_zone: 'Asia/Shanghai', created_at: now, updated_at: now } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const department = await db.kysely
      .insertInto('departments')
      .values({ name: 'Production', code: 'PROD', parent_id: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const tokens: string[] = [];
    const devices = [];
    for (let i = 0; i < counts.kiosks; i++) {
      const token = randomBytes(24).toString('base64url');
      tokens.push(token);
      devices.push({
        name: `Bench kiosk ${i + 1}`,
        site_id: site.id,
        direction: 'both' as const,
        status: 'active' as const,
        token_hash: createHash('sha256').update(token).digest('hex'),
        pairing_code_hash: null,
        pairing_expires_at: null,
        created_at: now,
        updated_at: now,
        paired_at: now,
      });
    }
    for (let i = 0; i < devices.length; i += 100) {
      await db.kysely
        .insertInto('devices')
        .values(devices.slice(i, i + 100))
        .execute();
    }
    const pinHash = await hashSecret(PIN);
    const employees: Seeded['employees'] = [];
    for (let i = 0; i < counts.employees; i += 200) {
      const rows = Array.from({ length: Math.min(200, counts.employees - i) }, (_, k) => ({
        employee_no: `L${String(i + k + 1).padStart(6, '0')}`,
        name: `Load ${i + k + 1}`,
        site_id: site.id,
        department_id: department.id,
        status: 'active' as const,
        pin_hash: pinHash,
        created_at: now,
        updated_at: now,
      }));
      const ids = await db.kysely
        .insertInto('employees')
        .values(rows as never)
        .returning(['id', 'employee_no'])
        .execute();
      employees.push(...ids.map((r) => ({ id: r.id, employeeNo: r.employee_no })));
    }
    // The daily jobs of today count as done: the benchmark measures punches, not a backup.
    const at = Date.now();
    for (const job of scheduledJobs(loadConfig(process.env))) {
      if (!('dailyAt' in job.schedule)) continue;
      await db.kysely
        .insertInto('job_runs')
        .values({
          job: job.name,
          slot: dueSlot(job.schedule, at),
          instance: 'bench',
          status: 'ok',
          started_at: now,
          finished_at: now,
          result: '"skipped by the load benchmark"',
        })
        .execute()
        .catch(() => undefined);
    }
    return { departmentId: department.id, tokens, employees };
  } finally {
    await db.close();
  }
}

/** QR punch codes as the employee's phone shows them, signed with the installation's key. */
export function qrIssuer(dataDir: string) {
  const keyring = loadKeyring({ dataDir });
  const qrKey = createHmac('sha256', keyring.current.key).update('faceclock-qr-punch-v1').digest();
  const sign = (payload: string) =>
    createHmac('sha256', qrKey).update(payload).digest('base64url').slice(0, 22);
  return (employeeId: number) => issueQrCode(employeeId, Date.now(), { periodSeconds: 30 }, sign).text;
}

async function crop(file: string, width: number): Promise<Buffer> {
  return sharp(`${facesDir}/${file}`)
    .rotate()
    .resize({ width, height: width, fit: 'inside' })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** Enrolls one photo of each shared identity; returns another photo of each as a kiosk crop (480 px). */
export async function enrollFaces(admin: ApiClient): Promise<{ probes: string[]; evidence: string }> {
  const probes: string[] = [];
  let n = 0;
  for (const [identity, files] of byIdentity()) {
    if (files.length < 2) continue;
    const ok = await enrolledEmployee(admin, `F${++n}`, identity, files[0]).catch(() => null);
    if (ok !== null) probes.push((await crop(files[1], 480)).toString('base64'));
  }
  const first = [...byIdentity().values()][0][0];
  return { probes, evidence: (await crop(first, 160)).toString('base64') };
}

/** Everyone in the department works a 9–18 shift every day, so each punch has a day to recompute. */
export async function scheduleEveryone(admin: ApiClient, departmentId: number): Promise<void> {
  const shift = await admin.post('/api/attendance/shifts', {
    code: 'bench',
    name: 'Bench 9–18',
    definition: { kind: 'fixed', segments: [{ start: '09:00', end: '18:00' }] },
  });
  if (shift.status !== 201) throw new Error(`shift: ${JSON.stringify(shift.body)}`);
  const calendars = (await admin.get('/api/attendance/calendars')).body as { id: number }[];
  const days = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, 'bench']));
  const group = await admin.post('/api/attendance/groups', {
    name: 'Bench plant',
    zone: 'Asia/Shanghai',
    calendarId: calendars[0].id,
    rules: {},
    versions: [{ effectiveFrom: '2025-01-01', schedule: { kind: 'weekly', days } }],
  });
  if (group.status !== 201) throw new Error(`group: ${JSON.stringify(group.body)}`);
  const from = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const members = await admin.put(`/api/attendance/groups/${group.body.id}/members`, {
    members: [{ departmentId, from }],
  });
  if (members.status !== 200) throw new Error(`members: ${JSON.stringify(members.body)}`);
}
