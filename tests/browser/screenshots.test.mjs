// Screenshots for people to look at, under target/browser/: the first page, an error
// state and the confirmation at phone, tablet and desktop widths, and the launcher's
// dialog on a phone. Nothing is compared pixel by pixel; the sideways-scroll check is real.

import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, completeForm, startBrowser, startServer, w, waitForMounted } from './harness.mjs';

let server;
before(async () => { server = await startServer(); await mkdir(ARTIFACTS, { recursive: true }); });
after(async () => { await server?.stop(); });

async function shot(page, name) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  assert.ok((await stat(file)).size > 0);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px`);
}

for (const width of [320, 768, 1280]) {
  test(`screenshots of the demo page at ${width}px`, async () => {
    const browser = await startBrowser({ viewport: { width, height: 900 } });
    try {
      const page = await browser.page();
      await page.goto(server.url);
      await waitForMounted(page);
      await shot(page, `demo-${width}`);
      await w(page, '#cf-continue').click();
      await w(page, '#cf-error-summary').waitFor();
      await shot(page, `demo-${width}-error`);
      await completeForm(page, { kind: 'complaint' });
      await shot(page, `demo-${width}-sent`);
    } finally {
      await browser.close();
    }
  });
}

test('screenshot of the launcher dialog on a phone', async () => {
  const browser = await startBrowser({ viewport: { width: 390, height: 844 } });
  try {
    const page = await browser.page();
    await page.goto(`${server.origin}/launcher`);
    await shot(page, 'launcher-closed-390');
    await w(page, 'button.cf-launcher').click();
    await waitForMounted(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'launcher-open-390.png') });
  } finally {
    await browser.close();
  }
});
