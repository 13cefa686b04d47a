// Human in a real browser, loaded only from our own server (/vendor/…, under the app's content security
// policy): the TensorFlow.js backend is wasm in headless Chromium, and the served models find a face.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const facesDir = path.resolve(import.meta.dirname, '../..', '../shared/faces');

let server: TestServer;
let browser: TestBrowser;

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('Human runs on the wasm backend from /vendor and finds a face', async () => {
  const page = await browser.context.newPage();
  const blocked: string[] = [];
  page.on('requestfailed', (r) => blocked.push(r.url()));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) blocked.push(`outside: ${r.url()}`);
  });
  // Any page of ours will do: it carries the app's content security policy.
  await page.goto(`${server.url}/api/health`);
  const jpeg = await sharp(fs.readFileSync(path.join(facesDir, 'deepface__img1.jpg')))
    .resize({ width: 640 })
    .jpeg()
    .toBuffer();
  const result = await page.evaluate(async (base64) => {
    const url = '/vendor/human/human.esm.js';
    interface BrowserHuman {
      load(): Promise<void>;
      detect(input: OffscreenCanvas): Promise<{ face: { mesh?: unknown[] }[] }>;
      tf: { ready(): Promise<void>; getBackend(): string };
    }
    const { Human } = (await import(url)) as { Human: new (config: object) => BrowserHuman };
    const human = new Human({
      backend: 'wasm',
      wasmPath: '/vendor/tfjs-wasm/',
      modelBasePath: '/vendor/human-models/',
      debug: false,
      warmup: 'none',
      cacheModels: false,
      face: {
        enabled: true,
        detector: { rotation: true, maxDetected: 3 },
        mesh: { enabled: true },
        iris: { enabled: false },
        emotion: { enabled: false },
        description: { enabled: false },
        antispoof: { enabled: false },
        liveness: { enabled: false },
      },
      body: { enabled: false },
      hand: { enabled: false },
      object: { enabled: false },
      gesture: { enabled: false },
      segmentation: { enabled: false },
    });
    await human.load();
    await human.tf.ready();
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    const detected = await human.detect(canvas);
    return {
      backend: human.tf.getBackend(),
      faces: detected.face.length,
      mesh: detected.face[0]?.mesh?.length ?? 0,
    };
  }, jpeg.toString('base64'));
  assert.equal(result.backend, 'wasm');
  assert.equal(result.faces, 1);
  assert.equal(result.mesh, 468);
  assert.deepEqual(blocked, [], 'every file came from our own server');
});
