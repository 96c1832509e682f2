// Contact restrictions in the console, in Chromium on the local server: a manager records
// one (GOV.UK errors first, with what was typed kept), sees its banner on both cases of
// that person and not on someone else's, and reviews it (continued, then ended, kept on
// record); axe-core's WCAG 2.2 AA checks on every screen, with and without errors.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, logCase, londonToday, startBrowser, startServer } from './harness.mjs';

let server;
let browser;
let first;
let second;
let other;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  const token = server.token();
  first = await logCase(server, { name: 'Carys Morgan', email: 'carys.morgan@example.com', token });
  second = await logCase(server, { name: 'Carys Morgan', email: 'Carys.Morgan@example.com', token });
  other = await logCase(server, { name: 'Tom Price', email: 'tom@example.com', token });
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

/** The London date `days` from today, as [day, month, year] for GOV.UK's boxes. */
function inDays(days) {
  const [y, m, d] = londonToday().split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return [date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear()].map(String);
}

async function fillDate(page, form, [day, month, year]) {
  await page.fill(`#${form}-date-day`, day);
  await page.fill(`#${form}-date-month`, month);
  await page.fill(`#${form}-date-year`, year);
}

/** Opens the case `reference` from the queue, inside the app (a reload would drop the
 * token, which lives in memory only). */
async function openCase(page, reference) {
  await page.locator('.moj-sub-navigation__link', { hasText: 'Cases' }).click();
  await headingIs(page, 'Cases');
  await page.locator(`a:text-is("${reference}")`).click();
  await headingIs(page, reference);
  await page.locator('#case-status').waitFor();
}

async function restrictions(page) {
  await page.locator('.moj-sub-navigation__link', { hasText: 'Restrictions' }).click();
  await headingIs(page, 'Contact restrictions');
}

async function errorSummary(page) {
  await page.locator('#error-summary').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  return page.locator('#error-summary').textContent();
}

test('a manager records a restriction, sees it on both of the person\'s cases, and reviews it', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink({ name: 'Mo Manager', role: 'manager' }));
  await headingIs(page, 'Cases');
  await restrictions(page);
  await page.locator('text=No restriction has been recorded.').waitFor();
  await assertNoViolations(page, 'restrictions, none yet');

  await page.locator('a', { hasText: 'Record a restriction' }).click();
  await headingIs(page, 'Record a contact restriction');
  await assertNoViolations(page, 'record a restriction');

  // Nothing chosen and no review date: the summary, with the fields' own errors.
  await page.fill('#restriction-name', 'Carys Morgan');
  await page.click('#restriction-record');
  const summary = await errorSummary(page);
  assert.match(summary, /Select at least one restriction/);
  assert.match(summary, /Enter the behaviour that led to the restriction/);
  assert.match(summary, /Enter the review date/);
  assert.equal(await page.inputValue('#restriction-name'), 'Carys Morgan', 'what was typed is kept');
  await assertNoViolations(page, 'record a restriction, with errors');

  await page.fill('#restriction-email', 'CARYS.MORGAN@example.com');
  await page.check('#restriction-restrictions');
  await page.check('#restriction-restrictions-one_channel');
  await page.fill('#restriction-contact_officer', 'Ann Jones');
  await page.check('#restriction-channel-post');
  await page.fill('#restriction-behaviour', 'Forty calls a day to the contact centre');
  // Thirteen months on: too late, on its field; the rest is kept.
  await fillDate(page, 'restriction-review', inDays(400));
  await page.click('#restriction-record');
  assert.match(await errorSummary(page), /The review must be within 12 months/);
  assert.ok(await page.isChecked('#restriction-channel-post'));
  assert.equal(await page.inputValue('#restriction-contact_officer'), 'Ann Jones');
  await assertNoViolations(page, 'record a restriction, review too late');

  await fillDate(page, 'restriction-review', inDays(90));
  await page.click('#restriction-record');
  await headingIs(page, 'Contact restrictions');
  await page.locator('.govuk-notification-banner--success', { hasText: 'The restriction on Carys Morgan is recorded' }).waitFor();
  assert.match(await page.locator('table').textContent(), /Single point of contact: Ann Jones/);
  await assertNoViolations(page, 'restrictions, one in force');

  // Both of her cases carry the banner; Tom's does not.
  for (const reference of [first, second]) {
    await openCase(page, reference);
    await page.locator('#restriction-banner').waitFor();
    const banner = await page.locator('#restriction-banner').textContent();
    assert.match(banner, /Single point of contact: Ann Jones/);
    assert.match(banner, /One channel only: Post/);
    assert.match(banner, /Review by/);
    assert.doesNotMatch(banner, /Forty calls/, 'never the behaviour');
  }
  await assertNoViolations(page, 'a case with the restriction banner');
  await openCase(page, other);
  assert.equal(await page.locator('#restriction-banner').count(), 0);

  // The review: continued with no date (an error), then with one, then ended.
  await restrictions(page);
  await page.locator('a', { hasText: 'Carys Morgan' }).click();
  await headingIs(page, 'Contact restriction: Carys Morgan');
  await assertNoViolations(page, 'a restriction');
  await page.check('#review-outcome');
  await page.click('#review-record');
  assert.match(await errorSummary(page), /Enter the next review date/);
  await assertNoViolations(page, 'a review, with errors');
  const next = inDays(180);
  await fillDate(page, 'review-next', next);
  await page.click('#review-record');
  await page.locator('.govuk-notification-banner--success', { hasText: 'The restriction continues' }).waitFor();
  assert.equal(await page.locator('#error-summary').count(), 0);
  await page.check('#review-outcome-end');
  await page.fill('#review-reason', 'Contact is back to normal');
  await page.click('#review-record');
  await page.locator('.govuk-notification-banner--success', { hasText: 'The restriction has ended' }).waitFor();
  assert.match(await page.locator('#restriction-review-by').textContent(), /Contact is back to normal/);
  assert.match(await page.locator('main').textContent(), /continued to/);
  await assertNoViolations(page, 'an ended restriction');

  // Kept on record, no longer on her cases.
  await restrictions(page);
  await page.locator('table').waitFor();
  assert.match(await page.locator('table').textContent(), /Ended/);
  await openCase(page, first);
  assert.equal(await page.locator('#restriction-banner').count(), 0);
  await page.close();
});
