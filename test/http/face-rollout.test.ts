// The face roll-out scope: face data is collected, and faces punch, only in the departments where face
// punching has started; an empty scope means everyone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { photo, photosForm, recordConsent } from './faces-fixtures.js';

let server: TestServer;
let admin: ApiClient;

before(async () => {
  server = await startTestServer({}, { now: () => new Date('2026-11-29T02:00:00Z') });
  admin = await adminClient(server);
});
after(() => server?.stop());

async function employeeIn(departmentId: number, employeeNo: string) {
  const id = (await admin.post('/api/employees', { employeeNo, name: employeeNo, departmentId })).body
    .id as number;
  await recordConsent(admin, id);
  return id;
}

const enroll = async (employeeId: number, file: string) =>
  admin.post(`/api/employees/${employeeId}/faces`, photosForm([{ bytes: await photo(file), name: file }]));

test('only departments in the roll-out scope, from their date, can have faces enrolled', async () => {
  const rnd = (await admin.post('/api/departments', { name: 'R&D', code: 'RD' })).body.id;
  const vision = (await admin.post('/api/departments', { name: 'Vision', code: 'RDV', parentId: rnd })).body
    .id;
  const sales = (await admin.post('/api/departments', { name: 'Sales', code: 'SA' })).body.id;
  const later = (await admin.post('/api/departments', { name: 'Later', code: 'LA' })).body.id;
  const inVision = await employeeIn(vision, 'V1');
  const inSales = await employeeIn(sales, 'S1');
  const inLater = await employeeIn(later, 'L1');

  const set = await admin.patch('/api/attendance/settings', {
    faceRollout: [
      { departmentId: rnd, from: '2026-11-01' },
      { departmentId: later, from: '2027-01-01' },
    ],
  });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.equal(set.body.faceRollout.length, 2);

  const refused = await enroll(inSales, 'facerec__obama.jpg');
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'face_not_rolled_out');
  const notYet = await enroll(inLater, 'facerec__obama.jpg');
  assert.equal(notYet.body.code, 'face_not_rolled_out', 'a department whose date has not come');
  const ok = await enroll(inVision, 'facerec__obama.jpg');
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.enrolled, 1, 'a sub-department of a rolled-out department');

  // Clearing the scope opens face punching to everyone again.
  await admin.patch('/api/attendance/settings', { faceRollout: [] });
  const now = await enroll(inSales, 'deepface__img2.jpg');
  assert.equal(now.status, 200, JSON.stringify(now.body));
});
