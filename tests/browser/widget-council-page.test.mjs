// The widget on a real council page (issue 16): its own readable colours in a dark footer,
// a hostile page's inherited text styles reset at its root, the browser's Back button
// stepping through the questions beside a host page's own router, requests that time out,
// a Content Security Policy that blocks wasm explained, the fallback never behind the
// modal, dates written out, a progress code easy to read aloud, the Ombudsman named after
// a final response, and two forms on one page keeping their own drafts and history.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import {
  FEEDBACK_BIN, FIRST_EN, actOn, axeViolations, completeForm, heading, londonToday, next, outboxEmail,
  servePage, startBrowser, startServer, w, waitForMounted,
} from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

/** A fresh Chromium for `fn(page, browser)`, closed afterwards whatever happens. */
async function withBrowser(fn, options) {
  const browser = await startBrowser(options);
  try {
    const page = await browser.page();
    await fn(page, browser);
    assert.deepEqual(browser.errors, [], 'uncaught errors on the page');
  } finally {
    await browser.close();
  }
}

/** A council's page: `body` inside <body>, the loader in <head>, `head` beside it. */
function councilPage(body, { head = '', lang = 'en' } = {}) {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A council page</title>
<script src="/widget/widget.js" defer></script>
${head}</head>
<body>
<main><h1>Bins and recycling</h1><p>Collections are every other week.</p></main>
${body}
</body>
</html>
`;
}

/** Serves `html` at a fresh path on the server's origin and opens it. */
async function open(page, html, { headers = {}, path = 'page' } = {}) {
  const url = `${server.origin}/test/${path}-${Math.random().toString(36).slice(2)}.html`;
  await servePage(page, url, html, headers);
  await page.goto(url);
  return url;
}

// A site's dark blue footer with light text, as on many council sites.
const FOOTER_CSS = `<style>
  footer { background: #003078; color: #f3f2f1; padding: 24px; }
  footer a { color: #fff; }
</style>`;

const footerPage = (council) => councilPage(`<footer>
  <h2>Contact us</h2>
  <council-feedback council="${council}">
    <p><a href="https://www.demo.example/contact">Contact the council</a></p>
  </council-feedback>
</footer>`, { head: FOOTER_CSS });

/** WCAG contrast of two computed `rgb(…)` colours, worked out in the page. */
function colours(page, selectors) {
  return page.evaluate((sels) => {
    const root = document.querySelector('council-feedback').shadowRoot;
    const rgb = (s) => s.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = (c) => {
      const [r, g, b] = rgb(c).map((v) => {
        const x = v / 255;
        return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const ground = getComputedStyle(root.querySelector('.cf-root')).backgroundColor;
    const out = { ground };
    for (const sel of sels) {
      const color = getComputedStyle(root.querySelector(sel)).color;
      out[sel] = { color, ratio: Math.round(ratio(color, ground) * 100) / 100 };
    }
    return out;
  }, selectors);
}

test('in a dark footer the widget draws its own ground: default colours are readable, axe clean', () =>
  withBrowser(async (page) => {
    await open(page, footerPage('demo'));
    await waitForMounted(page);
    const seen = await colours(page, ['#cf-step-heading', '.cf-radio-label', '.cf-hint', '#cf-progress-link']);
    // Not the footer's dark blue showing through: the widget's own white.
    assert.equal(seen.ground, 'rgb(255, 255, 255)');
    assert.equal(seen['#cf-step-heading'].color, 'rgb(11, 12, 12)');
    assert.equal(seen['#cf-progress-link'].color, 'rgb(29, 112, 184)');
    for (const [sel, c] of Object.entries(seen)) {
      if (sel !== 'ground') assert.ok(c.ratio >= 4.5, `${sel}: ${JSON.stringify(c)}`);
    }
    assert.deepEqual(await axeViolations(page), []);
    // With errors shown too.
    await w(page, '#cf-continue').click();
    await w(page, '#cf-error-summary').waitFor();
    const errors = await colours(page, ['.cf-error', '.cf-error-summary-list .cf-link']);
    for (const [sel, c] of Object.entries(errors)) {
      if (sel !== 'ground') assert.ok(c.ratio >= 4.5, `${sel}: ${JSON.stringify(c)}`);
    }
    assert.deepEqual(await axeViolations(page), []);
  }));

test("a council's own palette: dark background, white text, an unreadable link colour corrected", () =>
  withBrowser(async (page) => {
    // north-glen sets background #003078, text #ffffff and links #005eb8 (1.9:1 there).
    await open(page, footerPage('north-glen'));
    await waitForMounted(page);
    const seen = await colours(page, ['#cf-step-heading', '.cf-radio-label', '.cf-hint', '#cf-progress-link']);
    assert.equal(seen.ground, 'rgb(0, 48, 120)');
    assert.equal(seen['#cf-step-heading'].color, 'rgb(255, 255, 255)');
    assert.equal(seen['#cf-progress-link'].color, 'rgb(255, 255, 255)', 'the link falls back to the text colour');
    for (const [sel, c] of Object.entries(seen)) {
      if (sel !== 'ground') assert.ok(c.ratio >= 4.5, `${sel}: ${JSON.stringify(c)}`);
    }
    // Fields stay dark on white whatever the palette.
    await w(page, 'input[name=kind][value=comment]').check();
    await next(page);
    await w(page, 'input[name=service]').first().check();
    await next(page);
    const field = await w(page, '#cf-what_happened').evaluate((el) => {
      const s = getComputedStyle(el);
      return `${s.color} on ${s.backgroundColor}`;
    });
    assert.equal(field, 'rgb(11, 12, 12) on rgb(255, 255, 255)');
    assert.deepEqual(await axeViolations(page), []);
    await w(page, '#cf-continue').click();
    await w(page, '#cf-error-summary').waitFor();
    const errors = await colours(page, ['.cf-error', '.cf-error-summary-list .cf-link', '.cf-back']);
    for (const [sel, c] of Object.entries(errors)) {
      if (sel !== 'ground') assert.ok(c.ratio >= 4.5, `${sel}: ${JSON.stringify(c)}`);
    }
    assert.deepEqual(await axeViolations(page), []);
  }));

// Every inherited property a page might set on `*` or body, set to something that shows.
// (The root's own font size is followed on purpose, floored at 16px: the form's sizes are
// rems so a resident's larger browser text setting enlarges it. hostile.test.mjs covers
// a 62.5% root; here the body's and the element's sizes must not reach in.)
const HOSTILE = `<style>
  *, body { word-break: break-all; font-variant: small-caps; letter-spacing: 5px;
    text-transform: uppercase; font-style: italic; text-align: right; direction: rtl;
    white-space: pre; line-height: 3; word-spacing: 20px;
    font-family: "Comic Sans MS", fantasy; text-indent: 40px; font-weight: 900;
    text-shadow: 2px 2px red; hyphens: auto; font-stretch: condensed; }
  body, body * { font-size: 30px; }
  council-feedback { font-size: 8px; font-family: fantasy; text-align: center; }
</style>`;

/** The inherited properties that matter, computed on `selector` in the shadow root. */
function inherited(page, selector) {
  return w(page, selector).first().evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      wordBreak: s.wordBreak, fontVariant: s.fontVariant, letterSpacing: s.letterSpacing,
      textTransform: s.textTransform, fontStyle: s.fontStyle, textAlign: s.textAlign,
      direction: s.direction, whiteSpace: s.whiteSpace, lineHeight: s.lineHeight,
      fontSize: s.fontSize, wordSpacing: s.wordSpacing, fontFamily: s.fontFamily,
      textIndent: s.textIndent, textShadow: s.textShadow, hyphens: s.hyphens,
      fontStretch: s.fontStretch,
    };
  });
}

const RESET = {
  wordBreak: 'normal', fontVariant: 'normal', letterSpacing: 'normal', textTransform: 'none',
  fontStyle: 'normal', direction: 'ltr', whiteSpace: 'normal', wordSpacing: '0px',
  textIndent: '0px', textShadow: 'none', hyphens: 'manual', fontStretch: '100%',
};

test("a hostile page's inherited text styles stop at the widget's root", () =>
  withBrowser(async (page) => {
    await open(page, councilPage(`<council-feedback council="demo"></council-feedback>
      <council-feedback council="demo" id="launched" mode="launcher"></council-feedback>`, { head: HOSTILE }));
    await waitForMounted(page);
    const plain = await (async () => {
      const b = await startBrowser();
      try {
        const p = await b.page();
        await open(p, councilPage('<council-feedback council="demo"></council-feedback>'));
        await waitForMounted(p);
        return await inherited(p, '.cf-radio-label');
      } finally {
        await b.close();
      }
    })();
    for (const selector of ['#cf-step-heading', '.cf-radio-label', '.cf-hint', '#cf-continue', '#cf-progress-link']) {
      const got = await inherited(page, selector);
      for (const [k, v] of Object.entries(RESET)) assert.equal(got[k], v, `${selector} ${k}`);
      assert.equal(got.textAlign, selector === '#cf-continue' ? 'center' : 'start', `${selector} text-align`);
      assert.doesNotMatch(got.fontFamily, /Comic|fantasy/, `${selector} font`);
    }
    // The body text is as on a plain page: size, line height and font.
    const label = await inherited(page, '.cf-radio-label');
    assert.deepEqual(
      [label.fontSize, label.lineHeight, label.fontFamily],
      [plain.fontSize, plain.lineHeight, plain.fontFamily],
    );

    // The launcher: the widget's font (not the page's), and the council's brand colour
    // like the form's buttons, before any wasm has loaded.
    const launcher = page.locator('#launched').locator('button.cf-launcher');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('#launched').shadowRoot
      .querySelector('.cf-launcher')).backgroundColor === 'rgb(29, 112, 184)');
    const look = await launcher.evaluate((el) => {
      const s = getComputedStyle(el);
      return { font: s.fontFamily, size: s.fontSize, weight: s.fontWeight, transform: s.textTransform, spacing: s.letterSpacing, background: s.backgroundColor, color: s.color };
    });
    const button = await w(page, '#cf-continue').first().evaluate((el) => {
      const s = getComputedStyle(el);
      return { font: s.fontFamily, size: s.fontSize, weight: s.fontWeight, transform: s.textTransform, spacing: s.letterSpacing, background: s.backgroundColor, color: s.color };
    });
    assert.deepEqual(look, button);
    assert.equal(look.background, 'rgb(29, 112, 184)');
    assert.deepEqual(await axeViolations(page), []);
  }));

// A host page with its own client-side router: links push /shop/… entries with a state
// of its own, and popstate draws the page that state names.
const ROUTER = `<nav><a href="/test/shop/home" data-route="home">Home</a>
<a href="/test/shop/contact" data-route="contact">Contact</a></nav>
<div id="view">home</div>
<script>
  window.routerLog = [];
  const draw = (page) => { document.getElementById('view').textContent = page; window.routerLog.push(page); };
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-route]');
    if (!a) return;
    e.preventDefault();
    history.pushState({ page: a.dataset.route }, '', a.href);
    draw(a.dataset.route);
  });
  addEventListener('popstate', (e) => draw((e.state && e.state.page) || 'home'));
  history.replaceState({ page: 'home' }, '');
