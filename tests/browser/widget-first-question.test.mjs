// The first question drawn by the loader before the wasm arrives (issue 16): with the wasm
// held back, the resident sees and answers the first question (styled, a fieldset with
// its legend as the heading, hints tied to the radios, axe clean), and what they did
// there (the kind, Continue, Check progress, the language, where focus was) is what the
// app carries on with when it arrives. A saved draft still comes back; two forms on one
// page keep their own answers; a wasm that never comes ends in the "could not be loaded"
// note.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  FIRST_CY, FIRST_EN, axeViolations, focusedId, heading, servePage, startBrowser, startServer,
  w, waitForMounted,
} from './harness.mjs';

const SERVICE_EN = 'Which service is it about?';

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

/** Holds every request for the widget's wasm until `release()`. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route('**/widget/*.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** Waits for the loader's first question: drawn, styled, the app not yet there. */
async function waitForEarly(page, host = 'council-feedback') {
  await page.waitForFunction((sel) => {
    const root = document.querySelector(sel)?.shadowRoot;
    return root?.querySelector('[data-early] #cf-step-heading') && root.adoptedStyleSheets.length > 0;
  }, host);
  assert.equal(await page.locator(host).getAttribute('data-state'), 'loading', 'the app is not there yet');
}

/** A page with `body` and the loader, on the server's origin. */
async function open(page, body) {
  const url = `${server.origin}/test/first-${Math.random().toString(36).slice(2)}.html`;
  await servePage(page, url, `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A council page</title>
<script src="/widget/widget.js" defer></script></head>
<body><main><h1>Contact us</h1>${body}</main></body>
</html>
`);
  await page.goto(url);
}

/** The element's saved draft, as the app keeps it in sessionStorage. */
const savedDraft = (page, key = 'demo') => page.evaluate(
  (k) => JSON.parse(sessionStorage.getItem(`council-feedback:v2:${k}`) ?? 'null'),
  key,
);

test('inline, wasm held: the first question is there, accessible; a choice and Continue made before the wasm reach the service page', () =>
  withBrowser(async (page) => {
    const release = await holdWasm(page);
    await page.goto(server.url);
    await waitForEarly(page);
    assert.equal((await heading(page).textContent()).trim(), FIRST_EN);
    // The fallback is hidden as it is for the app's form.
    assert.equal(await page.getByRole('link', { name: 'Contact the council' }).isVisible(), false);

    // A fieldset whose legend is the page's heading; each radio labelled and described by
    // its hint; Continue a submit button.
    const semantics = await page.evaluate(() => {
      const root = document.querySelector('council-feedback').shadowRoot;
      const fieldset = root.querySelector('fieldset');
      return {
        legendHeading: fieldset.querySelector(':scope > legend > h2#cf-step-heading')?.textContent,
        radios: [...fieldset.querySelectorAll('input[type=radio]')].map((r) => ({
          name: r.name,
          value: r.value,
          label: root.querySelector(`label[for="${r.id}"]`)?.textContent,
          hint: root.getElementById(r.getAttribute('aria-describedby'))?.textContent,
        })),
        submit: root.querySelector('form button[type=submit]')?.textContent,
      };
    });
    assert.deepEqual(semantics, {
      legendHeading: FIRST_EN,
      radios: [
        { name: 'kind', value: 'complaint', label: 'Make a complaint', hint: 'Something went wrong, or we did not do what we should have, and you want us to put it right.' },
        { name: 'kind', value: 'comment', label: 'Make a comment or suggestion', hint: 'Tell us your views or an idea to improve a service.' },
        { name: 'kind', value: 'compliment', label: 'Pay a compliment', hint: 'Tell us about something or someone that did well.' },
      ],
      submit: 'Continue',
    });
    // Chromium's accessibility tree: a group named by the legend, radios named by labels.
    const snapshot = await page.locator('council-feedback').ariaSnapshot();
    assert.match(snapshot, /group "What would you like to do\?"/);
    assert.match(snapshot, /radio "Pay a compliment"/);
    assert.deepEqual(await axeViolations(page), [], 'axe on the loader\'s first question');

    // By keyboard: Tab to the radios, arrow to the third, Enter submits (as in the app).
    await heading(page).focus();
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'cf-kind');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await w(page, '#cf-kind-2').isChecked(), true);
    await page.keyboard.press('Enter');
    // Said while the rest of the form arrives.
    await w(page, '[data-early] [role=status]').filter({ hasText: 'Loading the form…' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe after Continue on the loader\'s page');

    release();
    await waitForMounted(page);
    await page.waitForFunction((h) => document.querySelector('council-feedback').shadowRoot
      .getElementById('cf-step-heading')?.textContent.trim() === h, SERVICE_EN);
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.activeElement?.id === 'cf-step-heading');
    assert.equal(await w(page, '[data-early]').count(), 0, 'the loader\'s page is gone');
    assert.equal(await w(page, '#cf-step-heading').count(), 1, 'one page, one heading');
    const draft = await savedDraft(page);
    assert.equal(draft.kind, 'compliment');
    assert.equal(draft.step, 'service');
    // The app's Back returns to the first question with the choice kept.
    await w(page, 'button.cf-back').click();
    await heading(page).filter({ hasText: FIRST_EN }).waitFor();
    assert.equal(await w(page, '#cf-kind-2').isChecked(), true);
  }));

