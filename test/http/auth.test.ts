import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let admin: ApiClient;

before(async () => {
  server = await startTestServer({ maxLoginFailures: 3, lockoutMinutes: 15 });
  admin = await adminClient(server);
});
after(() => server?.stop());

test('the health check answers without a session', async () => {
  const res = await new ApiClient(server.url).get('/api/health');
  assert.equal(res.status, 200);
  assert.equal(res.body.status, 'ok');
});

test('the session cookie is HttpOnly and SameSite=Strict, and security headers are set', async () => {
  const res = await new ApiClient(server.url).request('POST', '/api/auth/login', ADMIN);
  const cookie = res.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Strict/i);
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
});

test('a wrong password is refused with a message in the caller’s language', async () => {
  const zh = new ApiClient(server.url, 'zh-CN');
  const res = await zh.request('POST', '/api/auth/login', { username: ADMIN.username, password: 'nope' });
  assert.equal(res.status, 401);
  assert.equal(res.body.code, 'bad_credentials');
  assert.equal(res.body.message, '用户名或密码错误。');
  const en = await new ApiClient(server.url).request('POST', '/api/auth/login', {
    username: 'ghost',
    password: 'nope',
  });
  assert.equal(en.body.message, 'Wrong username or password.');
});

test('repeated failures lock the account, even for the right password', async () => {
  await admin.post('/api/users', { username: 'locky', password: 'Locky-pass-2026', roles: ['employee'] });
  const c = new ApiClient(server.url);
  const codes: string[] = [];
  for (let i = 0; i < 3; i++)
    codes.push(
      (await c.request('POST', '/api/auth/login', { username: 'locky', password: 'bad' })).body.code,
    );
  assert.deepEqual(codes, ['bad_credentials', 'bad_credentials', 'account_locked']);
  const right = await c.request('POST', '/api/auth/login', {
    username: 'locky',
    password: 'Locky-pass-2026',
  });
  assert.equal(right.status, 423);
  const users = (await admin.get('/api/users')).body as { username: string; locked: boolean; id: number }[];
  const locky = users.find((u) => u.username === 'locky')!;
  assert.equal(locky.locked, true);
  // An admin reset unlocks it.
  assert.equal(
    (await admin.post(`/api/users/${locky.id}/reset-password`, { newPassword: 'Fresh-pass-2026' })).status,
    200,
  );
  const after = await c.request('POST', '/api/auth/login', {
    username: 'locky',
    password: 'Fresh-pass-2026',
  });
  assert.equal(after.status, 200);
  assert.equal(after.body.mustChangePassword, true);
});

test('a write without the CSRF token is refused, with it accepted', async () => {
  const c = await adminClient(server);
  const token = c.csrf;
  c.csrf = '';
  const refused = await c.post('/api/positions', { name: 'CSRF test' });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, 'csrf_failed');
  c.csrf = token;
  assert.equal((await c.post('/api/positions', { name: 'CSRF test' })).status, 201);
});

test('sessions are listed, one can be ended, and logout everywhere ends them all', async () => {
  await admin.post('/api/users', { username: 'multi', password: 'Multi-pass-2026', roles: ['employee'] });
  const a = new ApiClient(server.url);
  const b = new ApiClient(server.url);
  await a.login('multi', 'Multi-pass-2026');
  await b.login('multi', 'Multi-pass-2026');
  const list = (await a.get('/api/auth/sessions')).body as { id: string; current: boolean }[];
  assert.equal(list.length, 2);
  const other = list.find((s) => !s.current)!;
  assert.equal((await a.delete(`/api/auth/sessions/${other.id}`)).status, 200);
  assert.equal((await b.get('/api/auth/me')).status, 401);
  await b.login('multi', 'Multi-pass-2026');
  assert.equal((await a.post('/api/auth/logout-all')).body.ended, 2);
  assert.equal((await a.get('/api/auth/me')).status, 401);
  assert.equal((await b.get('/api/auth/me')).status, 401);
});

