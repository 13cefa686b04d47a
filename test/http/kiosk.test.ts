// The kiosk API with the real face engine and the shared photos: pairing (one-time code, token kept only as a
// hash), heartbeat, face punches (recorded with a sealed evidence crop, repeat refused with the first time,
// idempotent replay, unknown face), clock skew and queued punches, PIN and QR punches, the active challenge
// setting, failure-streak and offline alerts, the live stream, and a revoked device.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { checkOfflineDevices } from '../../src/services/kiosk/alerts.service.js';
import { ADMIN, ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { createEmployee, photo } from './faces-fixtures.js';
import { enrolledEmployee, kioskCall, type PairedKiosk, pairKiosk, punchBody } from './kiosk-fixtures.js';

const ENROLL = 'deepface__img1.jpg';
const PROBE = 'deepface__img2.jpg'; // the same person (deepface_p01), another photo
const STRANGER = 'facerec__obama.jpg';
const CLOCK_ENROLL = 'deepface__img3.jpg'; // deepface_p02
const CLOCK_PROBE = 'deepface__img12.jpg';

let server: TestServer;
let admin: ApiClient;
let kiosk: PairedKiosk;
let employeeId: number;
// The server's clock, moved by the tests (a weekday morning in Shanghai).
let nowMs = Date.parse('2026-03-02T00:55:00Z');
const now = () => new Date(nowMs);
const minutes = (n: number) => n * 60_000;

const punch = (body: object, token = kiosk.token) =>
  kioskCall(server.url, token, 'POST', '/api/kiosk/punches', body);

before(async () => {
  server = await startTestServer({}, { now });
  admin = await adminClient(server);
  const site = await admin.post('/api/sites', { name: 'Head office', timeZone: 'Asia/Shanghai' });
  kiosk = await pairKiosk(admin, { name: 'Front door', siteId: site.body.id, direction: 'both' });
  employeeId = await enrolledEmployee(admin, 'K001', 'Kiosk Person', ENROLL);
  // Passive scores alone decide in these tests; the challenge has its own test below.
  const s = await admin.patch('/api/devices/settings', {
    challengeMode: 'uncertain',
    sureAntispoof: 0,
    sureLiveness: 0,
  });
  assert.equal(s.status, 200, JSON.stringify(s.body));
});

after(async () => {
  await server?.stop();
});

describe('pairing', () => {
  test('a pairing code works once, the token is stored only as its hash, and a wrong code is refused', async () => {
    const created = await admin.post('/api/devices', { name: 'Side door', direction: 'in' });
    assert.equal(created.status, 201);
    assert.match(created.body.pairing.code, /^\d{4}-\d{4}$/);
    assert.match(created.body.pairing.qrDataUrl, /^data:image\/png;base64,/);
    assert.ok(created.body.pairing.url.endsWith(`/kiosk?pair=${created.body.pairing.code}`));
    assert.equal(created.body.device.state, 'pending');

    const wrong = await fetch(`${server.url}/api/kiosk/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ code: '0000-0000' }),
    });
    assert.equal(wrong.status, 400);
    assert.equal(((await wrong.json()) as { code: string }).code, 'pairing_code_invalid');

    const pair = () =>
      fetch(`${server.url}/api/kiosk/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: created.body.pairing.code.replace('-', ' ') }),
      });
    const first = await pair();
    assert.equal(first.status, 200);
    const { token, config } = (await first.json()) as { token: string; config: { device: { name: string } } };
    assert.equal(config.device.name, 'Side door');
    assert.equal((await pair()).status, 400, 'the code is spent');

    const row = await server.db.kysely
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', created.body.device.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.token_hash, createHash('sha256').update(token).digest('hex'));
    assert.ok(!JSON.stringify(row).includes(token), 'the token itself is not stored');
    assert.equal(row.status, 'active');
  });

  test('without a token, or with a made-up one, kiosk routes answer 401', async () => {
    const none = await kioskCall(server.url, '', 'GET', '/api/kiosk/config');
    assert.equal(none.status, 401);
    const made = await kioskCall(server.url, 'fcd_not-a-real-token', 'GET', '/api/kiosk/config');
    assert.equal(made.status, 401);
    assert.equal(made.body.code, 'device_unauthenticated');
  });
});

