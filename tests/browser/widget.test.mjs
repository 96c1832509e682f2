// The widget in real Chromium against the local server and its SQLite store: every kind of
// feedback lands once, errors are shown GOV.UK style, the launcher dialog, the draft
// surviving a reload, retries that never store twice, and an honest offline message.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  FIRST_CY, FIRST_EN, HEADING_EN, completeForm, focusedId, heading, next, servePage,
  startBrowser, startServer, testPage, w, waitForMounted,
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

/** Fills an anonymous comment or compliment about bins up to the check page. */
async function anonymousToCheck(page, kind, whatHappened) {
  await w(page, `input[name=kind][value=${kind}]`).check();
  await next(page);
  await w(page, 'input[name=service][value=waste]').check();
  await next(page);
  await w(page, '#cf-what_happened').fill(whatHappened);
  await next(page);
  await w(page, '#cf-anonymous').check();
  await next(page);
  await next(page);
}

async function caseWith(reference) {
  const cases = await server.cases();
  return cases.filter((c) => c.reference === reference);
}

test('inline mode: the fallback shows until the form is drawn', () =>
  withBrowser(async (page) => {
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    // Nothing is drawn before the CSS (the loader draws the first question once it has
    // it, before the wasm: widget-first-question.test.mjs).
    await page.route('**/widget/*.css', async (route) => { await gate; await route.continue(); });
    await page.goto(server.url);
    const fallback = page.getByRole('link', { name: 'Contact the council' });
    await fallback.waitFor({ state: 'visible' });
    assert.equal(await heading(page).count(), 0, 'no form before its styles');
    await page.locator('council-feedback').scrollIntoViewIfNeeded();
    release();
    await waitForMounted(page);
    assert.equal((await heading(page).textContent()).trim(), FIRST_EN);
    assert.equal(await fallback.isVisible(), false, 'the fallback is hidden once mounted');
  }));

for (const [kind, options] of [
  ['complaint', {}],
  ['comment', { anonymous: true, service: 'parking' }],
  ['compliment', { service: 'housing', equality: false }],
]) {
  test(`a ${kind} sent from the widget lands in the store once, with its reference shown`, () =>
    withBrowser(async (page) => {
      await page.goto(server.url);
      await waitForMounted(page);
      const reference = await completeForm(page, { kind, ...options });
      assert.match(reference, /^DEMO-\d{4}-\d{6}$/);
      const stored = await caseWith(reference);
      assert.equal(stored.length, 1, 'stored exactly once');
      assert.equal(stored[0].kind, kind);
      assert.equal(await focusedId(page), 'cf-step-heading', 'focus moves to the confirmation');
      if (kind === 'complaint') {
        const text = await w(page, '.cf-root').textContent();
        assert.match(text, /We will acknowledge your complaint by/);
        assert.match(text, /We will send you our response by/);
        assert.match(await w(page, '#cf-status-token').textContent(), /\S{10,}/);
      }
      // The draft is cleared once sent.
      const saved = await page.evaluate(() => sessionStorage.getItem('council-feedback:v2:demo'));
      assert.equal(saved, null);
    }));
}

test('errors: a summary that takes focus and links to each field, in English and Welsh', () =>
  withBrowser(async (page) => {
    await page.goto(server.url);
    await waitForMounted(page);
    await w(page, 'form button[type=submit]').click();
    await w(page, '#cf-error-summary').waitFor();
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.activeElement?.id === 'cf-error-summary');
    assert.match(await w(page, '#cf-error-summary').textContent(), /There is a problem.*Select complaint, comment or compliment/);
    assert.match(await w(page, '.cf-error').textContent(), /^Error: Select complaint/);
    await w(page, '#cf-error-summary a').click();
    assert.equal(await focusedId(page), 'cf-kind', 'the link focuses the first radio');

    // Switching language re-words the errors too.
    await w(page, '.cf-language button').click();
    await page.waitForFunction(() => /Mae yna broblem/.test(document.querySelector('council-feedback').shadowRoot.textContent));
    assert.match(await w(page, '#cf-error-summary').textContent(), /Dewiswch gŵyn, sylw neu ganmoliaeth/);
    assert.match(await w(page, '.cf-error').textContent(), /^Gwall: /);
    assert.equal((await heading(page).textContent()).trim(), FIRST_CY);

    // A complaint's details page refuses an empty description and a future date.
    await w(page, 'input[name=kind][value=complaint]').check();
    await next(page);
    await w(page, 'input[name=service][value=other]').check();
    await next(page);
    await w(page, '#cf-when_happened').fill('1');
    await w(page, '#cf-when_happened-month').fill('1');
    await w(page, '#cf-when_happened-year').fill('2099');
    await next(page);
    const summary = await w(page, '#cf-error-summary').textContent();
    assert.match(summary, /Rhowch beth ddigwyddodd/);
    assert.equal(await w(page, '#cf-what_happened').getAttribute('aria-invalid'), 'true');
    assert.match(await w(page, '#cf-what_happened').getAttribute('aria-describedby'), /cf-what_happened-error/);
  }));

