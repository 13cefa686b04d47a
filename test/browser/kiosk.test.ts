// The kiosk page in Debian's Chromium with a fake camera playing a still photo from ../shared/faces: an enrolled
// person's video records exactly one punch for that employee and shows their name; an unknown person's video
// records nothing and offers the alternatives, where a PIN punch works; a revoked kiosk is refused. The console
// lists the kiosks and shows punches live as they happen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { ADMIN, type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { createEmployee } from '../http/faces-fixtures.js';
import { enrolledEmployee } from '../http/kiosk-fixtures.js';
import { fakeCamera, videoOf } from './kiosk-video.js';

let server: TestServer;
let admin: ApiClient;
let siteId: number;

const punchesOf = async (employeeId: number) =>
  server.db.kysely.selectFrom('punches').selectAll().where('employee_id', '=', employeeId).execute();

/** Registers a kiosk and opens /kiosk with its pairing link, the camera playing `video`. */
async function openKiosk(
  video: string,
  name: string,
): Promise<{ browser: TestBrowser; page: Page; deviceId: number }> {
  const created = await admin.post('/api/devices', { name, siteId, direction: 'both' });
  assert.equal(created.status, 201);
  const browser = await launchBrowser({ args: fakeCamera(video), timezoneId: 'Asia/Shanghai' });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => console.error('kiosk page error:', e.message));
  await page.goto(`${server.url}/kiosk?pair=${created.body.pairing.code}`);
  await page.getByText('Head office').waitFor();
  return { browser, page, deviceId: created.body.device.id };
}

before(async () => {
  await buildWebIfStale(() => {});
  server = await startTestServer();
  admin = await adminClient(server);
  siteId = (await admin.post('/api/sites', { name: 'Head office', timeZone: 'Asia/Shanghai' })).body.id;
  // Passive scores decide here; a still photo cannot pass the active challenge (see kiosk-challenge.test.ts).
  await admin.patch('/api/devices/settings', {
    challengeMode: 'uncertain',
    sureAntispoof: 0,
    sureLiveness: 0,
  });
});

after(async () => {
  await server?.stop();
});

describe('kiosk', () => {
  it('records exactly one punch for an enrolled person and shows their name', async () => {
    const employeeId = await enrolledEmployee(admin, 'B001', 'Browser Person', 'deepface__img1.jpg');
    const { browser, page, deviceId } = await openKiosk(videoOf('deepface__img2.jpg'), 'Front door');
    try {
      const card = page.locator('[data-result="recorded"]');
      await card.waitFor();
      assert.equal(await card.locator('.kiosk-name').textContent(), 'Browser Person');
      assert.match((await card.textContent()) ?? '', /B001/);
      assert.match((await card.textContent()) ?? '', /IN/);
      // The card stays three seconds; the same face in front of the camera is not punched again.
      await page.waitForTimeout(4000);
      const punches = await punchesOf(employeeId);
      assert.equal(punches.length, 1);
      assert.equal(punches[0].device_id, deviceId);
      assert.equal(punches[0].method, 'face');
      const device = (await admin.get('/api/devices')).body.find((d: { id: number }) => d.id === deviceId);
      assert.equal(device.faceBackend, 'wasm', 'headless Chromium has only software WebGL: wasm');
      assert.equal(device.camera, '640x480');
      assert.equal(device.punchesToday, 1);
    } finally {
      await browser.close();
    }
  });

  it('records nothing for an unknown face, offers the alternatives, and takes a PIN punch', async () => {
    const pinPerson = await createEmployee(admin, 'B100', 'Pin Person');
    await admin.put(`/api/employees/${pinPerson}/pin`, { pin: '246810' });
    const before = await server.db.kysely
      .selectFrom('punches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const { browser, page, deviceId } = await openKiosk(videoOf('facerec__obama.jpg'), 'Back door');
    try {
      const card = page.locator('[data-result="unknown"]');
      await card.waitFor();
      assert.match((await card.textContent()) ?? '', /Not recognised/);
      const after = await server.db.kysely
        .selectFrom('punches')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n), 'no punch recorded');
      const attempts = await server.db.kysely
        .selectFrom('punch_attempts')
        .selectAll()
        .where('device_id', '=', deviceId)
        .execute();
      assert.ok(attempts.length >= 1 && attempts.every((a) => a.outcome === 'unknown'));

      await card.getByRole('button', { name: 'Use PIN or QR code' }).click();
      await page.getByLabel('Employee number').fill('B100');
      await page.getByLabel('PIN', { exact: true }).fill('246810');
      await page.getByRole('button', { name: 'Punch', exact: true }).click();
      const recorded = page.locator('[data-result="recorded"]');
      await recorded.waitFor();
      assert.equal(await recorded.locator('.kiosk-name').textContent(), 'Pin Person');
      const punches = await punchesOf(pinPerson);
      assert.equal(punches.length, 1);
      assert.equal(punches[0].method, 'pin');
      assert.deepEqual(JSON.parse(punches[0].flags), ['non_face']);
      assert.ok(punches[0].evidence, 'a photo was kept as evidence');

      // Revoked: the kiosk is refused and says so.
      await admin.post(`/api/devices/${deviceId}/revoke`);
      await page.reload();
      await page.getByText('This kiosk has been revoked.').waitFor();
    } finally {
      await browser.close();
    }
  });

  it('lists the kiosks in the console and shows a punch live', async () => {
    const browser = await launchBrowser({ timezoneId: 'Asia/Shanghai' });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('Username').fill(ADMIN.username);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('menuitem', { name: 'Devices' }).click();
      const row = page.getByRole('row', { name: /Front door/ });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /Head office.*In and out.*(Online|Offline)/);
      assert.match((await page.getByRole('row', { name: /Back door/ }).textContent()) ?? '', /Revoked/);

      await page.getByRole('menuitem', { name: 'Live punches' }).click();
      await page.getByText('Live', { exact: true }).waitFor();
      const person = await createEmployee(admin, 'B200', 'Live Person');
      await admin.put(`/api/employees/${person}/pin`, { pin: '135790' });
      const kiosk = await admin.post('/api/devices', { name: 'Live door', siteId });
      const paired = await fetch(`${server.url}/api/kiosk/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: kiosk.body.pairing.code }),
      });
      const { token } = (await paired.json()) as { token: string };
      const now = new Date().toISOString();
      const photo = (await import('../http/faces-fixtures.js')).photo;
      const res = await fetch(`${server.url}/api/kiosk/punches`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-token': token },
        body: JSON.stringify({
          method: 'pin',
          idempotencyKey: `live-${Date.now()}`,
          capturedAt: now,
          sentAt: now,
          employeeNo: 'B200',
          pin: '135790',
          photo: (await photo('facerec__biden.jpg')).toString('base64'),
        }),
      });
      assert.equal(((await res.json()) as { outcome: string }).outcome, 'recorded');
      const live = page.getByRole('row', { name: /Live Person \(B200\)/ });
      await live.waitFor();
      assert.match((await live.textContent()) ?? '', /IN.*pin.*Live door/);
    } finally {
      await browser.close();
    }
  });
});
