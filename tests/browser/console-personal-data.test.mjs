// The console's personal data pages in Chromium on the local server: a manager answers a
// subject access request for a resident with two cases (search by email, both ticked,
// exported with a neighbour's name blanked, the printable page downloaded and opened),
// GOV.UK errors with the typing kept, a legal hold set on the holds page that refuses an
// erasure until it is lifted, an officer refused, and axe-core's WCAG 2.2 AA checks on
// every screen, with and without errors.

import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { actOn, axeViolations, logCase, startBrowser, startServer } from './harness.mjs';

let server;
let browser;
let first;
let second;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  const token = server.token();
  first = await logCase(server, {
    name: 'Carys Morgan', email: 'carys.morgan@example.com', token,
    whatHappened: 'My bin was missed. Mr Pryce next door saw it.',
  });
  second = await logCase(server, {
    name: 'Carys Morgan', email: 'Carys.Morgan@example.com', token,
    whatHappened: 'The recycling box was left in the road.',
  });
  // Someone else: not found by her email.
  await logCase(server, { name: 'Tom Price', email: 'tom@example.com', token });
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

async function signedIn(role = 'manager') {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink({ name: role === 'manager' ? 'Mo Manager' : 'Ann Jones', role }));
  await headingIs(page, 'Cases');
  return page;
}

async function personalData(page) {
  await page.locator('.moj-sub-navigation__link', { hasText: 'Personal data' }).click();
  await headingIs(page, 'Personal data');
}

test('a manager answers a subject access request for a resident with two cases', async () => {
  const started = Date.now();
  const page = await signedIn();
  await personalData(page);
  await assertNoViolations(page, 'personal data search');

  await page.fill('#person-email', 'CARYS.MORGAN@example.com');
  await page.click('#person-search');
  await page.locator('#results-heading:text-is("2 cases found")').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'results-heading');
  for (const reference of [first, second]) {
    assert.ok(await page.isChecked(`#export-${reference}`), `${reference} is ticked`);
  }
  assert.match(await page.locator('#results-table').textContent(), /email/);
  await assertNoViolations(page, 'personal data results');

  await page.fill('#bundle-redact', 'Mr Pryce next door');
  await page.click('#export-bundle');
  await page.locator('#bundle-ready').waitFor();
  await assertNoViolations(page, 'bundle ready');

  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download-bundle-json')]);
  const bundle = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.deepEqual(bundle.cases.map((c) => c.case.reference).sort(), [first, second].sort());
  assert.ok(!JSON.stringify(bundle).includes('Mr Pryce next door'), 'the neighbour is blanked');

  const [html] = await Promise.all([page.waitForEvent('download'), page.click('#download-bundle-html')]);
  assert.match(html.suggestedFilename(), /^subject-access-.*\.html$/);
  // Opened as the manager would open the saved file.
  const saved = path.join(await mkdtemp(path.join(tmpdir(), 'cf-sar-')), html.suggestedFilename());
  await html.saveAs(saved);
  const printable = await browser.context.newPage();
  await printable.goto(`file://${saved}`);
  assert.equal(await printable.locator('h1').textContent(), 'Your information held by Demo Borough Council');
  const cases = await printable.locator('section.case h2').allTextContents();
  assert.deepEqual(cases.sort(), [`Case ${first}`, `Case ${second}`].sort());
  const text = await printable.locator('main').textContent();
  assert.match(text, /\[redacted\] saw it\./);
  assert.ok(!text.includes('Mr Pryce next door'));
  await assertNoViolations(printable, 'the printable bundle');
  await printable.close();
  const minutes = (Date.now() - started) / 60_000;
  console.log(`# subject access request answered in ${(minutes * 60).toFixed(1)} s of browser time`);

  // The export is on each case's timeline.
  await page.locator(`a:text-is("${first}")`).click();
  await page.locator('text=Subject access export').first().waitFor();
  await page.close();
});

