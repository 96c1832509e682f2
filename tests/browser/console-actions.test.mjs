// Promised actions (Code 6.6) on the case page in Chromium on the local server: an
// officer adds actions (refused first field by field, then by the server for a due date
// already passed, with what was typed kept), is refused closing while they are open,
// completes them (refused first without a note) and sees the resident's "all done" email
// on the timeline; a complaints manager closes another case with an action still open,
// saying why. axe-core on each screen, with and without errors.

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

/** A complaint logged, acknowledged and answered today through the API. */
async function answeredCase(whatHappened) {
  const ref = await logCase(server, { whatHappened });
  const today = londonToday();
  await actOn(server, ref, { action: 'acknowledge', on: today });
  await actOn(server, ref, {
    action: 'respond',
    response: {
      responded_on: today, outcome: 'upheld', reasons: 'The crew missed your street.',
      remedies: ['action'], learning: null, outstanding_actions: null, responder: null,
    },
  });
  return ref;
}

/** A fresh page signed in as `name` with `role`, on the case `ref`. */
async function openCase(ref, name, role = 'officer') {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink({ name, role }));
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

test('an officer adds and completes promised actions, and the resident is emailed when all are done', async () => {
  const ref = await answeredCase('The crew missed my bin and broke the lid.');
  const page = await openCase(ref, 'Ann Jones');
  await page.locator('#promised-heading').waitFor();
  await page.locator('text=No actions have been promised on this case.').waitFor();
  await assertNoViolations(page, 'promised actions, none');

  // Nothing typed: an error on each field, linked from the summary.
  await page.getByRole('button', { name: 'Add the action' }).click();
  const summary = page.locator('#error-summary');
  for (const id of ['promise-outstanding_actions', 'promise-officer', 'promise-date-day']) {
    await summary.locator(`a[href="#${id}"]`).waitFor();
  }
  await page.locator('#promise-officer-error').waitFor();
  await assertNoViolations(page, 'add a promised action, with errors');

  // A due date already passed is the server's to refuse, on the date's field.
  const lid = 'Deliver a new lid for the bin';
  await page.locator('#promise-outstanding_actions').fill(lid);
  await page.locator('#promise-officer').fill('ben-morgan');
  await fillDate(page, 'promise', daysFromNow(-3));
  await page.getByRole('button', { name: 'Add the action' }).click();
  await summary.locator('a[href="#promise-date-day"]', { hasText: 'has passed' }).waitFor();
  assert.equal(await page.locator('#promise-outstanding_actions').inputValue(), lid, 'what was typed is kept');
  assert.equal(await page.locator('#promise-officer').inputValue(), 'ben-morgan');

  await fillDate(page, 'promise', daysFromNow(7));
  await page.getByRole('button', { name: 'Add the action' }).click();
  await banner(page, 'Promised action added');
  assert.equal(await page.locator('#promise-outstanding_actions').inputValue(), '', 'the form is emptied');
  const rows = page.locator('#promised-actions tbody tr');
  assert.match(await rows.nth(0).textContent(), /1\s*Deliver a new lid for the bin\s*ben-morgan.*Open/s);

  const sorry = 'Apologise to the crew supervisor’s team in writing';
  await page.locator('#promise-outstanding_actions').fill(sorry);
  await page.locator('#promise-officer').fill('ann-jones');
  await fillDate(page, 'promise', daysFromNow(14));
  await page.getByRole('button', { name: 'Add the action' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#promised-actions tbody tr').length === 2);

  // Open actions keep the case from closing; an officer is told only a manager can.
  await page.locator('#override-note').waitFor();
  await page.getByRole('button', { name: 'Close the case' }).click();
  await summary.locator('text=promised action(s) are still open').waitFor();
  assert.equal(await page.locator('#case-status').textContent(), 'Responded');
  await assertNoViolations(page, 'close refused with actions open');

  // Completing needs a note.
  await page.locator('#complete-action').selectOption('1');
  await page.getByRole('button', { name: 'Complete the action' }).click();
  await summary.locator('a[href="#complete-note"]').waitFor();
  await page.locator('#complete-note-error').waitFor();
  await assertNoViolations(page, 'complete an action, with errors');
  await page.locator('#complete-note').fill('New lid delivered by the crew.');
  await page.getByRole('button', { name: 'Complete the action' }).click();
  await banner(page, 'Promised action completed');
  assert.match(await rows.nth(0).textContent(), /Done on/);
  assert.match(await rows.nth(0).textContent(), /New lid delivered by the crew\. \(ann-jones\)/);
  assert.doesNotMatch(await page.locator('#timeline').textContent(), /We have done what we promised/);

  // The last one: the resident is told, and the timeline shows the email.
  await page.locator('#complete-note').fill('Letter sent to the team.');
  await page.getByRole('button', { name: 'Complete the action' }).click();
  await page.waitForFunction(() => /Done on[\s\S]*Done on/.test(document.querySelector('#promised-actions')?.textContent ?? ''));
  const timeline = await page.locator('#timeline').textContent();
  assert.match(timeline, new RegExp(`Email sent: We have done what we promised – ${ref}`));
  assert.match(timeline, /Promised action 2 completed/);
  assert.match(timeline, /Action promised/);
  assert.equal(await page.locator('#complete-action').count(), 0, 'nothing left to complete');
  await assertNoViolations(page, 'promised actions, all done');

  await page.getByRole('button', { name: 'Close the case' }).click();
  await banner(page, 'Case closed');
  await page.close();
});

test('a complaints manager closes a case with an action still open, giving a reason', async () => {
  const ref = await answeredCase('The recycling was left behind again.');
  await actOn(server, ref, {
    action: 'promise_action', description: 'Move the collection to Mondays', owner: 'ben-morgan',
    due: londonToday(),
  });
  const page = await openCase(ref, 'Catrin Hughes', 'manager');
  await page.locator('#promised-actions').waitFor();
  assert.equal(await page.locator('#override-note').count(), 0, 'a manager gets the form, not the note');

  await page.getByRole('button', { name: 'Close with actions open' }).click();
  const summary = page.locator('#error-summary');
  await summary.locator('a[href="#override-reason"]').waitFor();
  await assertNoViolations(page, 'close with actions open, with errors');

  const why = 'The round is the contractor’s from next month; they have the action.';
  await page.locator('#override-reason').fill(why);
  await page.getByRole('button', { name: 'Close with actions open' }).click();
  await banner(page, 'Case closed with promised actions open');
  await page.waitForFunction(() => document.querySelector('#case-status')?.textContent === 'Closed');
  const timeline = await page.locator('#timeline').textContent();
  assert.match(timeline, /Closed with promised actions open/);
  assert.ok(timeline.includes(why), timeline);
  // Still open, and still to be completed.
  await page.locator('#complete-action').waitFor();
  await assertNoViolations(page, 'closed with an action open');
  await page.close();
});