</script>`;

test("the browser's Back goes to the previous question, keeps the URL and the host's router", () =>
  withBrowser(async (page) => {
    const html = councilPage(`${ROUTER}<council-feedback council="demo"></council-feedback>`);
    await page.route(`${server.origin}/test/shop/**`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(`${server.origin}/test/shop/home`);
    await page.click('a[data-route=contact]');
    assert.equal(new URL(page.url()).pathname, '/test/shop/contact');
    await waitForMounted(page);
    const address = page.url();
    const historyLength = await page.evaluate(() => history.length);

    await w(page, 'input[name=kind][value=comment]').check();
    await next(page);
    await w(page, 'input[name=service][value=waste]').check();
    await next(page);
    assert.equal(await w(page, '#cf-what_happened').count(), 1);
    assert.equal(await page.evaluate(() => history.length), historyLength + 2);

    const back = async (expected) => {
      await page.evaluate(() => history.back());
      await page.waitForFunction((text) => document.querySelector('council-feedback').shadowRoot
        .getElementById('cf-step-heading')?.textContent.trim() === text, expected);
    };
    await back('Which service is it about?');
    assert.equal(page.url(), address, 'the address never changes');
    assert.equal(await page.textContent('#view'), 'contact', "the host's router still shows its page");
    assert.equal(await w(page, 'input[name=service][value=waste]').isChecked(), true, 'answers kept');
    await back(FIRST_EN);
    assert.equal(page.url(), address);
    assert.equal(await page.textContent('#view'), 'contact');
    assert.equal(await w(page, 'input[name=kind][value=comment]').isChecked(), true);
    // Forward comes back to the widget's page too.
    await page.evaluate(() => history.forward());
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot
      .getElementById('cf-step-heading')?.textContent.trim() === 'Which service is it about?');
    await back(FIRST_EN);

    // From the first page, Back leaves as usual: the host's router takes its own entry.
    await page.evaluate(() => history.back());
    await page.waitForFunction(() => document.getElementById('view').textContent === 'home');
    assert.equal(new URL(page.url()).pathname, '/test/shop/home');
    assert.equal((await heading(page).textContent()).trim(), FIRST_EN, 'the widget stays on its first page');
    // The widget's Back link is a page move like Continue: still one entry per page.
    await page.evaluate(() => history.forward());
    await page.waitForFunction(() => document.getElementById('view').textContent === 'contact');
  }));

test('a send that stalls times out, says so, and the retry under the same key makes one case', () =>
  withBrowser(async (page) => {
    const keys = [];
    let held = 0;
    await page.route('**/v1/councils/demo/feedback', (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      // The first attempt gets no answer at all: only the widget's timeout ends it.
      if (held++ === 0) return;
      route.continue();
    });
    await open(page, councilPage('<council-feedback council="demo"></council-feedback>'));
    await waitForMounted(page);
    await w(page, 'input[name=kind][value=comment]').check();
    await next(page);
    await w(page, 'input[name=service][value=waste]').check();
    await next(page);
    await w(page, '#cf-what_happened').fill('A comment sent over a stalling connection.');
    await next(page);
    await w(page, '#cf-anonymous').check();
    await next(page);
    await next(page); // the equality questions, left unanswered
    const started = Date.now();
    await w(page, '#cf-send').click();
    assert.match(await w(page, '#cf-send-status').textContent(), /Sending/);
    // Not "Sending…" for ever: after the timeout it says it is trying again.
    await page.waitForFunction(() => /Could not reach the council\. Trying again/
      .test(document.querySelector('council-feedback').shadowRoot.getElementById('cf-send-status')?.textContent ?? ''), null, { timeout: 25_000 });
    assert.ok(Date.now() - started >= 14_000, 'the first attempt waited for its timeout');
    await w(page, '#cf-reference').waitFor({ timeout: 30_000 });
    const reference = (await w(page, '#cf-reference').textContent()).trim();
    assert.equal(keys.length, 2);
    assert.ok(keys[0], 'sent with an idempotency key');
    assert.equal(keys[1], keys[0], 'the retry reused the key');
    const stored = (await server.cases()).filter((c) => c.reference === reference);
    assert.equal(stored.length, 1);
  }));