test('the loader\'s first question looks exactly like the app\'s: the same pixels before and after the hand-over', () =>
  withBrowser(async (page) => {
    const release = await holdWasm(page);
    await page.goto(server.url);
    await waitForEarly(page);
    const widget = page.locator('council-feedback');
    const before = await widget.screenshot({ animations: 'disabled', caret: 'hide' });
    release();
    await waitForMounted(page);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await w(page, '[data-early]').count(), 0);
    const after = await widget.screenshot({ animations: 'disabled', caret: 'hide' });
    assert.ok(before.equals(after), 'the loader\'s page and the app\'s differ on screen');
  }));

test('launcher, wasm held: the question opens in the dialog with focus on its heading; Continue with nothing chosen shows the app\'s error summary', () =>
  withBrowser(async (page) => {
    const release = await holdWasm(page);
    await page.goto(`${server.origin}/launcher`);
    await w(page, 'button.cf-launcher').click();
    await waitForEarly(page);
    assert.equal(await w(page, 'dialog').evaluate((d) => d.open), true);
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.activeElement?.id === 'cf-step-heading');
    assert.equal(await w(page, 'dialog [data-early] #cf-step-heading').count(), 1, 'inside the dialog');
    assert.deepEqual(await axeViolations(page), [], 'axe on the first question in the dialog');
    // Tab stays inside the modal, through the loader's controls.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => {
        const root = document.querySelector('council-feedback').shadowRoot;
        return Boolean(root.activeElement && root.querySelector('dialog').contains(root.activeElement));
      }), `focus left the dialog after ${i + 1} tabs`);
    }

    await w(page, '#cf-continue').click();
    release();
    await w(page, '#cf-error-summary').waitFor();
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.activeElement?.id === 'cf-error-summary');
    assert.equal(await w(page, '[data-early]').count(), 0);
    assert.match(await w(page, '#cf-error-summary').textContent(), /Select complaint, comment or compliment/);
    assert.equal((await heading(page).textContent()).trim(), FIRST_EN, 'still on the first question');
    assert.equal(await page.locator('council-feedback').getAttribute('data-state'), 'ready');
    assert.deepEqual(await axeViolations(page), [], 'axe with the app\'s error summary');
  }));

test('wasm held: Welsh chosen on the loader\'s page and a focused radio carry over, focus and all', () =>
  withBrowser(async (page) => {
    const release = await holdWasm(page);
    await page.goto(server.url);
    await waitForEarly(page);
    await w(page, '#cf-language').click();
    await heading(page).filter({ hasText: FIRST_CY }).waitFor();
    assert.equal(await focusedId(page), 'cf-language', 'the switch keeps focus');
    assert.equal(await w(page, '#cf-language').textContent(), 'English');
    assert.equal(await w(page, '[data-early] section').getAttribute('lang'), 'cy');
    assert.equal(await w(page, 'label[for=cf-kind]').textContent(), 'Gwneud cwyn');
    assert.deepEqual(await axeViolations(page), [], 'axe on the Welsh first question');
    await w(page, '#cf-kind-1').focus();
    await page.keyboard.press('Space');
    assert.equal(await w(page, '#cf-kind-1').isChecked(), true);

    release();
    await waitForMounted(page);
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.activeElement?.id === 'cf-kind-1');
    assert.equal(await w(page, '[data-early]').count(), 0);
    assert.equal((await heading(page).textContent()).trim(), FIRST_CY, 'the app is in Welsh');
    assert.equal(await w(page, '#cf-kind-1').isChecked(), true, 'the choice is kept');
    assert.equal(await w(page, '#cf-language').textContent(), 'English');
    // The app's own Continue goes on with the answer.
    await w(page, '#cf-continue').click();
    await heading(page).filter({ hasText: 'Am ba wasanaeth y mae?' }).waitFor();
    assert.equal((await savedDraft(page)).kind, 'comment');
  }));