test('triage: a complaint about bins points to the report form first, and still goes on', () =>
  withBrowser(async (page) => {
    await page.goto(server.url);
    await waitForMounted(page);
    await w(page, 'input[name=kind][value=complaint]').check();
    await next(page);
    await w(page, 'input[name=service][value=parking]').check();
    await next(page);
    assert.equal((await heading(page).textContent()).trim(), 'Before you make a complaint');
    const links = await w(page, 'a').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(links.includes('https://www.demo.example/report-a-parking-problem'));
    assert.ok(links.includes('https://www.demo.example/parking/challenge-a-fine'));
    await next(page);
    assert.equal((await heading(page).textContent()).trim(), 'Tell us what happened');
  }));

test('launcher: a dialog that traps focus, closes on Escape and gives focus back', () =>
  withBrowser(async (page) => {
    await page.goto(`${server.origin}/launcher`);
    const launcher = w(page, 'button.cf-launcher');
    assert.equal((await launcher.textContent()).trim(), HEADING_EN);
    await launcher.focus();
    await page.keyboard.press('Enter');
    await waitForMounted(page);
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.activeElement?.id === 'cf-step-heading');
    assert.equal(await w(page, 'dialog').evaluate((d) => d.open), true);
    // Tab forward many times: focus never leaves the dialog.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() => {
        const root = document.querySelector('council-feedback').shadowRoot;
        return Boolean(root.activeElement && root.querySelector('dialog').contains(root.activeElement));
      });
      assert.ok(inside, `focus left the dialog after ${i + 1} tabs`);
    }
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('council-feedback').shadowRoot.querySelector('dialog').open);
    assert.equal(await page.evaluate(() => document.querySelector('council-feedback').shadowRoot.activeElement?.className), 'cf-launcher');
    // Opening again keeps the answers.
    await launcher.click();
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.querySelector('dialog').open);
    // The dialog's own Close button follows the form's language.
    await w(page, '#cf-language').click();
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.querySelector('.cf-close').textContent === 'Cau');
    assert.equal(await w(page, '.cf-close').getAttribute('lang'), 'cy');
  }));

test('the draft survives a reload, and one idempotency key covers every retry', () =>
  withBrowser(async (page) => {
    await page.goto(server.url);
    await waitForMounted(page);
    await w(page, 'input[name=kind][value=comment]').check();
    await next(page);
    await w(page, 'input[name=service][value=waste]').check();
    await next(page);
    await w(page, '#cf-what_happened').fill('Kept across a reload.');
    await page.reload();
    await waitForMounted(page);
    await w(page, '#cf-what_happened').waitFor();
    assert.equal(await w(page, '#cf-what_happened').inputValue(), 'Kept across a reload.');

    // The first two sends reach the server but their answers are lost on the way back;
    // the widget says it is retrying and the server stores the case once.
    const keys = [];
    let failures = 2;
    await page.route('**/v1/councils/demo/feedback', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      const response = await route.fetch();
      if (response.status() === 429) return route.fulfill({ response });
      if (failures-- > 0) return route.fulfill({ status: 503, body: 'unavailable' });
      return route.fulfill({ response });
    });
    await next(page);
    await w(page, '#cf-anonymous').check();
    await next(page);
    await next(page);
    await w(page, 'form button[type=submit]').click();
    await page.waitForFunction(() => /Trying again/.test(document.querySelector('council-feedback').shadowRoot.textContent), null, { timeout: 10_000 });
    await w(page, '#cf-reference').waitFor({ timeout: 40_000 });
    const reference = (await w(page, '#cf-reference').textContent()).trim();
    assert.ok(keys.length >= 3, `sent ${keys.length} times`);
    assert.equal(new Set(keys).size, 1, 'the same idempotency key every time');
    assert.equal((await caseWith(reference)).length, 1);
  }));

test('offline: an honest message and nothing lost', () =>
  withBrowser(async (page, browser) => {
    await page.goto(server.url);
    await waitForMounted(page);
    await anonymousToCheck(page, 'compliment', 'Great crew.');
    await browser.context.setOffline(true);
    await w(page, 'form button[type=submit]').click();
    await page.waitForFunction(() => /You seem to be offline/.test(document.querySelector('council-feedback').shadowRoot.textContent));
    const saved = JSON.parse(await page.evaluate(() => sessionStorage.getItem('council-feedback:v2:demo')));
    assert.equal(saved.what_happened, 'Great crew.');
    await browser.context.setOffline(false);
    await w(page, 'form button[type=submit]').click();
    await w(page, '#cf-reference').waitFor({ timeout: 30_000 });
  }));