test('changing the password ends the other sessions and needs the current password', async () => {
  await admin.post('/api/users', { username: 'changer', password: 'Changer-pass-1', roles: ['employee'] });
  const a = new ApiClient(server.url);
  const b = new ApiClient(server.url);
  await a.login('changer', 'Changer-pass-1');
  await b.login('changer', 'Changer-pass-1');
  const wrong = await a.post('/api/auth/password', {
    currentPassword: 'nope',
    newPassword: 'Changer-pass-2',
  });
  assert.equal(wrong.body.code, 'wrong_password');
  const weak = await a.post('/api/auth/password', {
    currentPassword: 'Changer-pass-1',
    newPassword: 'short',
  });
  assert.equal(weak.body.code, 'weak_password');
  assert.equal(
    (await a.post('/api/auth/password', { currentPassword: 'Changer-pass-1', newPassword: 'Changer-pass-2' }))
      .status,
    200,
  );
  assert.equal((await a.get('/api/auth/me')).status, 200);
  assert.equal((await b.get('/api/auth/me')).status, 401);
  assert.equal(
    (
      await new ApiClient(server.url).request('POST', '/api/auth/login', {
        username: 'changer',
        password: 'Changer-pass-1',
      })
    ).status,
    401,
  );
});

test('a disabled user cannot log in and loses their sessions', async () => {
  const created = (
    await admin.post('/api/users', { username: 'leaver', password: 'Leaver-pass-1', roles: ['employee'] })
  ).body;
  const c = new ApiClient(server.url);
  await c.login('leaver', 'Leaver-pass-1');
  await admin.patch(`/api/users/${created.id}`, { status: 'disabled' });
  assert.equal((await c.get('/api/auth/me')).status, 401);
  assert.equal(
    (
      await new ApiClient(server.url).request('POST', '/api/auth/login', {
        username: 'leaver',
        password: 'Leaver-pass-1',
      })
    ).body.code,
    'account_disabled',
  );
});

test('an admin cannot take away their own admin role', async () => {
  const me = (await admin.get('/api/auth/me')).body;
  const res = await admin.patch(`/api/users/${me.userId}`, { roles: ['hr'] });
  assert.equal(res.status, 400);
});

test('the login route is rate limited', async () => {
  const limited = await startTestServer({ loginRateLimitPerMinute: 3 });
  try {
    const c = new ApiClient(limited.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await c.request('POST', '/api/auth/login', { username: 'x', password: 'y' })).status);
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
  } finally {
    await limited.stop();
  }
});

test('without admin variables the one-time setup creates the first admin, then refuses', async () => {
  const fresh = await startTestServer({ adminUser: undefined, adminPassword: undefined });
  try {
    const c = new ApiClient(fresh.url);
    assert.deepEqual((await c.get('/api/setup/status')).body, { needsSetup: true });
    const weak = await c.request('POST', '/api/setup', { username: 'boss', password: 'weak' });
    assert.equal(weak.body.code, 'weak_password');
    assert.equal(
      (await c.request('POST', '/api/setup', { username: 'boss', password: 'Boss-pass-2026' })).status,
      201,
    );
    assert.deepEqual((await c.get('/api/setup/status')).body, { needsSetup: false });
    const again = await c.request('POST', '/api/setup', { username: 'evil', password: 'Evil-pass-2026' });
    assert.equal(again.status, 409);
    await c.login('boss', 'Boss-pass-2026');
    assert.deepEqual((await c.get('/api/auth/me')).body.roles, ['admin']);
  } finally {
    await fresh.stop();
  }
});

test('the OpenAPI description is served', async () => {
  const res = await new ApiClient(server.url).get('/api/docs/json');
  assert.equal(res.status, 200);
  assert.equal(res.body.info.title, 'FaceClock API');
  assert.ok(res.body.paths['/api/employees']);
});
