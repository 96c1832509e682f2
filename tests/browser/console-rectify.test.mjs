// Correcting a case's personal data in the console, in Chromium on the local server: an
// officer corrects a resident's contact details from the case page (the form prefilled,
// errors shown GOV.UK's way with the typing kept, the timeline saying what changed but
// never the old details), and redacts a neighbour's health details from what happened
// behind a confirmation with GOV.UK warning text (a span not in the field refused as a
// field error, the text kept). axe-core's WCAG 2.2 AA checks on every screen, with and
// without errors.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, logCase, startBrowser, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function assertNoViolations(page, screen) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 2)}`);
}

const headingIs = (page, text) => page.waitForFunction(
  (h) => document.querySelector('#main-heading')?.textContent === h, text,
);

async function openCase(reference) {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink({ name: 'Ann Jones', role: 'officer' }));
  await headingIs(page, 'Cases');
  await page.evaluate((r) => {
    history.pushState(null, '', `/console/cases/${r}`);
    dispatchEvent(new PopStateEvent('popstate'));
  }, reference);
  await headingIs(page, reference);
  await page.locator('#timeline').waitFor();
  return page;
}

test('an officer corrects a resident’s contact details and the old ones are not shown again', async () => {
  const reference = await logCase(server, {
    name: 'Nia Powell', email: 'nia.powell@example.com', whatHappened: 'My bin was missed.',
  });
  const page = await openCase(reference);
  await page.click('a:text-is("Correct contact details")');
  await headingIs(page, `Correct the contact details of ${reference}`);
  await page.locator('#correct-name').waitFor();
  // Prefilled with what is held.
  await page.waitForFunction(() => document.querySelector('#correct-name')?.value === 'Nia Powell');
  assert.equal(await page.inputValue('#correct-email'), 'nia.powell@example.com');
  assert.ok(await page.isChecked('#correct-contact_method'), 'email is how she hears from us');
  await assertNoViolations(page, 'correct contact details');

  // A bad email and no reason: GOV.UK errors, the typing kept.
  await page.fill('#correct-name', 'Nia Rees');
  await page.fill('#correct-email', 'not an email');
  await page.click('#correct-save');
  await page.locator('#correct-email-error').waitFor();
  await page.locator('#correct-reason-error').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  assert.equal(await page.inputValue('#correct-name'), 'Nia Rees');
  assert.equal(await page.inputValue('#correct-email'), 'not an email');
  await page.locator('#error-summary a[href="#correct-email"]').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'correct-email');
  await assertNoViolations(page, 'correct contact details with errors');

  await page.fill('#correct-email', 'nia.rees@example.org');
  await page.fill('#correct-reason', 'She rang: married name and new email address');
  await page.click('#correct-save');
  await headingIs(page, reference);
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /Contact details corrected/);
  await page.locator('.moj-timeline__title:has-text("Contact details corrected: She rang")').waitFor();
  const shown = await page.locator('main').textContent();
  assert.match(shown, /nia\.rees@example\.org/);
  assert.match(shown, /Changed: name, email address/);
  assert.ok(!shown.includes('nia.powell@example.com'), 'the old email is not shown');
  assert.ok(!shown.includes('Nia Powell'), 'the old name is not shown');
  await assertNoViolations(page, 'the case after a correction');

  // The queue's search moved with it.
  await page.evaluate(() => {
    history.pushState(null, '', '/console/?q=nia.powell%40example.com');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await headingIs(page, 'Cases');
  await page.locator('text=No cases match.').waitFor();
  await page.evaluate(() => {
    history.pushState(null, '', '/console/?q=nia.rees%40example.org');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await page.locator(`a:text-is("${reference}")`).waitFor();
  await page.close();
});

test('an officer redacts a span of what a resident wrote, after a warning', async () => {
  const words = 'My bin was missed. Mr Pryce next door has cancer, so he could not help.';
  const reference = await logCase(server, { name: 'Owen Lloyd', email: 'owen@example.com', whatHappened: words });
  const page = await openCase(reference);
  await page.click('a:text-is("Redact text")');
  await headingIs(page, `Redact text on ${reference}`);
  await page.locator('#redact-current').waitFor();
  assert.equal(await page.locator('#redact-current').textContent(), words);
  await assertNoViolations(page, 'redact text');

  // Nothing typed, then text that is not in the field: field errors, the typing kept.
  await page.click('#redact-continue');
  await page.locator('#redact-span-error').waitFor();
  await page.locator('#redact-reason-error').waitFor();
  await assertNoViolations(page, 'redact text with errors');
  await page.fill('#redact-span', 'Mr Price next door');
  await page.fill('#redact-reason', 'A neighbour’s health');
  await page.click('#redact-continue');
  await page.locator('#redact-span-error:has-text("not in the field")').waitFor();
  assert.equal(await page.inputValue('#redact-span'), 'Mr Price next door');

  await page.fill('#redact-span', 'Mr Pryce next door has cancer');
  await page.click('#redact-continue');
  await page.locator('#redact-check-heading').waitFor();
  assert.match(await page.locator('.govuk-warning-text').textContent(), /cannot be undone/);
  await assertNoViolations(page, 'check before redacting');
  // Change goes back with everything kept.
  await page.click('#redact-change');
  assert.equal(await page.inputValue('#redact-span'), 'Mr Pryce next door has cancer');
  assert.equal(await page.inputValue('#redact-reason'), 'A neighbour’s health');
  await page.click('#redact-continue');
  await page.click('#redact-confirm');
  await headingIs(page, reference);
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /Text redacted/);
  await page.locator('.moj-timeline__title:has-text("Text redacted: A neighbour’s health")').waitFor();
  const shown = await page.locator('main').textContent();
  assert.match(shown, /My bin was missed\. \[redacted\], so he could not help\./);
  assert.ok(!shown.includes('cancer'), 'the span is gone');
  await assertNoViolations(page, 'the case after a redaction');
  await page.close();
});
