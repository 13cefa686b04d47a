// The identify-test tool answers a limited number of calls per minute, so it cannot be turned into a face
// search engine over the enrolled staff.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { adminClient, startTestServer } from '../helpers/server.js';
import { identify } from './faces-fixtures.js';

test('identify calls beyond the per-minute limit are refused with 429 and the face is not searched', async () => {
  const server = await startTestServer({ identifyRateLimitPerMinute: 3 });
  try {
    const admin = await adminClient(server);
    // A plain grey picture: no face, so each allowed call answers quickly with the "no face" decision.
    const blank = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await identify(admin, blank)).status);
    assert.deepEqual(statuses.slice(3), [429, 429]);
    assert.ok(
      statuses.slice(0, 3).every((s) => s !== 429),
      `first three calls: ${statuses.slice(0, 3)}`,
    );
    const audited = (await admin.get('/api/audit?action=face.identify&limit=50')).body.items;
    assert.equal(audited.length, 3, 'only the three calls that ran are in the audit log');
  } finally {
    await server.stop();
  }
});
