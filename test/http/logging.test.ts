import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { ADMIN, ApiClient, startTestServer } from '../helpers/server.js';

test('log lines are structured JSON and never hold passwords, PINs, cookies or CSRF tokens', async () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => {
    text += chunk.toString();
  });
  const server = await startTestServer({ logLevel: 'debug' }, { logStream: stream });
  try {
    const c = new ApiClient(server.url);
    await c.login(ADMIN.username, ADMIN.password);
    await c.request('POST', '/api/auth/login', { username: ADMIN.username, password: 'Wrong-guess-777' });
    const e = (await c.post('/api/employees', { employeeNo: 'L1', name: 'Logged' })).body;
    await c.put(`/api/employees/${e.id}/pin`, { pin: '97531' });
    await c.post('/api/auth/password', { currentPassword: ADMIN.password, newPassword: 'Changed-pass-2026' });
    await c.get('/api/nothing');
    const token = c.cookie.split('=')[1];
    const lines = text.trim().split('\n');
    assert.ok(lines.length > 5, 'requests were logged');
    for (const line of lines) JSON.parse(line);
    for (const secret of [ADMIN.password, 'Wrong-guess-777', '97531', 'Changed-pass-2026', token, c.csrf]) {
      assert.ok(!text.includes(secret), `a log line holds a secret (${secret.slice(0, 3)}…)`);
    }
  } finally {
    await server.stop();
  }
});
