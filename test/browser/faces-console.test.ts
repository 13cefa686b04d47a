// The face enrollment console in Chromium with a fake camera showing a real face: record the consent, enroll an
// uploaded photo, get the live quality verdict from Human in the browser and enroll a webcam capture, then the
// identify test names the person. Screenshots in both languages go to test-results/screenshots/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { ADMIN, type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const facesDir = path.resolve(repoRoot, '../shared/faces');
const shotsDir = path.join(repoRoot, 'test-results', 'screenshots');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-faces-console-'));

let server: TestServer;
let api: ApiClient;
let browser: TestBrowser;
let page: Page;
let employeeId: number;

async function scaled(file: string, out: string) {
  await sharp(path.join(facesDir, file)).resize({ width: 640, height: 480, fit: 'cover' }).jpeg().toFile(out);
  return out;
}

async function screenshot(language: string, name: string) {
  fs.mkdirSync(path.join(shotsDir, language), { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, language, `${name}.png`), fullPage: true });
}

before(async () => {
  await buildWebIfStale(() => {});
  server = await startTestServer();
  api = await adminClient(server);
  employeeId = (await api.post('/api/employees', { employeeNo: 'W001', name: 'Webcam Person' })).body.id;
  // The fake camera shows a still photo of a person, as a y4m video.
  const still = await scaled('deepface__img2.jpg', path.join(workDir, 'camera.jpg'));
  const video = path.join(workDir, 'camera.y4m');
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-loop',
    '1',
    '-i',
    still,
    '-t',
    '2',
    '-pix_fmt',
    'yuv420p',
    video,
  ]);
  browser = await launchBrowser({
    args: [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

test('consent, upload, live webcam feedback and capture, then the identify test', async () => {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('menuitem', { name: 'Face enrollment' }).click();
  await page.getByRole('heading', { name: 'Face enrollment', level: 4 }).waitFor();
  await page.goto(`${server.url}/faces?employee=${employeeId}`);

  // Without consent there is nothing to enroll with; record it.
  await page.getByText('No consent in force').waitFor();
  await page.getByRole('button', { name: 'Record consent' }).click();
  await page.getByText(/Consent in force since/).waitFor();

  // An uploaded photo.
  const upload = await scaled('deepface__img1.jpg', path.join(workDir, 'upload.jpg'));
  await page.locator('input[type=file][accept^="image"]').first().setInputFiles(upload);
  await page.getByRole('button', { name: 'Enroll 1 photo(s)' }).click();
  await page.getByText('1 enrolled, 0 refused').first().waitFor();
  await page.getByText('1 template(s)').waitFor();

  // The webcam: Human judges the frames in the browser; capture once the verdict is good.
  await page.getByRole('button', { name: 'Start the camera' }).first().click();
  const feedback = page.getByTestId('webcam-feedback');
  await feedback.getByText('Good: hold still and capture').waitFor({ timeout: 60_000 });
  await page.getByText(/Face detection runs in this browser \((wasm|webgl|webgpu)\)/).waitFor();
  await screenshot('en', 'faces-enroll');
  await page.getByRole('button', { name: 'Capture' }).click();
  await page.getByText('1 photo(s) captured').waitFor();
  await page.getByRole('button', { name: 'Enroll the captured photos' }).click();
  await page.getByText('2 template(s)').waitFor();
  const list = (await api.get(`/api/employees/${employeeId}/faces`)).body;
  assert.deepEqual(list.templates.map((t: { source: string }) => t.source).sort(), ['upload', 'webcam']);
  await page.getByRole('button', { name: 'Stop' }).click();

  // The identify test recognises the person from another photo.
  await page.getByRole('tab', { name: 'Identify test' }).click();
  const probe = await scaled('deepface__img4.jpg', path.join(workDir, 'probe.jpg'));
  await page.locator('input[type=file][accept^="image"]').first().setInputFiles(probe);
  await page.getByTestId('identify-decision').getByText('Identified: Webcam Person (W001)').waitFor();
  await page.getByText(/Threshold 0\.\d+ · margin 0\.\d+/).waitFor();
  await screenshot('en', 'faces-identify');

  // The same page in Chinese.
  await page.evaluate(() => localStorage.setItem('faceclock.language', 'zh-CN'));
  await page.goto(`${server.url}/faces?employee=${employeeId}`);
  await page.getByRole('heading', { name: '人脸录入', level: 4 }).waitFor();
  await page.getByText('2 个模板').waitFor();
  await screenshot('zh-CN', 'faces-enroll');
});