test('a heartbeat records version, backend, camera and clock offset; the console shows the kiosk online', async () => {
  const res = await kioskCall(server.url, kiosk.token, 'POST', '/api/kiosk/heartbeat', {
    sentAt: new Date(nowMs - 3000).toISOString(),
    appVersion: '0.1.0',
    faceBackend: 'wasm',
    camera: '1280x720',
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.site.timeZone, 'Asia/Shanghai');
  assert.equal(typeof res.body.quality.minEyeDistancePx, 'number');
  const devices = await admin.get('/api/devices');
  const d = devices.body.find((x: { id: number }) => x.id === kiosk.deviceId);
  assert.equal(d.state, 'online');
  assert.equal(d.faceBackend, 'wasm');
  assert.equal(d.camera, '1280x720');
  assert.equal(d.appVersion, '0.1.0');
  assert.equal(d.clockOffsetMs, 3000);
  assert.equal(d.siteName, 'Head office');
});

describe('face punches', () => {
  let firstPunchId: number;
  const key = randomUUID();

  test('an enrolled face is recorded once, IN, with the evidence crop sealed', async () => {
    const res = await punch(punchBody(now(), { photo: await photo(PROBE), key }));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.outcome, 'recorded', JSON.stringify(res.body));
    assert.equal(res.body.employee.name, 'Kiosk Person');
    assert.equal(res.body.employee.employeeNo, 'K001');
    assert.equal(res.body.punch.direction, 'in');
    assert.deepEqual(res.body.punch.flags, []);
    firstPunchId = res.body.punch.id;
    const row = await server.db.kysely
      .selectFrom('punches')
      .selectAll()
      .where('id', '=', firstPunchId)
      .executeTakeFirstOrThrow();
    assert.equal(row.employee_id, employeeId);
    assert.equal(row.device_id, kiosk.deviceId);
    assert.equal(row.method, 'face');
    assert.ok(row.match_score && row.match_score > 0.9);
    const evidence = Buffer.from(row.evidence!);
    assert.equal(evidence.subarray(0, 3).toString(), 'FC1', 'sealed');
    assert.equal(evidence.indexOf(Buffer.from([0xff, 0xd8, 0xff])), -1, 'no plaintext JPEG');
    assert.equal(Date.parse(row.evidence_expires_at!), nowMs + 30 * 86_400_000);
  });

  test('the same idempotency key again gets the first answer and records nothing new', async () => {
    const res = await punch(punchBody(now(), { photo: await photo(PROBE), key }));
    assert.equal(res.body.outcome, 'recorded');
    assert.equal(res.body.replayed, true);
    assert.equal(res.body.punch.id, firstPunchId);
    const count = await server.db.kysely
      .selectFrom('punches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('employee_id', '=', employeeId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });

  test('a second punch within the window is refused with the time of the first, in the site’s zone', async () => {
    nowMs += minutes(2);
    const res = await punch(punchBody(now(), { photo: await photo(ENROLL) }));
    assert.equal(res.body.outcome, 'repeat');
    assert.equal(res.body.message, 'Already recorded at 08:55.');
    assert.equal(res.body.employee.name, 'Kiosk Person');
    const zh = await fetch(`${server.url}/api/kiosk/punches`, {
      method: 'POST',
      headers: {
        'x-device-token': kiosk.token,
        'content-type': 'application/json',
        'accept-language': 'zh-CN',
      },
      body: JSON.stringify(punchBody(now(), { photo: await photo(PROBE) })),
    });
    assert.equal(((await zh.json()) as { message: string }).message, '已于 08:55 打卡。');
  });

  test('after the window the next punch is recorded as OUT', async () => {
    nowMs += minutes(10);
    const res = await punch(punchBody(now(), { photo: await photo(ENROLL) }));
    assert.equal(res.body.outcome, 'recorded');
    assert.equal(res.body.punch.direction, 'out');
  });

  test('a face nobody enrolled is not recognised; the attempt is kept, no punch is recorded', async () => {
    const before = await server.db.kysely
      .selectFrom('punches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const key2 = randomUUID();
    const res = await punch(punchBody(now(), { photo: await photo(STRANGER), key: key2 }));
    assert.equal(res.body.outcome, 'unknown');
    assert.equal(res.body.message, 'Not recognised.');
    assert.equal(res.body.employee, null);
    const after = await server.db.kysely
      .selectFrom('punches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
    const attempt = await server.db.kysely
      .selectFrom('punch_attempts')
      .selectAll()
      .where('idempotency_key', '=', key2)
      .executeTakeFirstOrThrow();
    assert.equal(attempt.outcome, 'unknown');
    assert.equal(attempt.method, 'face');
    assert.equal(Buffer.from(attempt.evidence!).subarray(0, 3).toString(), 'FC1');
  });

  test('a photo without a face is refused with the quality reason', async () => {
    const sharp = (await import('sharp')).default;
    const grey = await sharp({ create: { width: 320, height: 320, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    const res = await punch(punchBody(now(), { photo: grey }));
    assert.equal(res.body.outcome, 'refused');
    assert.equal(res.body.code, 'no_face');
  });
});

describe('capture time', () => {
  let person: number;
  before(async () => {
    person = await enrolledEmployee(admin, 'K002', 'Clock Person', CLOCK_ENROLL);
  });

  test('a device clock off by ten minutes is corrected and flagged', async () => {
    nowMs += minutes(30);
    const deviceNow = new Date(nowMs - minutes(10));
    const res = await punch(punchBody(deviceNow, { photo: await photo(CLOCK_PROBE) }));
    assert.equal(res.body.outcome, 'recorded', JSON.stringify(res.body));
    assert.equal(res.body.employee.id, person);
    assert.deepEqual(res.body.punch.flags, ['clock_skew']);
    assert.equal(res.body.punch.at, new Date(nowMs).toISOString());
    const row = await server.db.kysely
      .selectFrom('punches')
      .select(['device_time', 'clock_skew_ms'])
      .where('id', '=', res.body.punch.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.device_time, deviceNow.toISOString());
    assert.equal(row.clock_skew_ms, minutes(10));
  });

  test('a punch queued offline keeps its original capture time', async () => {
    const captured = new Date(nowMs + minutes(20));
    nowMs += minutes(80); // the kiosk was offline for an hour
    const res = await punch(punchBody(now(), { photo: await photo(CLOCK_PROBE), capturedAt: captured }));
    assert.equal(res.body.outcome, 'recorded', JSON.stringify(res.body));
    assert.equal(res.body.punch.at, captured.toISOString());
    assert.deepEqual(res.body.punch.flags, ['delayed_sync']);
  });
});

describe('alternatives to the face', () => {
  let pinPerson: number;
  let evidence: Buffer;
  before(async () => {
    pinPerson = await createEmployee(admin, 'P100', 'Pin Person');
    assert.equal((await admin.put(`/api/employees/${pinPerson}/pin`, { pin: '482913' })).status, 200);
    evidence = await photo(STRANGER);
  });

  test('a PIN punch needs the right PIN and a photo, and is recorded as a non-face punch', async () => {
    nowMs += minutes(10);
    const noPhoto = await punch(punchBody(now(), { method: 'pin', employeeNo: 'P100', pin: '482913' }));
    assert.equal(noPhoto.status, 400);
    assert.equal(noPhoto.body.code, 'evidence_photo_required');
    const wrong = await punch(
      punchBody(now(), { method: 'pin', employeeNo: 'P100', pin: '000000', photo: evidence }),
    );
    assert.equal(wrong.body.outcome, 'refused');
    assert.equal(wrong.body.message, 'Wrong employee number or PIN.');
    const nobody = await punch(
      punchBody(now(), { method: 'pin', employeeNo: 'NOPE', pin: '482913', photo: evidence }),
    );
    assert.equal(nobody.body.code, 'pin_wrong');
    const ok = await punch(
      punchBody(now(), { method: 'pin', employeeNo: 'P100', pin: '482913', photo: evidence }),
    );
    assert.equal(ok.body.outcome, 'recorded', JSON.stringify(ok.body));
    assert.equal(ok.body.employee.id, pinPerson);
    assert.equal(ok.body.punch.method, 'pin');
    assert.deepEqual(ok.body.punch.flags, ['non_face']);
  });

  test('punches sent at once are each answered as if alone; one idempotency key twice is stored once', async () => {
    nowMs += minutes(10);
    const people = ['P201', 'P202', 'P203'];
    const ids: number[] = [];
    for (const no of people) {
      const id = await createEmployee(admin, no, `Rush ${no}`);
      assert.equal((await admin.put(`/api/employees/${id}/pin`, { pin: '736251' })).status, 200);
      ids.push(id);
    }
    const pin = (employeeNo: string, key?: string, code = '736251') =>
      punch(punchBody(now(), { method: 'pin', employeeNo, pin: code, photo: evidence, key }));
    const key = `rush-${randomUUID()}`;
    const answers = await Promise.all([
      ...people.map((no) => pin(no)),
      pin('P100', key, '482913'),
      pin('P100', key, '482913'),
      pin('P201', undefined, '000000'),
    ]);
    for (const [i, a] of answers.slice(0, 3).entries()) {
      assert.equal(a.body.outcome, 'recorded', JSON.stringify(answers.map((x) => x.body)));
      assert.equal(a.body.employee.id, ids[i]);
    }
    const [first, second] = answers.slice(3, 5).map((a) => a.body);
    assert.equal(first.outcome, 'recorded', JSON.stringify(first));
    assert.equal(second.outcome, 'recorded', JSON.stringify(second));
    assert.equal(first.punch.id, second.punch.id);
    assert.equal([first.replayed, second.replayed].filter(Boolean).length, 1);
    assert.equal(answers[5].body.code, 'pin_wrong');
    const list = await admin.get('/api/punches?limit=20');
    const lowest = Math.min(...answers.slice(0, 5).map((a) => a.body.punch.id));
    const stored = (list.body as { id: number }[]).filter((p) => p.id >= lowest);
    assert.equal(stored.length, 4, 'three people and the one key');
  });

  test('a QR code from the self-service page punches for that employee; a forged or old code does not', async () => {
    const qrPerson = await createEmployee(admin, 'Q100', 'Qr Person');
    const u = await admin.post('/api/users', {
      username: 'qr1',
      password: 'Qr-pass-20261',
      roles: ['employee'],
      employeeId: qrPerson,
    });
    assert.equal(u.status, 201, JSON.stringify(u.body));
    const me = new ApiClient(server.url);
    await me.login('qr1', 'Qr-pass-20261');
    const code = await me.get('/api/me/punch-code');
    assert.equal(code.status, 200, JSON.stringify(code.body));
    assert.match(code.body.text, new RegExp(`^FCQ1\\.${qrPerson}\\.`));
    assert.match(code.body.qrDataUrl, /^data:image\/png;base64,/);

    const forged = code.body.text.replace(`FCQ1.${qrPerson}.`, `FCQ1.${employeeId}.`);
    const bad = await punch(punchBody(now(), { method: 'qr', qr: forged, photo: evidence }));
    assert.equal(bad.body.code, 'qr_invalid');

    const ok = await punch(punchBody(now(), { method: 'qr', qr: code.body.text, photo: evidence }));
    assert.equal(ok.body.outcome, 'recorded', JSON.stringify(ok.body));
    assert.equal(ok.body.employee.id, qrPerson);
    assert.equal(ok.body.punch.method, 'qr');

    nowMs += minutes(2); // four periods of 30 s later
    const old = await punch(punchBody(now(), { method: 'qr', qr: code.body.text, photo: evidence }));
    assert.equal(old.body.code, 'qr_expired');
  });

  test('an employee account without an employee record has no QR code', async () => {
    const res = await admin.get('/api/me/punch-code');
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'no_linked_employee');
  });
});

test('with the challenge on every punch, a face punch needs a passed challenge', async () => {
  await admin.patch('/api/devices/settings', { challengeMode: 'always' });
  try {
    nowMs += minutes(30);
    const ask = await punch(punchBody(now(), { photo: await photo(PROBE) }));
    assert.equal(ask.body.outcome, 'challenge');
    assert.equal(ask.body.code, 'challenge_required');
    const failed = await punch(
      punchBody(now(), { photo: await photo(PROBE), challenge: { kind: 'blink', passed: false } }),
    );
    assert.equal(failed.body.outcome, 'refused');
    const passed = await punch(
      punchBody(now(), { photo: await photo(PROBE), challenge: { kind: 'turn_left', passed: true } }),
    );
    assert.equal(passed.body.outcome, 'recorded', JSON.stringify(passed.body));
  } finally {
    await admin.patch('/api/devices/settings', { challengeMode: 'uncertain' });
  }
});

test('several refused attempts in a row at one device raise an alert; a punch ends the streak', async () => {
  await admin.patch('/api/devices/settings', { failureAlertThreshold: 3 });
  const alerts = async () =>
    (await admin.get('/api/devices/alerts')).body.filter((a: { kind: string }) => a.kind === 'failures');
  const before = (await alerts()).length;
  nowMs += minutes(30);
  const stranger = await photo(STRANGER);
  await punch(punchBody(now(), { photo: await photo(PROBE) })); // a recorded punch: the streak is 0
  for (let i = 0; i < 2; i++) await punch(punchBody(now(), { photo: stranger }));
  assert.equal((await alerts()).length, before, 'two failures are not yet an alert');
  await punch(punchBody(now(), { photo: stranger }));
  const after = await alerts();
  assert.equal(after.length, before + 1);
  assert.equal(after[0].deviceId, kiosk.deviceId);
  assert.equal(after[0].details.streak, 3);
});

test('the live stream sends each punch as it is recorded', async () => {
  const controller = new AbortController();
  const res = await fetch(`${server.url}/api/punches/live`, {
    headers: { cookie: admin.cookie },
    signal: controller.signal,
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  await reader.read(); // ": connected"
  nowMs += minutes(30);
  const recorded = await punch(punchBody(now(), { photo: await photo(PROBE) }));
  assert.equal(recorded.body.outcome, 'recorded');
  while (!text.includes('\n\n')) text += decoder.decode((await reader.read()).value);
  controller.abort();
  const event = JSON.parse(/data: (.*)/.exec(text)![1]);
  assert.equal(event.kind, 'punch');
  assert.equal(event.id, recorded.body.punch.id);
  assert.equal(event.employee.name, 'Kiosk Person');
  assert.equal(event.device.name, 'Front door');

  const list = await admin.get('/api/punches?limit=5');
  assert.equal(list.body[0].id, recorded.body.punch.id);
  assert.equal(list.body[0].hasEvidence, true);
});

test('a kiosk silent during working hours raises one offline alert; a heartbeat resolves it', async () => {
  nowMs += minutes(10); // still a Monday afternoon in Shanghai, and no heartbeat for a while
  const first = await checkOfflineDevices(server.ctx);
  assert.ok(first.raised.includes(kiosk.deviceId));
  assert.deepEqual((await checkOfflineDevices(server.ctx)).raised, [], 'one open alert per device');
  await kioskCall(server.url, kiosk.token, 'POST', '/api/kiosk/heartbeat', { sentAt: now().toISOString() });
  const open = await admin.get('/api/devices/alerts?open=true');
  assert.ok(
    !open.body.some(
      (a: { kind: string; deviceId: number }) => a.kind === 'offline' && a.deviceId === kiosk.deviceId,
    ),
  );
  nowMs = Date.parse('2026-03-07T02:00:00Z'); // Saturday: no alert
  assert.ok(!(await checkOfflineDevices(server.ctx)).raised.includes(kiosk.deviceId));
  await admin.login(ADMIN.username, ADMIN.password); // the session of Monday has expired
});

test('a revoked kiosk is refused', async () => {
  const res = await admin.post(`/api/devices/${kiosk.deviceId}/revoke`);
  assert.equal(res.status, 200);
  assert.equal(res.body.state, 'revoked');
  const refused = await punch(punchBody(now(), { photo: await photo(PROBE) }));
  assert.equal(refused.status, 401);
  assert.equal(refused.body.code, 'device_revoked');
  const heartbeat = await kioskCall(server.url, kiosk.token, 'POST', '/api/kiosk/heartbeat', {
    sentAt: now().toISOString(),
  });
  assert.equal(heartbeat.status, 401);
  const devices = await admin.get('/api/devices');
  assert.equal(devices.body.find((d: { id: number }) => d.id === kiosk.deviceId).status, 'revoked');
});