test('wasm held: Check progress pressed on the loader\'s page opens the progress page', () =>
  withBrowser(async (page) => {
    const release = await holdWasm(page);
    await page.goto(server.url);
    await waitForEarly(page);
    await w(page, '#cf-progress-link').click();
    release();
    await heading(page).filter({ hasText: 'Check progress' }).waitFor();
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.activeElement?.id === 'cf-step-heading');
  }));

test('a saved draft: past the first page the loader draws no question; on it, its kind is checked and a new choice wins', () =>
  withBrowser(async (page) => {
    await page.goto(server.url);
    await waitForMounted(page);
    await w(page, 'input[name=kind][value=complaint]').check();
    await w(page, '#cf-continue').click();
    await heading(page).filter({ hasText: SERVICE_EN }).waitFor();
    await w(page, 'input[name=service][value=waste]').check();

    // Reloaded on the service page: the first question would be the wrong page.
    let release = await holdWasm(page);
    const css = page.waitForResponse((r) => r.url().endsWith('.css'));
    await page.reload();
    await (await css).finished();
    // Time for the loader to have drawn one, had it meant to.
    await page.waitForTimeout(500);
    assert.equal(await heading(page).count(), 0, 'no question drawn for a draft past it');
    assert.equal(await page.locator('council-feedback').getAttribute('data-form'), null);
    release();
    await waitForMounted(page);
    await heading(page).filter({ hasText: SERVICE_EN }).waitFor();

    // Back on the first page (saved there), reloaded: the saved kind is checked at once.
    await w(page, 'button.cf-back').click();
    await heading(page).filter({ hasText: FIRST_EN }).waitFor();
    await page.waitForFunction(() => JSON.parse(sessionStorage.getItem('council-feedback:v2:demo')).step === 'kind');
    await page.unroute('**/widget/*.wasm');
    release = await holdWasm(page);
    await page.reload();
    await waitForEarly(page);
    assert.equal(await w(page, '#cf-kind').isChecked(), true, 'the saved complaint');
    await w(page, '#cf-kind-1').check();
    release();
    await waitForMounted(page);
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.getElementById('cf-kind-1')?.checked);
    assert.equal(await w(page, '#cf-kind').isChecked(), false);
    await page.waitForFunction(() => JSON.parse(sessionStorage.getItem('council-feedback:v2:demo')).kind === 'comment');
    assert.equal((await savedDraft(page)).service, 'waste', 'the rest of the draft is kept');
  }));

test('two forms on one page, wasm held: each keeps its own answer through the hand-over', () =>
  withBrowser(async (page) => {
    const release = await holdWasm(page);
    await open(page, `<council-feedback council="demo"></council-feedback>
      <council-feedback council="demo"></council-feedback>`);
    const [first, second] = [page.locator('council-feedback').first(), page.locator('council-feedback').nth(1)];
    await waitForEarly(page, 'council-feedback:nth-of-type(1)');
    await second.scrollIntoViewIfNeeded();
    await waitForEarly(page, 'council-feedback:nth-of-type(2)');
    await first.locator('input[value=complaint]').check();
    await second.locator('input[value=compliment]').check();
    await second.locator('#cf-continue').click();
    release();
    await second.locator('#cf-step-heading', { hasText: SERVICE_EN }).waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('council-feedback')].every((el) => el.dataset.state === 'ready'));
    assert.equal((await first.locator('#cf-step-heading').textContent()).trim(), FIRST_EN);
    assert.equal(await first.locator('input[value=complaint]').isChecked(), true);
    assert.equal(await first.locator('[data-early]').count(), 0);
    assert.equal((await savedDraft(page, 'demo:1')).kind, 'compliment');
    assert.equal((await savedDraft(page, 'demo:1')).step, 'service');
    assert.equal((await savedDraft(page, 'demo')).kind, 'complaint');
    assert.equal((await savedDraft(page, 'demo')).step, 'kind');
  }));

test('a wasm that never comes: after the time limit the question goes and the note says the form could not be loaded', () =>
  withBrowser(async (page) => {
    await page.clock.install();
    await page.route('**/widget/*.wasm', () => {});
    await page.goto(server.url);
    await waitForEarly(page);
    await page.clock.runFor(61_000);
    await w(page, '.cf-load-failed').waitFor();
    assert.match(await w(page, '.cf-load-failed').textContent(), /could not be loaded/);
    assert.equal(await w(page, '[data-early]').count(), 0);
    assert.equal(await page.locator('council-feedback').getAttribute('data-state'), 'failed');
    assert.equal(await page.getByRole('link', { name: 'Contact the council' }).isVisible(), true);
  }));