test("the council's description times out: the form says so and offers to try again", () =>
  withBrowser(async (page) => {
    let hang = true;
    await page.route('**/v1/councils/demo', (route) => (hang ? undefined : route.continue()));
    await open(page, councilPage('<council-feedback council="demo"><p><a href="https://www.demo.example/contact">Contact the council</a></p></council-feedback>'));
    // The loader's first question stands while the description hangs; the app, mounted
    // and waiting for it, is hidden behind it.
    await w(page, '.cf-root[data-early]').waitFor();
    await page.waitForFunction(() => document.querySelector('council-feedback').dataset.form === 'loading');
    assert.equal(await w(page, '.cf-root[hidden]').count(), 1);
    await page.waitForFunction(() => /could not be loaded/.test(document.querySelector('council-feedback').shadowRoot.textContent), null, { timeout: 25_000 });
    assert.equal(await w(page, '.cf-root').count(), 1, 'the app\'s page replaced the loader\'s');
    assert.doesNotMatch(await w(page, '.cf-root').textContent(), /Loading the form/);
    assert.equal(await page.getByRole('link', { name: 'Contact the council' }).isVisible(), true);
    hang = false;
    await w(page, 'button:text("Try again")').click();
    await heading(page).filter({ hasText: FIRST_EN }).waitFor();
  }));