test('a strict Content Security Policy page runs the widget with no violation', () =>
  withBrowser(async (page, browser) => {
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
    const url = `${server.origin}/csp-test.html`;
    await servePage(page, url, testPage(), { 'content-security-policy': csp });
    await page.goto(url);
    await waitForMounted(page);
    await completeForm(page, { kind: 'comment', anonymous: true });
    const violations = browser.logs.filter((l) => /Content Security Policy|Refused to/.test(l));
    assert.deepEqual(violations, []);
  }));

test('check progress: the reference and code show where a case stands, and a review can be asked for', () =>
  withBrowser(async (page) => {
    await page.goto(server.url);
    await waitForMounted(page);
    const reference = await completeForm(page, { kind: 'complaint' });
    const code = (await w(page, '#cf-status-token').textContent()).trim();

    // The council responds at stage 1.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const token = server.token();
    for (const action of [
      { action: 'acknowledge', on: today },
      { action: 'respond', response: { responded_on: today, outcome: 'not_upheld', reasons: 'The crew came on the day.' } },
    ]) {
      const r = await fetch(`${server.origin}/v1/councils/demo/cases/${reference}/actions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(action),
      });
      assert.equal(r.status, 200, await r.text());
    }

    // The confirmation stays until the resident moves on.
    await page.reload();
    await waitForMounted(page);
    await w(page, '.cf-root button.cf-link-button >> text=Tell us something else').click();
    await w(page, '#cf-progress-link').click();
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.activeElement?.textContent === 'Check progress');
    await w(page, '#cf-case-reference').fill(reference);
    await w(page, '#cf-case-code').fill('wrong-code');
    await w(page, '#cf-check-progress').click();
    await page.waitForFunction(() => /No case matches/.test(document.querySelector('council-feedback').shadowRoot.textContent));

    await w(page, '#cf-case-code').fill(code);
    await w(page, '#cf-check-progress').click();
    await w(page, '#cf-progress').waitFor();
    assert.match(await w(page, '#cf-progress').textContent(), /We have responded.*Stage 1/s);
    await w(page, '#cf-escalate').click();
    await page.waitForFunction(() => /Stage 2/.test(document.querySelector('council-feedback').shadowRoot.getElementById('cf-progress')?.textContent ?? ''));
    const [stored] = await caseWith(reference);
    assert.equal(stored.stage, 2);
  }));

test("contact fields carry autocomplete and inputmode, and the council's colour is used where readable", () =>
  withBrowser(async (page) => {
    await page.goto(server.url);
    await waitForMounted(page);
    // demo's brand colour #1d70b8 passes 4.5:1 against white, so the button wears it.
    const background = await w(page, '#cf-continue').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(background, 'rgb(29, 112, 184)');
    await w(page, 'input[name=kind][value=complaint]').check();
    await next(page);
    await w(page, 'input[name=service][value=other]').check();
    await next(page);
    await w(page, '#cf-what_happened').fill('Something happened.');
    await w(page, '#cf-put_right').fill('Put it right.');
    await next(page);
    const attrs = (id) => w(page, `#${id}`).evaluate((el) => [el.type, el.autocomplete, el.inputMode].join(' '));
    assert.equal(await attrs('cf-name'), 'text name ');
    assert.equal(await attrs('cf-email'), 'email email email');
    assert.equal(await attrs('cf-phone'), 'tel tel tel');
    assert.equal(await attrs('cf-address'), 'textarea street-address ');
    assert.equal(await attrs('cf-postcode'), 'text postal-code ');
    // The spam trap is out of reach: not in the tab order and hidden from assistive tech.
    await w(page, '#cf-name').fill('Ann');
    await w(page, '#cf-email').fill('ann@example.com');
    await next(page);
    await next(page);
    await next(page);
    const trap = await w(page, '#cf-website').evaluate((el) => [el.tabIndex, el.closest('[aria-hidden]')?.getAttribute('aria-hidden')]);
    assert.deepEqual(trap, [-1, 'true']);
  }));

test("the server's own field errors take the resident back to the page that asks that field", () =>
  withBrowser(async (page) => {
    await page.goto(server.url);
    await waitForMounted(page);
    // The server's rules can be stricter than the widget's copy (an older widget cached
    // by the browser, say): its 422 problem is shown where the field is asked.
    await page.route('**/v1/councils/demo/feedback', (route) => route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'https://council-feedback.example/problems/validation', title: 'Unprocessable Entity',
        status: 422, detail: 'some answers need changing',
        errors: [{ field: 'email', key: 'email.invalid', message: 'Enter an email address that can receive mail' }],
      }),
    }));
    await w(page, 'input[name=kind][value=complaint]').check();
    await next(page);
    await w(page, 'input[name=service][value=other]').check();
    await next(page);
    await w(page, '#cf-what_happened').fill('Something happened.');
    await w(page, '#cf-put_right').fill('Put it right.');
    await next(page);
    await w(page, '#cf-name').fill('Ann');
    await w(page, '#cf-email').fill('ann@example.com');
    await next(page);
    await next(page);
    await next(page);
    await w(page, '#cf-send').click();
    await w(page, '#cf-error-summary').waitFor();
    assert.equal((await heading(page).textContent()).trim(), 'About you');
    assert.match(await w(page, '#cf-error-summary').textContent(), /Enter an email address that can receive mail/);
    assert.equal(await w(page, '#cf-email').getAttribute('aria-invalid'), 'true');
    // Correcting it returns straight to the check page.
    await page.unroute('**/v1/councils/demo/feedback');
    await w(page, '#cf-email').fill('ann@example.org');
    await next(page);
    assert.equal((await heading(page).textContent()).trim(), 'Check your answers before sending');
  }));

