// The workspace's test company: two departments (Assembly managed by mgr1, Buying), four employees and a 9–18
// office shift; on Monday 20 October 2025 at 10:30 in Shanghai Alice came on time, Bob late, Carol not yet, Dan
// is on sick leave; last week Alice worked a late day and Carol has face punches, one with an evidence crop.
// Used by the HTTP and the browser tests.
import assert from 'node:assert/strict';
import { seal } from '../../src/services/crypto/seal.js';
import { ensureFaceRuntime } from '../../src/services/face/runtime.js';
import { ApiClient, adminClient, type TestServer } from '../helpers/server.js';

/** Monday 20 October 2025, 10:30 in Shanghai (the company zone). */
export const MORNING = Date.parse('2025-10-20T02:30:00Z');
export const local = (date: string, time: string) => `${date}T${time}:00+08:00`;
export const PASSWORDS = {
  hr1: 'Hr-pass-2026',
  mgr1: 'Mgr-pass-2026',
  aud1: 'Aud-pass-2026',
  alice: 'Alice-pass-2026',
} as const;

export interface Workspace {
  admin: ApiClient;
  hr: ApiClient;
  manager: ApiClient;
  auditor: ApiClient;
  alice: ApiClient;
  deptA: number;
  deptB: number;
  ids: { alice: number; bob: number; carol: number; dan: number };
  evidencePunch: number;
  plainPunch: number;
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely
export async function ok(res: { status: number; body: any }, status = 200) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  return res.body;
}

/** A face punch as a kiosk stores it, with its evidence crop sealed when given. */
export async function facePunch(
  server: TestServer,
  employeeId: number,
  at: string,
  evidence: Uint8Array | null,
) {
  const db = server.ctx.db.kysely;
  const row = await db
    .insertInto('punches')
    .values({
      employee_id: employeeId,
      at: new Date(at).toISOString(),
      site_id: null,
      device_id: null,
      method: 'face',
      direction: 'in',
      idempotency_key: null,
      device_time: null,
      clock_skew_ms: null,
      match_score: 0.8,
      match_margin: 0.2,
      flags: '[]',
      evidence: null,
      evidence_expires_at: evidence ? '2026-01-01T00:00:00.000Z' : null,
      note: null,
      created_at: new Date(at).toISOString(),
      created_by_user_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (evidence) {
    const sealed = seal(ensureFaceRuntime(server.ctx).keyring, evidence, `punch_evidence:${row.id}`);
    await db.updateTable('punches').set({ evidence: sealed }).where('id', '=', row.id).execute();
  }
  return row.id;
}

export async function seedWorkspace(server: TestServer, evidenceJpeg: Uint8Array): Promise<Workspace> {
  const admin = await adminClient(server);
  const login = async (username: keyof typeof PASSWORDS) => {
    const client = new ApiClient(server.url);
    await client.login(username, PASSWORDS[username]);
    return client;
  };
  const deptA = (await ok(await admin.post('/api/departments', { name: 'Assembly', code: 'A' }), 201)).id;
  const deptB = (await ok(await admin.post('/api/departments', { name: 'Buying', code: 'B' }), 201)).id;
  const mk = async (no: string, name: string, departmentId: number) =>
    (
      await ok(
        await admin.post('/api/employees', { employeeNo: no, name, departmentId, hireDate: '2020-03-01' }),
        201,
      )
    ).id as number;
  const ids = {
    alice: await mk('A1', 'Alice', deptA),
    bob: await mk('A2', 'Bob', deptA),
    carol: await mk('B1', 'Carol', deptB),
    dan: await mk('B2', 'Dan', deptB),
  };
  const users: [keyof typeof PASSWORDS, object][] = [
    ['hr1', { roles: ['hr'] }],
    ['mgr1', { roles: ['manager'], managedDepartmentIds: [deptA] }],
    ['aud1', { roles: ['auditor'] }],
    ['alice', { roles: ['employee'], employeeId: ids.alice }],
  ];
  for (const [username, extra] of users)
    await ok(await admin.post('/api/users', { username, password: PASSWORDS[username], ...extra }), 201);
  const hr = await login('hr1');
  const manualPunch = async (employeeId: number, date: string, time: string) =>
    ok(await hr.post('/api/attendance/punches', { employeeId, at: local(date, time), note: 'test' }), 201);

  await ok(
    await hr.post('/api/attendance/shifts', {
      code: 'office',
      name: 'Office 9–18',
      definition: {
        kind: 'fixed',
        segments: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ],
      },
    }),
    201,
  );
  const calendars = (await hr.get('/api/attendance/calendars')).body;
  const group = await ok(
    await hr.post('/api/attendance/groups', {
      name: 'Office',
      zone: 'Asia/Shanghai',
      calendarId: calendars[0].id,
      rules: { lateGraceMinutes: 0 },
      versions: [
        {
          effectiveFrom: '2025-01-01',
          schedule: {
            kind: 'weekly',
            days: { mon: 'office', tue: 'office', wed: 'office', thu: 'office', fri: 'office' },
          },
        },
      ],
    }),
    201,
  );
  await ok(
    await hr.put(`/api/attendance/groups/${group.id}/members`, {
      members: [
        { departmentId: deptA, from: '2025-09-01' },
        { departmentId: deptB, from: '2025-09-01' },
      ],
    }),
  );
  // Alice on time, Bob late, Carol not in yet, Dan on sick leave today.
  await manualPunch(ids.alice, '2025-10-20', '08:55');
  await manualPunch(ids.bob, '2025-10-20', '09:23');
  const leave = await ok(
    await hr.post('/api/attendance/requests', {
      employeeId: ids.dan,
      kind: 'leave',
      leaveType: 'sick',
      startDate: '2025-10-20',
      endDate: '2025-10-20',
      reason: 'flu',
    }),
    201,
  );
  const decided = await ok(await hr.post(`/api/attendance/requests/${leave.id}/approve`, {}));
  assert.equal(decided.status, 'approved', 'HR decides every step of a request');
  // Last week: Alice a full day, Carol a face punch with an evidence crop and one without.
  await manualPunch(ids.alice, '2025-10-14', '09:10');
  await manualPunch(ids.alice, '2025-10-14', '18:02');
  const evidencePunch = await facePunch(server, ids.carol, local('2025-10-17', '08:58'), evidenceJpeg);
  const plainPunch = await facePunch(server, ids.carol, local('2025-10-17', '18:01'), null);
  // Bob asks for field work: waiting for the manager.
  await ok(
    await hr.post('/api/attendance/requests', {
      employeeId: ids.bob,
      kind: 'fieldWork',
      startDate: '2025-10-21',
      endDate: '2025-10-21',
    }),
    201,
  );
  return {
    admin,
    hr,
    manager: await login('mgr1'),
    auditor: await login('aud1'),
    alice: await login('alice'),
    deptA,
    deptB,
    ids,
    evidencePunch,
    plainPunch,
  };
}