test('inline, a Content Security Policy that blocks wasm is explained above the fallback link', () =>
  withBrowser(async (page) => {
    // 'self' scripts but no 'wasm-unsafe-eval': the glue loads, the wasm may not compile.
    const csp = "default-src 'self'; script-src 'self'; style-src 'self'";
    await open(page, councilPage('<council-feedback council="demo"><p><a href="https://www.demo.example/contact">Contact the council</a></p></council-feedback>'), {
      headers: { 'content-security-policy': csp },
    });
    await page.waitForFunction(() => document.querySelector('council-feedback').dataset.state === 'failed');
    const note = w(page, '.cf-load-failed');
    await note.waitFor();
    assert.match(await note.textContent(), /security settings \(its Content Security Policy\) stop the form/);
    assert.equal(await note.getAttribute('role'), 'alert');
    const link = page.getByRole('link', { name: 'Contact the council' });
    assert.equal(await link.isVisible(), true);
    // The explanation comes first, then the link.
    const [noteTop, linkTop] = [await note.boundingBox(), await link.boundingBox()].map((b) => b.y);
    assert.ok(noteTop < linkTop);
  }).catch((e) => {
    // The blocked compile is reported on the page as well; that one is expected here.
    if (!/uncaught errors/.test(e.message) || !/WebAssembly|Content Security Policy|unsafe-eval/.test(e.message)) throw e;
  }));

