// The year's self-assessment and annual record in Chromium on the local server: a manager
// reaches it from the reports page, answers the Code's checklist, adds an improvement
// (refused first without an owner, with what was typed kept) and the Ombudsman's letter
// with the council's response, saves, and finds it saved on a fresh page; an officer
// cannot reach it. axe-core on each screen, with and without errors.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, startBrowser, startServer } from './harness.mjs';

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

const headingStarts = (page, text) => page.waitForFunction(
  (t) => document.querySelector('#main-heading')?.textContent?.startsWith(t), text);

/** Goes to `path` within the app (a reload would sign out: the token is in memory only). */
async function goWithin(page, path) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

async function signIn(name, role) {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink({ name, role }));
  await headingStarts(page, 'Cases');
  return page;
}

test('a manager completes the self-assessment, an improvement and the Ombudsman letter', async () => {
  const page = await signIn('Mia Manager', 'manager');
  await page.locator('.moj-sub-navigation__link', { hasText: 'Reports' }).click();
  await headingStarts(page, 'Reports');
  await page.getByRole('link', { name: /Self-assessment and annual record/ }).click();
  await headingStarts(page, 'Self-assessment and annual record');
  const year = page.url().match(/annual\/(\d{4})$/)[1];
  await page.locator('#annual-s6-stage2-person-no').waitFor();
  await assertNoViolations(page, 'annual record');

  // The keyboard reaches the answers: "Not compliant" for stage 2 by another person.
  await page.locator('#annual-s6-stage2-person-no').check();
  await page.locator('#annual-s6-stage2-person-actions').fill('Stage 2 goes to the service manager.');
  await page.locator('#annual-learning').fill('Crews check the street list twice.');
  await page.getByRole('button', { name: 'Save the record' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /There is a problem/);
  // The summary takes focus.
  await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
  // What was typed is kept.
  assert.equal(await page.locator('#annual-learning').inputValue(), 'Crews check the street list twice.');
  assert.equal(await page.locator('#annual-s6-stage2-person-actions').inputValue(),
    'Stage 2 goes to the service manager.');
  await assertNoViolations(page, 'annual record with errors');

  await page.locator('#annual-officer').fill('Waste team');
  await page.locator('#annual-status').selectOption('in_progress');
  await page.locator('#annual-url').fill('https://www.lgo.org.uk/your-councils-performance');
  await page.locator('#annual-letter').fill('Dear Chief Executive, this year we upheld two complaints.');
  await page.locator('#annual-reason').fill('The council accepts the findings.');
  await page.getByRole('button', { name: 'Save the record' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'record is saved' }).waitFor();
  await page.getByRole('cell', { name: 'Crews check the street list twice.', exact: true }).waitFor();
  await assertNoViolations(page, 'annual record saved');

  // A fresh page reads it back.
  const again = await signIn('Mia Manager', 'manager');
  await goWithin(again, `/console/annual/${year}`);
  await headingStarts(again, 'Self-assessment and annual record');
  await again.getByRole('cell', { name: 'Crews check the street list twice.', exact: true }).waitFor();
  assert.ok(await again.locator('#annual-s6-stage2-person-no').isChecked());
  assert.equal(await again.locator('#annual-reason').inputValue(), 'The council accepts the findings.');
  // Last year's record is a link away, and its page is a different year's.
  await again.getByRole('link', { name: `April ${year - 1} to March ${year}` }).click();
  await headingStarts(again, `Self-assessment and annual record, April ${year - 1}`);
  assert.ok(again.url().endsWith(`/console/annual/${year - 1}`));
  await again.locator('#annual-s6-stage2-person-no').waitFor();
  assert.equal(await again.locator('#annual-s6-stage2-person-no').isChecked(), false);
  await assertNoViolations(again, 'last year\'s annual record');
  await again.close();
  await page.close();
});

test('an officer cannot reach the annual record', async () => {
  const page = await signIn('Ann Jones', 'officer');
  await goWithin(page, '/console/annual/2026');
  await headingStarts(page, 'You do not have access to this page');
  assert.equal(await page.locator('#annual-save').count(), 0);
  await assertNoViolations(page, 'annual record refused');
  await page.close();
});
