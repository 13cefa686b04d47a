// After a punch the kiosk's answer carries the day's standing, recomputed at once: late by how much.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { photo } from './faces-fixtures.js';
import { kioskCall, pairKiosk, punchBody } from './kiosk-fixtures.js';

// Monday 20 October 2025, 09:12 in Shanghai.
const NOW = new Date('2025-10-20T01:12:00Z');
let server: TestServer;

before(async () => {
  server = await startTestServer({}, { now: () => NOW });
});
after(() => server?.stop());

test('a late PIN punch answers with the recorded punch and "late 12 min" for the day', async () => {
  const admin = await adminClient(server);
  const dept = (await admin.post('/api/departments', { name: 'Front desk' })).body.id;
  const employee = (
    await admin.post('/api/employees', { employeeNo: 'K1', name: 'Kiosk Kate', departmentId: dept })
  ).body.id;
  assert.equal((await admin.put(`/api/employees/${employee}/pin`, { pin: '135790' })).status, 200);
  const shift = await admin.post('/api/attendance/shifts', {
    code: 'office',
    name: 'Office 9–18',
    definition: { kind: 'fixed', segments: [{ start: '09:00', end: '18:00' }] },
  });
  assert.equal(shift.status, 201, JSON.stringify(shift.body));
  const calendars = (await admin.get('/api/attendance/calendars')).body;
  const group = await admin.post('/api/attendance/groups', {
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
  });
  assert.equal(group.status, 201, JSON.stringify(group.body));
  await admin.put(`/api/attendance/groups/${group.body.id}/members`, {
    members: [{ departmentId: dept, from: '2025-10-01' }],
  });
  const kiosk = await pairKiosk(admin, { name: 'Front door' });
  const res = await kioskCall(
    server.url,
    kiosk.token,
    'POST',
    '/api/kiosk/punches',
    punchBody(NOW, {
      method: 'pin',
      employeeNo: 'K1',
      pin: '135790',
      photo: await photo('facerec__obama.jpg'),
    }),
  );
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.outcome, 'recorded');
  assert.equal(res.body.punch.direction, 'in');
  assert.equal(res.body.attendance.date, '2025-10-20');
  assert.equal(res.body.attendance.lateMinutes, 12);
  assert.ok(res.body.attendance.statuses.includes('late'));
  // The day result is stored, so the console's grid shows the same.
  const day = (await admin.get(`/api/attendance/day?employeeId=${employee}&date=2025-10-20`)).body;
  assert.equal(day.result.lateMinutes, 12);
});