test('launcher: when the council cannot be loaded the fallback is in the dialog, not behind it', () =>
  withBrowser(async (page) => {
    await page.route('**/v1/councils/demo', (route) => route.fulfill({ status: 503, body: '' }));
    await open(page, councilPage('<council-feedback council="demo" mode="launcher"><p><a href="https://www.demo.example/contact">Contact the council</a></p></council-feedback>'));
    await w(page, 'button.cf-launcher').click();
    await page.waitForFunction(() => document.querySelector('council-feedback').dataset.form === 'failed');
    assert.equal(await w(page, 'dialog').evaluate((d) => d.open), true);
    const link = page.getByRole('link', { name: 'Contact the council' });
    assert.equal(await link.isVisible(), true);
    // Reachable: not inert behind the modal (a trial click checks it would get the click).
    await link.click({ trial: true, timeout: 5_000 });
    assert.equal(await w(page, 'dialog slot').count(), 1);
    assert.deepEqual(await axeViolations(page), []);
  }));

/** The accessible names Chromium itself gives the page's buttons (not Playwright's). */
async function buttonNames(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.filter((n) => n.role?.value === 'button' && !n.ignored).map((n) => n.name?.value);
}

test('check your answers writes the date out; Back is named "Back" / "Yn ôl"', () =>
  withBrowser(async (page) => {
    await open(page, councilPage('<council-feedback council="demo"></council-feedback>'));
    await waitForMounted(page);
    await w(page, 'input[name=kind][value=comment]').check();
    await next(page);
    assert.ok((await buttonNames(page)).includes('Back'), JSON.stringify(await buttonNames(page)));
    assert.ok(!(await buttonNames(page)).some((n) => /‹/.test(n ?? '')));
    await w(page, 'input[name=service][value=waste]').check();
    await next(page);
    await w(page, '#cf-what_happened').fill('A comment.');
    await w(page, '#cf-when_happened').fill('3');
    await w(page, '#cf-when_happened-month').fill('11');
    await w(page, '#cf-when_happened-year').fill('2026');
    await next(page);
    await w(page, '#cf-anonymous').check();
    await next(page);
    await next(page); // equality, skipped by Continue
    const when = async () => (await w(page, '.cf-summary-row').allTextContents()).join('|');
    assert.match(await when(), /3 November 2026/);
    await w(page, '#cf-language').click();
    await page.waitForFunction(() => /Gwiriwch eich atebion/.test(document.querySelector('council-feedback').shadowRoot.textContent));
    assert.match(await when(), /3 Tachwedd 2026/);
    await w(page, '.cf-summary-action button').nth(2).click();
    await heading(page).filter({ hasText: 'Dywedwch wrthym beth ddigwyddodd' }).waitFor();
    assert.ok((await buttonNames(page)).includes('Yn ôl'), JSON.stringify(await buttonNames(page)));
  }));