test('the confirmation survives a reload, and the language switch keeps focus', () =>
  withBrowser(async (page) => {
    await page.goto(server.url);
    await waitForMounted(page);
    await w(page, '#cf-language').click();
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.activeElement?.id === 'cf-language');
    assert.equal(await w(page, '#cf-language').textContent(), 'English');
    await w(page, '#cf-language').click();
    const reference = await completeForm(page, { kind: 'comment', anonymous: true });
    await page.reload();
    await waitForMounted(page);
    await w(page, '#cf-reference').waitFor();
    assert.equal((await w(page, '#cf-reference').textContent()).trim(), reference);
    await w(page, '.cf-root button.cf-link-button >> text=Tell us something else').click();
    await page.reload();
    await waitForMounted(page);
    assert.equal((await heading(page).textContent()).trim(), FIRST_EN);
  }));

test('answers changed after a send whose answer was lost: the council keeps the first, stored once', () =>
  withBrowser(async (page, browser) => {
    await page.goto(server.url);
    await waitForMounted(page);
    await anonymousToCheck(page, 'comment', 'The first version.');
    // The first send reaches the server, then the network drops before the answer.
    let passed = 0;
    await page.route('**/v1/councils/demo/feedback', async (route) => {
      const response = await route.fetch();
      if (response.status() === 429) return route.fulfill({ response });
      passed++;
      await browser.context.setOffline(true);
      return route.abort('internetdisconnected');
    });
    await w(page, '#cf-send').click();
    await page.waitForFunction(() => /You seem to be offline/.test(document.querySelector('council-feedback').shadowRoot.textContent), null, { timeout: 30_000 });
    assert.equal(passed, 1);
    await page.unroute('**/v1/councils/demo/feedback');
    await browser.context.setOffline(false);
    // The resident changes an answer and sends again under the same key.
    await w(page, '.cf-summary-action button').nth(2).click();
    await w(page, '#cf-what_happened').fill('The second version.');
    await next(page);
    await w(page, '#cf-send').click();
    await w(page, '#cf-reference').waitFor({ timeout: 30_000 });
    assert.match(await w(page, '.cf-root').textContent(), /We had already received your answers/);
    const reference = (await w(page, '#cf-reference').textContent()).trim();
    const stored = (await server.cases()).filter((c) => c.reference === reference);
    assert.equal(stored.length, 1);
  }));

test('launcher: a failed load says so, keeps the fallback, and the next click tries again', () =>
  withBrowser(async (page) => {
    let fail = true;
    await page.route('**/widget/feedback-widget.*.js*', (route) => (fail ? route.fulfill({ status: 503, body: '' }) : route.continue()));
    await page.goto(`${server.origin}/launcher`);
    await w(page, 'button.cf-launcher').click();
    await w(page, '.cf-load-failed').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Contact the council' }).isVisible(), true);
    fail = false;
    await w(page, 'button.cf-launcher').click();
    await waitForMounted(page);
    assert.equal((await heading(page).textContent()).trim(), FIRST_EN);
  }).catch((e) => {
    // A failed module load is reported on the page; that one is expected here.
    if (!/uncaught errors/.test(e.message)) throw e;
    if (!/Failed to fetch dynamically imported module/.test(e.message)) throw e;
  }));
