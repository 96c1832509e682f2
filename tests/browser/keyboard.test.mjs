// The "done when": on a phone-sized window, a complaint completed in Welsh with
// the keyboard alone, in the launcher's dialog, then seen by an officer through the API.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FIRST_CY, HEADING_CY, focusedId, servePage, startBrowser, startServer, testPage, w } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

/** Presses Tab until the element with `id` has focus, checking each stop is visible. */
async function tabTo(page, id, { shift = false } = {}) {
  for (let i = 0; i < 40; i++) {
    if (await focusedId(page) === id) return;
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    const shown = await page.evaluate(() => {
      const el = document.querySelector('council-feedback')?.shadowRoot?.activeElement;
      if (!el) return true;
      const s = getComputedStyle(el);
      return s.outlineStyle !== 'none' || s.boxShadow !== 'none' || s.backgroundColor === 'rgb(255, 221, 0)';
    });
    assert.ok(shown, `focus is not visible on ${await focusedId(page)}`);
  }
  assert.fail(`could not reach #${id} with Tab`);
}

async function type(page, id, text) {
  await tabTo(page, id);
  await page.keyboard.type(text);
}

async function pressContinue(page, nextHeading) {
  await tabTo(page, 'cf-continue');
  await page.keyboard.press('Enter');
  await page.waitForFunction((h) => {
    const el = document.querySelector('council-feedback').shadowRoot.getElementById('cf-step-heading');
    return el && el.textContent.includes(h) && el === el.getRootNode().activeElement;
  }, nextHeading);
}

test('a complaint in Welsh, by keyboard alone, on a phone, reaches the officer', async () => {
  const browser = await startBrowser({ viewport: { width: 390, height: 844 } });
  try {
    const page = await browser.page();
    const url = `${server.origin}/test/keyboard-cy.html`;
    await servePage(page, url, testPage({ lang: 'cy', attrs: ' mode="launcher"' }));
    await page.goto(url);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.querySelector('council-feedback').shadowRoot.activeElement?.textContent), HEADING_CY);
    await page.keyboard.press('Enter');
    await page.waitForFunction((h) => {
      const el = document.querySelector('council-feedback').shadowRoot.activeElement;
      return el?.id === 'cf-step-heading' && el.textContent === h;
    }, FIRST_CY);

    await tabTo(page, 'cf-kind');
    await page.keyboard.press('Space');
    await pressContinue(page, 'Am ba wasanaeth');
    await tabTo(page, 'cf-service');
    await page.keyboard.press('Space');
    await pressContinue(page, 'Cyn i chi wneud cwyn');
    await pressContinue(page, 'Dywedwch wrthym beth ddigwyddodd');
    await type(page, 'cf-what_happened', 'Ni chasglwyd y bin am dair wythnos.');
    await type(page, 'cf-put_right', 'Casglu’r bin ac esbonio pam.');
    await pressContinue(page, 'Amdanoch chi');
    await type(page, 'cf-name', 'Rhian Evans');
    await type(page, 'cf-email', 'rhian@example.com');

    // The on-screen keyboard takes half the screen: the focused field stays in view.
    await page.setViewportSize({ width: 390, height: 400 });
    await page.waitForTimeout(200);
    const box = await page.evaluate(() => {
      const r = document.querySelector('council-feedback').shadowRoot.activeElement.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: window.visualViewport.height };
    });
    assert.ok(box.top >= 0 && box.bottom <= box.height, `focused field at ${box.top}-${box.bottom} of ${box.height}`);
    await page.setViewportSize({ width: 390, height: 844 });

    await pressContinue(page, 'Oes angen unrhyw gymorth');
    await pressContinue(page, 'Cwestiynau cydraddoldeb');
    await pressContinue(page, 'Gwiriwch eich atebion');
    await tabTo(page, 'cf-send');
    await page.keyboard.press('Enter');
    await w(page, '#cf-reference').waitFor({ timeout: 30_000 });
    assert.equal(await focusedId(page), 'cf-step-heading');
    assert.match(await w(page, '.cf-panel').textContent(), /Cwyn wedi dod i law/);
    const reference = (await w(page, '#cf-reference').textContent()).trim();

    const cases = await server.cases();
    const mine = cases.find((c) => c.reference === reference);
    assert.ok(mine, 'the officer sees the case');
    assert.equal(mine.kind, 'complaint');

    // Escape closes the dialog and focus goes back to the launcher.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('council-feedback').shadowRoot.activeElement?.className === 'cf-launcher');
  } finally {
    await browser.close();
  }
});