test('check progress with empty fields asks for the reference and the code; room below the buttons', () =>
  withBrowser(async (page) => {
    await open(page, councilPage('<council-feedback council="demo"></council-feedback>'));
    await waitForMounted(page);
    const gap = async (above, below) => {
      const a = await w(page, above).boundingBox();
      const b = await w(page, below).boundingBox();
      return b.y - (a.y + a.height);
    };
    assert.ok(await gap('#cf-continue', '#cf-progress-link') >= 16, 'room below Continue');
    await w(page, '#cf-progress-link').click();
    await heading(page).filter({ hasText: 'Check progress' }).waitFor();
    await w(page, '#cf-check-progress').click();
    await w(page, '#cf-error-summary').waitFor();
    assert.deepEqual(
      (await w(page, '#cf-error-summary a').allTextContents()).map((t) => t.trim()),
      ['Enter your reference', 'Enter your code'],
    );
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.activeElement?.id === 'cf-error-summary');
    assert.match(await w(page, '#cf-case-reference-error').textContent(), /Error: Enter your reference/);
    assert.match(await w(page, '#cf-case-code-error').textContent(), /Error: Enter your code/);
    assert.equal(await w(page, '#cf-case-code').getAttribute('aria-invalid'), 'true');
    // The summary's link takes the resident to the field.
    await w(page, '#cf-error-summary a').nth(1).click();
    assert.equal(await page.evaluate(() => document.querySelector('council-feedback').shadowRoot.activeElement?.id), 'cf-case-code');
    assert.deepEqual(await axeViolations(page), []);
    // In Welsh too.
    await w(page, '#cf-language').click();
    await w(page, '#cf-check-progress').click();
    await page.waitForFunction(() => /Rhowch eich cyfeirnod/.test(document.querySelector('council-feedback').shadowRoot.getElementById('cf-error-summary')?.textContent ?? ''));
    assert.match(await w(page, '#cf-error-summary').textContent(), /Rhowch eich cod/);
    // One field filled: only the other is asked for.
    await w(page, '#cf-case-reference').fill('DEMO-2026-000001');
    await w(page, '#cf-check-progress').click();
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.querySelectorAll('#cf-error-summary a').length === 1);
    assert.ok(await gap('#cf-check-progress', '#cf-progress-result') >= 16, 'room below Check progress');
  }));

/** `code` as a resident might type it from a phone call: lower case, spaces, O for 0, l for 1. */
const asTyped = (code) => code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'O').replace(/1/g, 'l');

test('the progress code reads aloud, is emailed, is forgiving to type; the Ombudsman after stage 2', () =>
  withBrowser(async (page) => {
    await open(page, councilPage('<council-feedback council="demo"></council-feedback>'));
    await waitForMounted(page);
    const reference = await completeForm(page, { kind: 'complaint', equality: false });
    const code = (await w(page, '#cf-status-token').textContent()).trim();
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    assert.match(await w(page, '#cf-email-note').textContent(), /We will also email your reference and this code/);
    // The acknowledgement email carries the code.
    server.reminders();
    const email = await outboxEmail(server, `demo-${reference}-v1-resident`);
    assert.ok(email.body.includes(code), 'the code is in the acknowledgement');

    // The council responds at stage 1, the resident escalates, the council responds at stage 2.
    const today = londonToday();
    await actOn(server, reference, { action: 'acknowledge', on: today });
    await actOn(server, reference, { action: 'respond', response: { responded_on: today, outcome: 'not_upheld', reasons: 'The crew came on the day.' } });
    await actOn(server, reference, { action: 'escalate', requested_on: today, handler: 'ben-morgan' });
    // Stage 2 is someone else's: Ben Morgan acknowledges and responds.
    const ben = execFileSync(FEEDBACK_BIN, ['token', '--council', 'demo', '--name', 'Ben Morgan', '--data', server.data], { encoding: 'utf8' }).trim();
    for (const action of [
      { action: 'acknowledge', on: today },
      { action: 'respond', response: { responded_on: today, outcome: 'not_upheld', reasons: 'The review agreed.' } },
    ]) {
      const r = await fetch(`${server.origin}/v1/councils/demo/cases/${reference}/actions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ben}`, 'content-type': 'application/json' },
        body: JSON.stringify(action),
      });
      assert.equal(r.status, 200, await r.text());
    }

    await w(page, '.cf-root button.cf-link-button >> text=Tell us something else').click();
    await w(page, '#cf-progress-link').click();
    await w(page, '#cf-case-reference').fill(reference.toLowerCase());
    await w(page, '#cf-case-code').fill(asTyped(code));
    await w(page, '#cf-check-progress').click();
    await w(page, '#cf-progress').waitFor();
    assert.match(await w(page, '#cf-progress').textContent(), /Stage 2/);
    const ombudsman = w(page, '#cf-ombudsman');
    assert.match(await ombudsman.textContent(), /Local Government and Social Care Ombudsman/);
    assert.match(await ombudsman.textContent(), /0300 061 0614/);
    assert.equal(await ombudsman.locator('a').getAttribute('href'), 'https://www.lgo.org.uk/make-a-complaint');
    assert.deepEqual(await axeViolations(page), []);
  }));

