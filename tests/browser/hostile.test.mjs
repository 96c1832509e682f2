// Isolation both ways: the widget looks the same on pages with hostile CSS (resets, a
// 62.5% root font size, hidden buttons, GOV.UK Frontend's and Bootstrap's stylesheets from
// npm), and the page's own elements look the same with the widget as without it.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { servePage, startBrowser, startServer, testPage, w, waitForMounted } from './harness.mjs';

const require = createRequire(import.meta.url);
let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const RESETS = `
  html { font-size: 62.5% !important; }
  * { margin: 0 !important; padding: 0 !important; font-family: "Comic Sans MS", fantasy !important;
      color: #f0f !important; line-height: 0.8 !important; box-sizing: content-box !important; }
  button { display: none !important; }
  input, textarea { border: 0 !important; width: 10px !important; }
  div { background: #000 !important; }
  h2 { font-size: 5rem !important; text-transform: uppercase !important; }
  council-feedback { font-size: 8px; color: red; }
`;

/** What the widget looks like, measured: sizes and computed styles of key parts. */
function measure(page) {
  return page.evaluate(() => {
    const root = document.querySelector('council-feedback').shadowRoot;
    const pick = (sel) => {
      const el = root.querySelector(sel);
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return {
        width: Math.round(r.width), height: Math.round(r.height), display: s.display,
        font: `${s.fontSize} ${s.fontFamily}`, color: s.color, background: s.backgroundColor,
        transform: s.textTransform,
      };
    };
    return {
      heading: pick('#cf-step-heading'),
      radio: pick('#cf-kind'),
      label: pick('label[for=cf-kind]'),
      button: pick('#cf-continue'),
      form: pick('form'),
    };
  });
}

async function widgetOn(css, stylesheets = []) {
  const browser = await startBrowser({ viewport: { width: 800, height: 900 } });
  try {
    const page = await browser.page();
    const links = stylesheets.map((s, i) => `<link rel="stylesheet" href="/test/sheet-${i}.css">`).join('');
    for (const [i, sheet] of stylesheets.entries()) {
      const body = await readFile(require.resolve(sheet), 'utf8');
      await page.route(`${server.origin}/test/sheet-${i}.css`, (r) => r.fulfill({ contentType: 'text/css', body }));
    }
    const url = `${server.origin}/test/hostile-${Math.random().toString(36).slice(2)}.html`;
    const html = testPage({ before: `${links}<style>${css}</style><p id="host-text" class="govuk-body lead">Host text</p>` });
    await servePage(page, url, html);
    await page.goto(url);
    await waitForMounted(page);
    return { widget: await measure(page), host: await page.evaluate(() => {
      const s = getComputedStyle(document.getElementById('host-text'));
      return `${s.fontSize} ${s.fontFamily} ${s.color} ${s.margin} ${s.lineHeight}`;
    }) };
  } finally {
    await browser.close();
  }
}

let clean;
test('the widget on a plain page (the baseline)', async () => {
  clean = await widgetOn('');
  assert.equal(clean.widget.button.display, 'block'); // a flex item
  assert.ok(parseFloat(clean.widget.heading.font) >= 24);
});

for (const [name, css, sheets] of [
  ['global resets, a 62.5% root font and hidden buttons', RESETS, []],
  ["GOV.UK Frontend's stylesheet", '', ['govuk-frontend/dist/govuk/govuk-frontend.min.css']],
  ["Bootstrap's stylesheet", '', ['bootstrap/dist/css/bootstrap.min.css']],
]) {
  test(`the widget looks the same under ${name}`, async () => {
    const hostile = await widgetOn(css, sheets);
    assert.deepEqual(hostile.widget, clean.widget);
  });
}

test('the host page looks the same with the widget as without it', async () => {
  for (const sheets of [[], ['govuk-frontend/dist/govuk/govuk-frontend.min.css']]) {
    const browser = await startBrowser();
    try {
      const page = await browser.page();
      const styleOf = () => page.evaluate(() => {
        const all = [document.querySelector('h1'), document.body, document.documentElement];
        return all.map((el) => {
          const s = getComputedStyle(el);
          return `${s.fontSize} ${s.fontFamily} ${s.color} ${s.margin} ${s.backgroundColor}`;
        });
      });
      for (const [i, sheet] of sheets.entries()) {
        const body = await readFile(require.resolve(sheet), 'utf8');
        await page.route(`${server.origin}/test/sheet-${i}.css`, (r) => r.fulfill({ contentType: 'text/css', body }));
      }
      const links = sheets.map((s, i) => `<link rel="stylesheet" href="/test/sheet-${i}.css">`).join('');
      const without = testPage({ before: links }).replace(/<council-feedback[\s\S]*<\/council-feedback>/, '').replace(/<script[^>]*widget.js[^>]*><\/script>/, '');
      await servePage(page, `${server.origin}/test/without.html`, without);
      await page.goto(`${server.origin}/test/without.html`);
      const before = await styleOf();
      await servePage(page, `${server.origin}/test/with.html`, testPage({ before: links }));
      await page.goto(`${server.origin}/test/with.html`);
      await waitForMounted(page);
      assert.deepEqual(await styleOf(), before);
      assert.equal(await page.evaluate(() => document.head.querySelectorAll('style').length), 0, 'no styles added to the page');
    } finally {
      await browser.close();
    }
  }
});
