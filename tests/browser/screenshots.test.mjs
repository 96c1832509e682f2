// Screenshots of the demo page at phone, tablet and desktop widths, for people to look
// at (target/browser/demo-<width>.png). Nothing is compared pixel by pixel.

import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, startBrowser, startServer, waitForMounted } from './harness.mjs';

let server;
before(async () => { server = await startServer(); await mkdir(ARTIFACTS, { recursive: true }); });
after(async () => { await server?.stop(); });

for (const width of [320, 768, 1280]) {
  test(`screenshot of the demo page at ${width}px`, async () => {
    const browser = await startBrowser({ viewport: { width, height: 900 } });
    try {
      const page = await browser.page();
      await page.goto(server.url);
      await waitForMounted(page);
      // No horizontal scrolling at any width.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at ${width}px`);
      const file = path.join(ARTIFACTS, `demo-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok((await stat(file)).size > 0);
    } finally {
      await browser.close();
    }
  });
}
