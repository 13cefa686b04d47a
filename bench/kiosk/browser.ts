// The kiosk in headless Chromium (wasm backend) with a fake camera: (1) from the first camera frame with a face
// to the result card, without an active challenge, median over several page loads; (2) the passive anti-spoof
// and liveness scores Human gives in the browser for shared photos played as the camera's video (a still photo:
// the hard case for passive scores). Run: npx tsx bench/kiosk/browser.ts
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { fakeCamera, videoOf } from '../../test/browser/kiosk-video.js';
import { launchBrowser } from '../../test/helpers/browser.js';
import { adminClient, startTestServer } from '../../test/helpers/server.js';
import { enrolledEmployee } from '../../test/http/kiosk-fixtures.js';

const LOADS = 7;
const SCORE_PHOTOS = [
  'deepface__img2.jpg',
  'deepface__img12.jpg',
  'deepface__img20.jpg',
  'deepface__img30.jpg',
  'facerec__obama.jpg',
  'facerec__biden.jpg',
  'human__person-vlado.jpg',
  'faceapijs__amy1.png',
  'faceapijs__sheldon2.png',
  'faceapijs__penny3.png',
];

interface Probe {
  backend: string | null;
  faceToResultMs: number[];
  lastScores: { antispoof: number | null; liveness: number | null } | null;
}

async function main() {
  await buildWebIfStale(() => {});
  const server = await startTestServer();
  try {
    const admin = await adminClient(server);
    await admin.patch('/api/devices/settings', { repeatWindowMinutes: 0, sureAntispoof: 0, sureLiveness: 0 });
    await enrolledEmployee(admin, 'BB1', 'Bench Person', 'deepface__img1.jpg');
    const created = await admin.post('/api/devices', { name: 'Bench kiosk' });

    const browser = await launchBrowser({ args: fakeCamera(videoOf('deepface__img2.jpg')) });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(60_000);
    const samples: number[] = [];
    let backend: string | null = null;
    await page.goto(`${server.url}/kiosk?pair=${created.body.pairing.code}`);
    for (let i = 0; i < LOADS; i++) {
      if (i > 0) await page.reload();
      await page.locator('[data-result]').waitFor();
      const probe = (await page.evaluate(() => (window as unknown as { __kiosk?: Probe }).__kiosk)) as Probe;
      backend = probe.backend;
      samples.push(probe.faceToResultMs[0]);
    }
    await browser.close();
    samples.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        bench: 'kiosk in headless Chromium: first frame with a face → result card (no challenge)',
        backend,
        loads: samples.length,
        medianMs: Math.round(samples[Math.floor(samples.length / 2)]),
        minMs: Math.round(samples[0]),
        maxMs: Math.round(samples[samples.length - 1]),
      }),
    );

    const scores: { photo: string; antispoof: number | null; liveness: number | null }[] = [];
    for (const photo of SCORE_PHOTOS) {
      const b = await launchBrowser({ args: fakeCamera(videoOf(photo)) });
      const p = b.context.pages()[0] ?? (await b.context.newPage());
      p.setDefaultTimeout(60_000);
      const device = await admin.post('/api/devices', { name: `Scores ${photo}` });
      await p.goto(`${server.url}/kiosk?pair=${device.body.pairing.code}`);
      let probe: Probe | undefined;
      for (let i = 0; i < 60 && !probe?.lastScores; i++) {
        await p.waitForTimeout(500);
        probe = (await p.evaluate(() => (window as unknown as { __kiosk?: Probe }).__kiosk)) as
          | Probe
          | undefined;
      }
      const round = (x: number | null | undefined) => (x == null ? null : Math.round(x * 1000) / 1000);
      // null: no face passed detection in the browser within 30 s.
      scores.push({
        photo,
        antispoof: round(probe?.lastScores?.antispoof),
        liveness: round(probe?.lastScores?.liveness),
      });
      await b.close();
    }
    console.log(
      JSON.stringify(
        { bench: 'passive scores in the browser of shared photos played as the camera', scores },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
  }
}

void main();
