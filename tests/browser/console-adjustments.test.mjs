// Reasonable adjustments (Code 5.6) on the case page in Chromium on the local server: an
// officer records the adjustments agreed (refused first for a missing review date, then
// by the server for one already passed, with what was typed kept), sees that messages
// now come to them to post and that the timeline shows the task, then records a review
// ending them (refused first without a note). axe-core on each screen, with and without
// errors.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { actOn, axeViolations, londonToday, logCase, startBrowser, startServer } from './harness.mjs';

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

async function openCase(ref, name) {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink({ name, role: 'officer' }));
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Cases');
  await page.locator(`a:text-is("${ref}")`).click();
  await page.waitForFunction((r) => document.querySelector('#main-heading')?.textContent === r, ref);
  await page.locator('#case-status').waitFor();
  return page;
}

const banner = (page, text) => page.locator('.govuk-notification-banner', { hasText: text }).waitFor();

async function fillDate(page, form, date) {
  await page.locator(`#${form}-date-day`).fill(String(date.getUTCDate()));
  await page.locator(`#${form}-date-month`).fill(String(date.getUTCMonth() + 1));
  await page.locator(`#${form}-date-year`).fill(String(date.getUTCFullYear()));
}

const daysFromNow = (n) => new Date(Date.now() + n * 86_400_000);

test('an officer records adjustments, is given the letters to post, and ends them at a review', async () => {
  const ref = await logCase(server, { whatHappened: 'The bin was missed again; I need large print.' });
  let page = await openCase(ref, 'Ann Jones');
  await page.locator('#adjustments-heading').waitFor();
  await page.locator('text=No adjustments have been agreed on this case.').waitFor();
  assert.equal(await page.locator('#adjustments-task').count(), 0, 'emailed as normal');
  await assertNoViolations(page, 'adjustments, none');

  // No review date: an error on the date, linked from the summary.
  await page.getByRole('button', { name: 'Record the adjustments' }).click();
  const summary = page.locator('#error-summary');
  await summary.locator('a[href="#adjust-date-day"]').waitFor();
  await page.locator('#adjust-date-error').waitFor();
  await assertNoViolations(page, 'record adjustments, with errors');

  // A review date already passed is the server's to refuse; what was typed stays.
  const notes = 'Letters in 16 point; her daughter speaks for her.';
  await page.locator('#adjust-need-large-print').check();
  await page.locator('#adjust-adjustments').fill(notes);
  await page.locator('#adjust-format-large_print').check();
  await page.locator('#adjust-contact-post').check();
  await fillDate(page, 'adjust', daysFromNow(-3));
  await page.getByRole('button', { name: 'Record the adjustments' }).click();
  await summary.locator('a[href="#adjust-date-day"]', { hasText: 'has passed' }).waitFor();
  assert.equal(await page.locator('#adjust-adjustments').inputValue(), notes, 'what was typed is kept');
  assert.ok(await page.locator('#adjust-need-large-print').isChecked());
  assert.ok(await page.locator('#adjust-format-large_print').isChecked());

  await fillDate(page, 'adjust', daysFromNow(90));
  await page.getByRole('button', { name: 'Record the adjustments' }).click();
  await banner(page, 'Adjustments recorded');
  const agreed = await page.locator('#adjustments-agreed').textContent();
  assert.match(agreed, /large print/);
  assert.match(agreed, /Agreed.*by ann-jones/s);
  assert.match(await page.locator('#adjustments-task').textContent(), /send by post, in large print/);
  await assertNoViolations(page, 'adjustments recorded');

  // The acknowledgement now comes to the officer to post: the timeline says so.
  await actOn(server, ref, { action: 'acknowledge', on: londonToday() });
  await page.close();
  page = await openCase(ref, 'Ann Jones');
  await page.waitForFunction(() => /Adjustments agreed/.test(document.querySelector('#timeline')?.textContent ?? ''));
  assert.match(await page.locator('#timeline').textContent(), new RegExp(`Send this letter by post: ${ref}`));

  // A review needs a note (and, unless ended, the next date).
  await page.getByRole('button', { name: 'Record the review' }).click();
  await page.locator('#error-summary').locator('a[href="#review-note"]').waitFor();
  await page.locator('#error-summary').locator('a[href="#review-date-day"]').waitFor();
  await assertNoViolations(page, 'record a review, with errors');
  await page.locator('#review-decision-ended').check();
  await page.locator('#review-note').fill('She no longer needs large print.');
  await page.getByRole('button', { name: 'Record the review' }).click();
  await banner(page, 'Adjustments review recorded');
  assert.match(await page.locator('#adjustments-agreed').textContent(), /Review by\s*Ended/);
  assert.equal(await page.locator('#adjustments-task').count(), 0, 'emailed again once ended');
  assert.equal(await page.locator('#review-note').count(), 0, 'nothing in force to review');
  assert.match(await page.locator('#timeline').textContent(), /Adjustments ended/);
  await assertNoViolations(page, 'adjustments ended');
  await page.close();
});
