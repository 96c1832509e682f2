// The widget embedded as a council's web team would: the README's snippet, exactly, on a
// page of another origin than `feedback serve` (a second small server on its own port),
// the widget's files and the API both coming from `feedback serve`. A resident sends
// feedback through it end to end. A page whose origin no council allows gets the
// fallback: the browser refuses the widget's files.

import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ROOT, axeViolations, completeForm, heading, startBrowser, startServer, w, waitForMounted,
} from './harness.mjs';

/** The embed snippet as the README's "Embedding the widget" section gives it. */
async function readmeSnippet() {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Embedding the widget'));
  const snippet = section.match(/```html\n([\s\S]*?)```/);
  assert.ok(snippet, 'no html snippet in the README\'s "Embedding the widget"');
  assert.match(snippet[1], /<script src="https:\/\/feedback\.example\.gov\.uk\/widget\/widget\.js"/);
  return snippet[1];
}

/** A council's page: the README's snippet with the server's origin in place of the example. */
function councilPage(snippet, serverOrigin) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Contact us: Demo Borough Council</title></head>
<body>
<main>
<h1>Contact us</h1>
${snippet.replaceAll('https://feedback.example.gov.uk', serverOrigin)}
</main>
</body>
</html>
`;
}

/** A static server on loopback answering every path with `html`; resolves its origin. */
async function pageServer(html) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

let server;
let allowedPage;
let refusedPage;
let config;
let html = () => '';

before(async () => {
  // Two council pages, each on its own port, so on origins of their own.
  allowedPage = await pageServer(() => html());
  refusedPage = await pageServer(() => html());
  // The demo council allows the first page's origin, as a council adds its site to
  // `allowed_origins`; nobody allows the second.
  config = await mkdtemp(path.join(tmpdir(), 'cf-cross-origin-config-'));
  await cp(path.join(ROOT, 'config', 'councils'), config, { recursive: true });
  const demo = path.join(config, 'demo.toml');
  const toml = await readFile(demo, 'utf8');
  assert.match(toml, /^allowed_origins = \[/m);
  await writeFile(demo, toml.replace(/^allowed_origins = \[/m, `allowed_origins = ["${allowedPage.origin}", `));
  server = await startServer({ config });
  const snippet = await readmeSnippet();
  html = () => councilPage(snippet, server.origin);
});

after(async () => {
  await server?.stop();
  allowedPage?.close();
  refusedPage?.close();
  if (config) await rm(config, { recursive: true, force: true });
});

/** A fresh Chromium for `fn(page, browser)`, closed afterwards whatever happens. */
async function withBrowser(fn) {
  const browser = await startBrowser();
  try {
    await fn(await browser.page(), browser);
  } finally {
    await browser.close();
  }
}

test('a council page on another origin embeds the widget with the README snippet and a resident sends feedback', () =>
  withBrowser(async (page, browser) => {
    assert.notEqual(allowedPage.origin, server.origin);
    // What the page's requests to `feedback serve` were answered with.
    const files = new Map();
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (url.origin === server.origin && url.pathname.startsWith('/widget/')) {
        files.set(path.basename(url.pathname), await response.allHeaders());
      }
    });
    await page.goto(`${allowedPage.origin}/contact`);
    await waitForMounted(page);
    assert.equal(await page.evaluate(() => location.origin), allowedPage.origin);

    // The glue, the wasm and the CSS came across origins, readable by this page only,
    // compressed, and cacheable for a year; the loader for five minutes.
    const names = [...files.keys()];
    for (const [pattern, cache] of [
      [/^widget\.js$/, 'public, max-age=300'],
      [/\.wasm$/, 'public, max-age=31536000, immutable'],
      [/^feedback-widget\.[0-9a-f]+\.js$/, 'public, max-age=31536000, immutable'],
      [/^widget\.[0-9a-f]+\.css$/, 'public, max-age=31536000, immutable'],
    ]) {
      const name = names.find((n) => pattern.test(n));
      assert.ok(name, `no ${pattern} among ${names.join(', ')}`);
      const headers = files.get(name);
      assert.equal(headers['cache-control'], cache, name);
      assert.ok(['br', 'gzip'].includes(headers['content-encoding']), `${name}: ${headers['content-encoding']}`);
      assert.match(headers.vary ?? '', /accept-encoding/i, name);
      if (!name.startsWith('widget.js')) {
        assert.equal(headers['access-control-allow-origin'], allowedPage.origin, name);
      }
    }

    assert.deepEqual(await axeViolations(page), [], 'axe on the first question');
    const reference = await completeForm(page, { kind: 'complaint' });
    assert.match(reference, /^DEMO-\d{4}-\d{6}$/);
    assert.deepEqual(await axeViolations(page), [], 'axe on the confirmation');
    const stored = (await server.cases()).filter((c) => c.reference === reference);
    assert.equal(stored.length, 1, 'the case is stored once');
    assert.deepEqual(browser.errors, [], 'uncaught errors on the page');
  }));

test('a page whose origin no council allows keeps its fallback: the browser refuses the files', () =>
  withBrowser(async (page) => {
    await page.goto(`${refusedPage.origin}/contact`);
    await page.locator('council-feedback').scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => document.querySelector('council-feedback')?.dataset.state === 'failed',
      null,
      { timeout: 20_000 },
    );
    assert.equal(await heading(page).count(), 0, 'no form');
    await page.getByRole('link', { name: 'Contact us' }).waitFor({ state: 'visible' });
    assert.equal(await w(page, 'form').count(), 0);
  }));