test('the search shows GOV.UK errors and keeps what was typed', async () => {
  const page = await signedIn();
  await personalData(page);
  await page.click('#person-search');
  await page.locator('#error-summary').waitFor();
  // Focus moves to the summary in the frame after it is drawn (GOV.UK's pattern); a
  // summary that never takes focus fails this wait.
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  await assertNoViolations(page, 'personal data with no detail');

  await page.fill('#person-email', 'not an email');
  await page.fill('#person-name', 'Carys');
  await page.click('#person-search');
  await page.locator('#person-email-error').waitFor();
  assert.equal(await page.inputValue('#person-email'), 'not an email');
  assert.equal(await page.inputValue('#person-name'), 'Carys');
  await page.locator('#error-summary a[href="#person-email"]').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'person-email');
  await assertNoViolations(page, 'personal data with a field error');

  // Untick both: the export asks for a case.
  await page.fill('#person-email', 'carys.morgan@example.com');
  await page.fill('#person-name', '');
  await page.click('#person-search');
  await page.locator('#results-heading:text-is("2 cases found")').waitFor();
  await page.uncheck(`#export-${first}`);
  await page.uncheck(`#export-${second}`);
  await page.click('#export-bundle');
  await page.locator('#error-summary:has-text("Select at least one case")').waitFor();
  await assertNoViolations(page, 'export with nothing ticked');
  await page.close();
});

test('a legal hold refuses an erasure until it is lifted', async () => {
  const reference = await logCase(server, { name: 'Huw Bevan', email: 'huw@example.com' });
  await actOn(server, reference, { action: 'withdraw', reason: 'Sorted out on the phone' });
  const page = await signedIn();
  await personalData(page);
  await page.click('a:text("Legal holds")');
  await headingIs(page, 'Legal holds');
  await assertNoViolations(page, 'legal holds, none');
  await page.click('#hold-set');
  await page.locator('#hold-reference-error').waitFor();
  await page.fill('#hold-reference', reference);
  await page.click('#hold-set');
  await page.locator('#hold-reason-error').waitFor();
  assert.equal(await page.inputValue('#hold-reference'), reference, 'the reference is kept');
  await assertNoViolations(page, 'legal holds with errors');
  await page.fill('#hold-reason', 'Ombudsman investigation 24 001 234');
  await page.click('#hold-set');
  await page.locator(`td:text-is("${reference}")`).waitFor();
  await assertNoViolations(page, 'legal holds, one');

  await page.click('a:text("Back to personal data")');
  await headingIs(page, 'Personal data');
  await page.fill('#person-email', 'huw@example.com');
  await page.click('#person-search');
  await page.locator('#results-heading:text-is("1 case found")').waitFor();
  await page.click(`a:has-text("Erase"):has-text("${reference}")`);
  await headingIs(page, `Erase the personal data of ${reference}`);
  await assertNoViolations(page, 'erase');
  await page.fill('#erase-reason', "The resident's request of 20 November 2026");
  await page.click('#erase-confirm');
  await page.locator('#error-summary:has-text("legal hold")').waitFor();
  assert.match(await page.locator('#error-summary').textContent(), /Ombudsman investigation 24 001 234/);
  assert.equal(await page.inputValue('#erase-reason'), "The resident's request of 20 November 2026");
  await assertNoViolations(page, 'erase refused by a hold');

  await page.evaluate(() => {
    history.pushState(null, '', '/console/personal-data/holds');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await headingIs(page, 'Legal holds');
  await page.click(`button[aria-label="Lift the hold on ${reference}"]`);
  await page.locator('text=No case is held.').waitFor();

  await page.evaluate((r) => {
    history.pushState(null, '', `/console/personal-data/erase/${r}`);
    dispatchEvent(new PopStateEvent('popstate'));
  }, reference);
  await headingIs(page, `Erase the personal data of ${reference}`);
  await page.fill('#erase-reason', "The resident's request of 20 November 2026");
  await page.click('#erase-confirm');
  await headingIs(page, 'Personal data');
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /has been erased/);
  await page.fill('#person-email', 'huw@example.com');
  await page.click('#person-search');
  await page.locator('#results-heading:text-is("No cases found")').waitFor();
  await page.close();
});

test('an officer is refused the personal data pages', async () => {
  const page = await signedIn('officer');
  assert.equal(await page.locator('.moj-sub-navigation__link', { hasText: 'Personal data' }).count(), 0);
  await page.evaluate(() => {
    history.pushState(null, '', '/console/personal-data');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await headingIs(page, 'You do not have access to this page');
  await page.close();
});
