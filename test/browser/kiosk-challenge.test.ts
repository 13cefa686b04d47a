// A still photo held to the camera is the hard case: its passive scores look live (see docs/kiosk.md), so with
// the challenge on every punch the kiosk asks for a blink or a head turn, the photo cannot do it, and no punch
// is recorded; the refused attempt is kept for review.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { launchBrowser } from '../helpers/browser.js';
import { type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { enrolledEmployee } from '../http/kiosk-fixtures.js';
import { fakeCamera, videoOf } from './kiosk-video.js';

let server: TestServer;
let admin: ApiClient;

before(async () => {
  await buildWebIfStale(() => {});
  server = await startTestServer();
  admin = await adminClient(server);
  await admin.patch('/api/devices/settings', { challengeMode: 'always' });
});

after(async () => {
  await server?.stop();
});

it('stops an enrolled person’s still photo with the active challenge', async () => {
  const employeeId = await enrolledEmployee(admin, 'C001', 'Photo Person', 'deepface__img1.jpg');
  const created = await admin.post('/api/devices', { name: 'Turnstile' });
  const browser = await launchBrowser({ args: fakeCamera(videoOf('deepface__img2.jpg')), locale: 'zh-CN' });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
  try {
    await page.goto(`${server.url}/kiosk?pair=${created.body.pairing.code}`);
    const prompt = page.locator('.kiosk-prompt.challenge');
    await prompt.waitFor();
    assert.match((await prompt.textContent()) ?? '', /请眨眨眼|请向左转头|请向右转头/);
    const refused = page.locator('[data-result="refused"]');
    await refused.waitFor();
    assert.match((await refused.textContent()) ?? '', /请按屏幕提示完成动作/);
    const punches = await server.db.kysely
      .selectFrom('punches')
      .selectAll()
      .where('employee_id', '=', employeeId)
      .execute();
    assert.equal(punches.length, 0);
    const attempts = await server.db.kysely
      .selectFrom('punch_attempts')
      .selectAll()
      .where('device_id', '=', created.body.device.id)
      .execute();
    assert.ok(attempts.length >= 1);
    assert.equal(attempts[0].outcome, 'challenge_failed');
    const scores = JSON.parse(attempts[0].scores);
    assert.equal(scores.challenge.passed, false);
    assert.equal(
      typeof scores.client.antispoof,
      'number',
      'the browser’s passive scores are kept for review',
    );
  } finally {
    await browser.close();
  }
});
