// The widget foundation in real Chromium: inline and launcher modes, Welsh, a strict CSP.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  HEADING_CY, HEADING_EN, heading, servePage, shadowText, startBrowser, startServer,
  testPage, waitForMounted,
} from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

/** Polls `check` until it returns true, for up to 20 s. */
async function expectSoon(check, what = 'condition') {
  const end = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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

test('inline mode: the fallback shows until the widget mounts, then the form checks input', () =>
  withBrowser(async (page, browser) => {
    // Hold the wasm back so the fallback can be seen before the widget replaces it.
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    await page.route('**/widget/*.wasm', async (route) => { await gate; await route.continue(); });

    await page.goto(server.url);
    const fallback = page.getByRole('link', { name: 'Contact the council' });
    await fallback.waitFor({ state: 'visible' });
    assert.equal(await heading(page).count(), 0, 'no heading before the widget mounts');

    await page.locator('council-feedback').scrollIntoViewIfNeeded();
    release();
    await waitForMounted(page);
    assert.equal((await heading(page).textContent()).trim(), HEADING_EN);
    assert.equal(await shadowText(page, 'h2'), HEADING_EN, 'the heading is in the shadow root');
    assert.equal(await fallback.isVisible(), false, 'the fallback is hidden once mounted');

    // Submitting nothing shows the domain crate's own English message.
    await page.locator('council-feedback').getByRole('button', { name: 'Check' }).click();
    await page.locator('council-feedback').locator('.cf-error').waitFor({ state: 'visible' });
    const error = await shadowText(page, '.cf-error');
    assert.match(error, /Enter what happened/);
    assert.equal(
      await page.locator('council-feedback').locator('textarea').getAttribute('aria-invalid'),
      'true',
    );

    // Text the domain crate accepts clears the error.
    await page.locator('council-feedback').locator('textarea').fill('My bin was missed.');
    await page.locator('council-feedback').getByRole('button', { name: 'Check' }).click();
    await page.locator('council-feedback').locator('.cf-error').waitFor({ state: 'detached' });
    assert.equal(browser.logs.filter((m) => m.startsWith('error')).length, 0, browser.logs.join('\n'));
  }));

test('inline mode: the widget loads only when the element nears the viewport', () =>
  withBrowser(async (page) => {
    const wasm = [];
    page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
    const url = `${server.origin}/test/far-below.html`;
    await servePage(page, url, testPage({ before: '<div style="height: 3000px"></div>' }));
    await page.goto(url);
    await page.waitForFunction(() => customElements.get('council-feedback') !== undefined);
    await page.getByRole('link', { name: 'Contact the council' }).waitFor({ state: 'attached' });
    assert.deepEqual(wasm, [], 'no wasm fetched while the element is far below the fold');
    await page.locator('council-feedback').scrollIntoViewIfNeeded();
    await waitForMounted(page);
    assert.equal(wasm.length, 1);
  }));

test('Welsh: a page in Welsh gets the widget in Welsh', () =>
  withBrowser(async (page) => {
    const url = `${server.origin}/test/cy.html`;
    await servePage(page, url, testPage({ lang: 'cy' }));
    await page.goto(url);
    await waitForMounted(page);
    assert.equal(await shadowText(page, 'h2'), HEADING_CY);
    await page.locator('council-feedback').getByRole('button', { name: 'Gwirio' }).click();
    await page.locator('council-feedback').locator('.cf-error').waitFor({ state: 'visible' });
    assert.match(await shadowText(page, '.cf-error'), /Rhowch beth ddigwyddodd/);
  }));

test('strict CSP: the widget mounts with no violations', () =>
  withBrowser(async (page, browser) => {
    const violations = [];
    await page.exposeFunction('cfViolation', (v) => violations.push(v));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
      (e) => window.cfViolation(`${e.violatedDirective} ${e.blockedURI}`)));
    const url = `${server.origin}/test/csp.html`;
    await servePage(page, url, testPage(), {
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
    });
    await page.goto(url);
    await waitForMounted(page);
    assert.equal(await shadowText(page, 'h2'), HEADING_EN);
    // The widget's styles applied (adopted stylesheet, no inline styles).
    const adopted = await page.evaluate(
      () => document.querySelector('council-feedback').shadowRoot.adoptedStyleSheets.length,
    );
    assert.equal(adopted, 1, 'the stylesheet is adopted into the shadow root');
    const csp = browser.logs.filter((m) => /Content Security Policy/i.test(m));
    assert.deepEqual(csp, [], 'console messages about the CSP');
    assert.deepEqual(violations, [], 'securitypolicyviolation events');

    // The policy really is in force: an inline script is refused.
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.cfInlineRan = true;';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return window.cfInlineRan === true;
    });
    assert.equal(ran, false, 'the CSP header was applied to the page');
    await expectSoon(() => violations.some((v) => v.startsWith('script-src')), 'the refused inline script to be reported');
  }));

test('launcher mode: no wasm until the button is clicked, then the widget mounts', () =>
  withBrowser(async (page) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const url = `${server.origin}/test/launcher.html`;
    await servePage(page, url, testPage({ attrs: ' mode="launcher"' }));
    await page.goto(url);
    const launcher = page.locator('council-feedback').locator('button.cf-launcher');
    await launcher.waitFor({ state: 'visible' });
    assert.equal((await launcher.textContent()).trim(), HEADING_EN);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(requests.filter((u) => u.endsWith('.wasm')), [], 'wasm requested before the click');
    assert.equal(await heading(page).count(), 0);

    await launcher.click();
    await waitForMounted(page);
    assert.equal(await shadowText(page, 'h2'), HEADING_EN);
    assert.equal(requests.filter((u) => u.endsWith('.wasm')).length, 1);
    assert.equal(await launcher.count(), 0, 'the launcher is gone');
    // Focus moved from the removed button to the widget's heading.
    const focused = await page.evaluate(
      () => document.querySelector('council-feedback').shadowRoot.activeElement?.id,
    );
    assert.equal(focused, 'cf-heading');
  }));