test('the confirmation says no email will come when none was given', () =>
  withBrowser(async (page) => {
    await open(page, councilPage('<council-feedback council="demo"></council-feedback>'));
    await waitForMounted(page);
    // A comment with an email address: comments get no acknowledgement email.
    await completeForm(page, { kind: 'comment', equality: false });
    assert.match(await w(page, '#cf-email-note').textContent(), /We will not send you an email/);
  }));

test('two forms on one page keep separate drafts, through a reload', () =>
  withBrowser(async (page) => {
    await open(page, councilPage(`<council-feedback council="demo"></council-feedback>
      <footer><council-feedback council="demo" id="footer-form"></council-feedback></footer>`));
    const first = page.locator('council-feedback').first();
    const second = page.locator('#footer-form');
    await page.waitForFunction(() => [...document.querySelectorAll('council-feedback')]
      .every((el) => el.shadowRoot?.getElementById('cf-step-heading')));
    await first.locator('input[name=kind][value=complaint]').check();
    await first.locator('#cf-continue').click();
    await first.locator('#cf-step-heading', { hasText: 'Which service is it about?' }).waitFor();
    await second.scrollIntoViewIfNeeded();
    await second.locator('input[name=kind][value=compliment]').check();
    assert.equal(await first.locator('#cf-step-heading').textContent(), 'Which service is it about?');

    await page.reload();
    await page.waitForFunction(() => [...document.querySelectorAll('council-feedback')]
      .every((el) => el.shadowRoot?.getElementById('cf-step-heading')));
    await first.locator('#cf-step-heading', { hasText: 'Which service is it about?' }).waitFor();
    assert.equal((await second.locator('#cf-step-heading').textContent()).trim(), FIRST_EN);
    assert.equal(await second.locator('input[name=kind][value=compliment]').isChecked(), true);
    assert.equal(await second.locator('input[name=kind][value=complaint]').isChecked(), false);
    const keys = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('council-feedback:')).sort());
    assert.deepEqual(keys, ['council-feedback:v2:demo', 'council-feedback:v2:demo#footer-form']);
  }));

test("two forms on one page: the browser's Back moves each one back to where it was", () =>
  withBrowser(async (page) => {
    await open(page, councilPage(`<council-feedback council="demo"></council-feedback>
      <footer><council-feedback council="demo" id="footer-form"></council-feedback></footer>`));
    const first = page.locator('council-feedback').first();
    const second = page.locator('#footer-form');
    await page.waitForFunction(() => [...document.querySelectorAll('council-feedback')]
      .every((el) => el.shadowRoot?.getElementById('cf-step-heading')));
    const headings = () => page.evaluate(() => [...document.querySelectorAll('council-feedback')]
      .map((el) => el.shadowRoot.getElementById('cf-step-heading').textContent.trim()));
    const SERVICE = 'Which service is it about?';
    await first.locator('input[name=kind][value=complaint]').check();
    await first.locator('#cf-continue').click();
    await first.locator('#cf-step-heading', { hasText: SERVICE }).waitFor();
    await second.scrollIntoViewIfNeeded();
    await second.locator('input[name=kind][value=compliment]').check();
    await second.locator('#cf-continue').click();
    await second.locator('#cf-step-heading', { hasText: SERVICE }).waitFor();
    assert.deepEqual(await headings(), [SERVICE, SERVICE]);

    // Back undoes the second form's move only: the first stays on its second page.
    await page.evaluate(() => history.back());
    await page.waitForFunction((h) => document.getElementById('footer-form').shadowRoot
      .getElementById('cf-step-heading')?.textContent.trim() === h, FIRST_EN);
    assert.deepEqual(await headings(), [SERVICE, FIRST_EN]);
    // Then the first form's.
    await page.evaluate(() => history.back());
    await page.waitForFunction((h) => document.querySelector('council-feedback').shadowRoot
      .getElementById('cf-step-heading')?.textContent.trim() === h, FIRST_EN);
    assert.deepEqual(await headings(), [FIRST_EN, FIRST_EN]);
    // Forward twice puts both back.
    await page.evaluate(() => history.forward());
    await first.locator('#cf-step-heading', { hasText: SERVICE }).waitFor();
    await page.evaluate(() => history.forward());
    await second.locator('#cf-step-heading', { hasText: SERVICE }).waitFor();
    assert.deepEqual(await headings(), [SERVICE, SERVICE]);
  }));
