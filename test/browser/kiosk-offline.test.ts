// The kiosk without its server: with the server stopped a face punch is kept in IndexedDB ("Saved, will sync"),
// and after the server is back it arrives exactly once with its original capture time. Then a QR punch: the
// employee's rotating code from the self-service API, shown to the kiosk's camera.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import QRCode from 'qrcode';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { launchBrowser } from '../helpers/browser.js';
import { ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { createEmployee } from '../http/faces-fixtures.js';
import { enrolledEmployee } from '../http/kiosk-fixtures.js';
import { fakeCamera, tempFile, videoOf } from './kiosk-video.js';

let server: TestServer;
let admin: ApiClient;
let siteId: number;

before(async () => {
  await buildWebIfStale(() => {});
  server = await startTestServer();
  admin = await adminClient(server);
  siteId = (await admin.post('/api/sites', { name: 'Warehouse', timeZone: 'Asia/Shanghai' })).body.id;
  // No repeat window: the same person punches again once the kiosk's own pause is over.
  await admin.patch('/api/devices/settings', {
    challengeMode: 'uncertain',
    sureAntispoof: 0,
    sureLiveness: 0,
    repeatWindowMinutes: 0,
  });
});

after(async () => {
  await server?.stop();
});

it('queues a punch while the server is down and delivers it once, with its capture time, when it is back', async () => {
  const employeeId = await enrolledEmployee(admin, 'O001', 'Offline Person', 'deepface__img3.jpg');
  const created = await admin.post('/api/devices', { name: 'Gate', siteId });
  const browser = await launchBrowser({ args: fakeCamera(videoOf('deepface__img12.jpg')) });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(40_000);
  try {
    await page.goto(`${server.url}/kiosk?pair=${created.body.pairing.code}`);
    await page.locator('[data-result="recorded"]').waitFor();
    const port = Number(new URL(server.url).port);
    const kept = { dataDir: server.dataDir, pgSchema: server.pgSchema };
    await server.close();
    const stoppedAt = Date.now();

    // The same face again after the kiosk's pause: no server, so it is saved.
    await page.locator('[data-result="queued"]').waitFor();
    assert.match((await page.locator('[data-result="queued"]').textContent()) ?? '', /Saved, will sync/);
    await page.getByText('1 waiting to sync').waitFor();
    const queuedAt = Date.now();
    await page.waitForTimeout(1500); // stays down a little longer: the capture time must not be the arrival time

    server = await startTestServer({ port }, { reuse: kept });
    const restartedAt = Date.now();
    admin = await adminClient(server);
    let punches: { at: string; idempotency_key: string | null; flags: string }[] = [];
    for (let i = 0; i < 80 && punches.length < 2; i++) {
      await page.waitForTimeout(500);
      punches = await server.db.kysely
        .selectFrom('punches')
        .select(['at', 'idempotency_key', 'flags'])
        .where('employee_id', '=', employeeId)
        .orderBy('at')
        .execute();
    }
    assert.equal(punches.length, 2, 'the online punch and the queued one');
    const queued = Date.parse(punches[1].at);
    assert.ok(
      queued >= stoppedAt - 1000 && queued <= queuedAt + 1000,
      'the capture time, not the arrival time',
    );
    assert.ok(queued < restartedAt);
    await page.getByText('Online').waitFor();
    // Nothing more arrives: the queue is empty and each key was taken once.
    await page.waitForTimeout(2500);
    const again = await server.db.kysely
      .selectFrom('punches')
      .select('id')
      .where('employee_id', '=', employeeId)
      .execute();
    assert.ok(again.length <= 3, 'no replay doubled a punch');
    const keys = await server.db.kysely
      .selectFrom('punches')
      .select('idempotency_key')
      .where('idempotency_key', '=', punches[1].idempotency_key)
      .execute();
    assert.equal(keys.length, 1);
  } finally {
    await browser.close();
  }
});

it('takes a QR punch from the employee’s rotating code', async () => {
  const employeeId = await createEmployee(admin, 'Q001', 'Qr Person');
  await admin.post('/api/users', {
    username: 'qrb',
    password: 'Qr-pass-20261',
    roles: ['employee'],
    employeeId,
  });
  const me = new ApiClient(server.url);
  await me.login('qrb', 'Qr-pass-20261');
  const code = (await me.get('/api/me/punch-code')).body as { text: string };
  const png = tempFile('punch-code.png');
  await QRCode.toFile(png, code.text, { width: 400, margin: 4 });
  const created = await admin.post('/api/devices', { name: 'Lobby', siteId });
  const browser = await launchBrowser({ args: fakeCamera(videoOf(png)) });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
  try {
    await page.goto(`${server.url}/kiosk?pair=${created.body.pairing.code}`);
    await page.locator('.kiosk-prompt', { hasText: 'Look at the camera' }).waitFor();
    await page.getByRole('button', { name: 'Use PIN or QR code' }).click();
    await page.getByRole('tab', { name: 'QR code' }).click();
    const card = page.locator('[data-result="recorded"]');
    await card.waitFor();
    assert.equal(await card.locator('.kiosk-name').textContent(), 'Qr Person');
    const punches = await server.db.kysely
      .selectFrom('punches')
      .selectAll()
      .where('employee_id', '=', employeeId)
      .execute();
    assert.equal(punches.length, 1);
    assert.equal(punches[0].method, 'qr');
  } finally {
    await browser.close();
  }
});
