// The kiosk page fits a 1280×800 tablet in landscape and a phone in portrait, in both languages: the clock,
// the site, the camera preview and the way to the alternatives are on screen, and nothing runs off the side.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { launchBrowser } from '../helpers/browser.js';
import { type ApiClient, adminClient, startTestServer, type TestServer } from '../helpers/server.js';
import { fakeCamera, videoOf } from './kiosk-video.js';

let server: TestServer;
let admin: ApiClient;
let siteId: number;

type Box = { top: number; left: number; bottom: number; right: number; width: number; height: number };
interface Layout {
  scrollWidth: number;
  innerWidth: number;
  innerHeight: number;
  clock: Box | null;
  video: Box | null;
}

before(async () => {
  await buildWebIfStale(() => {});
  server = await startTestServer();
  admin = await adminClient(server);
  siteId = (await admin.post('/api/sites', { name: 'Head office', timeZone: 'Asia/Shanghai' })).body.id;
});
after(() => server?.stop());

const screens = [
  { name: 'tablet-landscape', viewport: { width: 1280, height: 800 }, locale: 'en-US', site: 'Head office' },
  { name: 'phone-portrait', viewport: { width: 390, height: 844 }, locale: 'zh-CN', site: 'Head office' },
  { name: 'phone-portrait-en', viewport: { width: 390, height: 844 }, locale: 'en-US', site: 'Head office' },
];

for (const screen of screens) {
  test(`the kiosk fits a ${screen.name} screen (${screen.locale})`, async () => {
    const created = await admin.post('/api/devices', {
      name: `Kiosk ${screen.name}`,
      siteId,
      direction: 'both',
    });
    assert.equal(created.status, 201);
    const browser = await launchBrowser({
      args: fakeCamera(videoOf('facerec__obama.jpg')),
      viewport: screen.viewport,
      locale: screen.locale,
      timezoneId: 'Asia/Shanghai',
    });
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.setDefaultTimeout(30_000);
      await page.goto(`${server.url}/kiosk?pair=${created.body.pairing.code}`);
      await page.getByText(screen.site).waitFor();
      // A string, so the test's compiler adds nothing to the function that runs in the page.
      const layout = (await page.evaluate(`(() => {
        const box = (selector) => {
          const el = document.querySelector(selector);
          if (!el) return null;
          const r = el.getBoundingClientRect();
          return { top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height };
        };
        return {
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          innerHeight: window.innerHeight,
          clock: box('.kiosk-clock'),
          video: box('.kiosk-video'),
        };
      })()`)) as Layout;
      await page.screenshot({ path: `test-results/screenshots/kiosk-${screen.name}-${screen.locale}.png` });
      assert.ok(
        layout.scrollWidth <= layout.innerWidth,
        `nothing runs off the side (${layout.scrollWidth} > ${layout.innerWidth})`,
      );
      for (const [what, b] of [
        ['clock', layout.clock],
        ['camera preview', layout.video],
      ] as const) {
        assert.ok(b, `the ${what} is on the page`);
        assert.ok(b.width > 0 && b.height > 0, `the ${what} has a size`);
        assert.ok(b.left >= 0 && b.right <= layout.innerWidth + 1, `the ${what} is within the width`);
        assert.ok(b.top >= 0 && b.top < layout.innerHeight, `the ${what} starts on screen`);
      }
      assert.ok(
        layout.video!.width >= layout.innerWidth * 0.5,
        'the camera preview is large enough to aim at',
      );
    } finally {
      await browser.close();
    }
  });
}
