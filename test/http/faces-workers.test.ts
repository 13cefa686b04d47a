// A server that analyses faces on worker threads (FACECLOCK_FACE_WORKERS) enrolls and identifies exactly as
// one that analyses them on its main thread.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { byIdentity, createEmployee, identify, photo, photosForm, recordConsent } from './faces-fixtures.js';

let server: TestServer;
let admin: ApiClient;

before(async () => {
  server = await startTestServer({ faceWorkers: 2 });
  admin = await adminClient(server);
});

after(() => server.stop());

test('with two face workers, people enrolled from one photo are identified from another, several at once', async () => {
  const people = [...byIdentity()].filter(([, files]) => files.length >= 2).slice(0, 4);
  const ids = new Map<string, number>();
  for (const [identity, files] of people) {
    const id = await createEmployee(admin, `W-${identity}`, identity);
    await recordConsent(admin, id);
    const res = await admin.post(
      `/api/employees/${id}/faces`,
      photosForm([{ bytes: await photo(files[0]!), name: files[0]! }]),
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.results[0].status, 'enrolled', JSON.stringify(res.body.results[0]));
    ids.set(identity, id);
  }
  const answers = await Promise.all(
    people.map(async ([identity, files]) => ({
      identity,
      res: await identify(admin, await photo(files[1]!), files[1]!),
    })),
  );
  for (const { identity, res } of answers) {
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.decision.outcome, 'match', `${identity}: ${JSON.stringify(res.body.decision)}`);
    assert.equal(res.body.decision.employeeId, ids.get(identity));
  }
  const status = (await admin.get('/api/faces/status')).body;
  assert.equal(status.engine.backend, 'wasm', JSON.stringify(status.engine));
});
