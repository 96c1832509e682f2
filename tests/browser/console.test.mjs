// The officer console in Chromium on the local server: signing in with a one-time link
// from `feedback signin`, the queue, a case with its actions and timeline, errors shown
// GOV.UK-style, the keyboard alone, and axe-core's WCAG 2.2 AA checks on every screen.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  actOn, axeViolations, londonToday, logCase, startBrowser, startServer,
} from './harness.mjs';

let server;
let browser;
let reference;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  reference = await logCase(server, { whatHappened: 'A case logged from a phone call, for the console tests.' });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function assertNoViolations(page, screen) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 2)}`);
}

const mainHeading = (page) => page.locator('#main-heading');

/** A fresh page signed in with a new link; resolves once the queue shows. */
async function signedIn(options) {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink(options));
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Cases');
  return page;
}

test('a sign-in link signs the officer in, once, and the queue shows the case', async () => {
  const link = server.signInLink({ name: 'Ann Jones' });
  const page = await browser.context.newPage();
  await page.goto(link);
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Cases');
  assert.ok(!page.url().includes('signin='), 'the spent code stays out of the address bar');
  await page.locator('.moj-identity-bar', { hasText: 'Demo Borough Council' }).waitFor();
  assert.match(await page.locator('.moj-identity-bar').textContent(), /Ann Jones, Demo Borough Council \(officer\)/);
  const row = page.locator('tbody tr', { has: page.locator(`a:text-is("${reference}")`) });
  await row.waitFor();
  assert.match(await row.textContent(), /Complaint/);
  assert.equal(await page.locator('.moj-sub-navigation__link[aria-current=page]').textContent(), 'Cases');
  await assertNoViolations(page, 'queue');

  // The same link again: refused, and said so.
  const again = await browser.context.newPage();
  await again.goto(link);
  await again.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'You could not be signed in');
  assert.match(await again.locator('.govuk-error-summary').textContent(), /expired or has been used/);
  await assertNoViolations(again, 'sign-in refused');

  // Signing out drops the token.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Sign in');
  await assertNoViolations(page, 'signed out');
  await page.close();
  await again.close();
});

test('an officer opens a case, acknowledges it and adds a note, and sees both on the timeline', async () => {
  const page = await signedIn({ name: 'Ben Morgan' });
  await page.locator(`a:text-is("${reference}")`).click();
  await page.waitForFunction((r) => document.querySelector('#main-heading')?.textContent === r, reference);
  await page.locator('#case-status').waitFor();
  assert.ok(page.url().endsWith(`/console/cases/${reference}`));
  assert.match(await page.locator('main').textContent(), /A case logged from a phone call/);
  assert.match(await page.locator('main').textContent(), /rhian@example\.com/);
  await assertNoViolations(page, 'case');

  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'Case acknowledged' }).waitFor();
  assert.equal(await page.locator('#case-status').textContent(), 'Acknowledged');

  await page.locator('#note-note').fill('Rang the resident to say the crew will call.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'Note added' }).waitFor();
  const timeline = await page.locator('#timeline').textContent();
  assert.match(timeline, /Acknowledged/);
  assert.match(timeline, /Rang the resident to say the crew will call\./);
  assert.equal(await page.locator('#note-note').inputValue(), '', 'the sent note is cleared');
  await assertNoViolations(page, 'case after actions');
  await page.close();
});

test('an empty note shows the error summary and the field error, and nothing is sent', async () => {
  const page = await signedIn();
  await page.locator(`a:text-is("${reference}")`).click();
  await page.locator('#case-status').waitFor();
  const before = await page.locator('#timeline .moj-timeline__item').count();

  await page.getByRole('button', { name: 'Add note' }).click();

  const summary = page.locator('#error-summary');
  await summary.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  assert.match(await summary.textContent(), /There is a problem/);
  const link = summary.locator('a[href="#note-note"]');
  assert.equal(await link.count(), 1);
  assert.match(await page.locator('#note-note-error').textContent(), /Error:/);
  assert.equal(await page.locator('#note-note').getAttribute('aria-describedby'), 'note-note-hint note-note-error');
  assert.equal(await page.locator('#timeline .moj-timeline__item').count(), before);
  await assertNoViolations(page, 'case with errors');

  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'note-note');
  await page.close();
});

test('the acknowledge journey works with the keyboard alone', async () => {
  const fresh = await logCase(server, { whatHappened: 'A second case, acknowledged with the keyboard.' });
  const page = await signedIn({ name: 'Cai Price' });
  const tabTo = async (check, what) => {
    for (let i = 0; i < 60; i++) {
      if (await page.evaluate(check)) return;
      await page.keyboard.press('Tab');
    }
    assert.fail(`could not reach ${what} with Tab`);
  };
  await tabTo(new Function(`return document.activeElement?.textContent === ${JSON.stringify(fresh)}`), fresh);
  await page.keyboard.press('Enter');
  await page.waitForFunction((r) => document.querySelector('#main-heading')?.textContent === r, fresh);
  await page.locator('#case-status').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-heading');
  await tabTo(() => document.activeElement?.textContent === 'Acknowledge', 'the Acknowledge button');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  const shadow = await page.evaluate(() => getComputedStyle(document.activeElement).boxShadow);
  assert.ok(outline !== 'none' || shadow !== 'none', 'focus is visible on the button');
  await page.keyboard.press('Enter');
  await page.locator('.govuk-notification-banner', { hasText: 'Case acknowledged' }).waitFor();
  assert.equal(await page.locator('#case-status').textContent(), 'Acknowledged');
  await page.close();
});

test('when someone else changed the case first, the officer is told and keeps what they typed', async () => {
  const fresh = await logCase(server, { whatHappened: 'A third case, worked by two officers at once.' });
  const page = await signedIn({ name: 'Dee Hughes' });
  await page.locator(`a:text-is("${fresh}")`).click();
  await page.locator('#case-status').waitFor();

  // Meanwhile another officer acknowledges it through the API.
  await actOn(server, fresh, { action: 'acknowledge', on: londonToday() });

  await page.locator('#assign-officer').fill('ben-morgan');
  await page.getByRole('button', { name: 'Assign' }).click();
  await page.locator('#error-summary', { hasText: 'Someone else changed this case' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#case-status')?.textContent === 'Acknowledged');
  assert.equal(await page.locator('#assign-officer').inputValue(), 'ben-morgan');
  await assertNoViolations(page, 'case after a conflict');

  // Sent again against the case as it now is, it lands.
  await page.getByRole('button', { name: 'Assign' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'Case assigned' }).waitFor();
  assert.match(await page.locator('main').textContent(), /Assigned to\s*ben-morgan/);
  await page.close();
});

test('a case received by letter is logged through the form, after its errors are shown', async () => {
  const page = await signedIn({ name: 'Eli Rees' });
  await page.locator('.moj-sub-navigation__link', { hasText: 'Log a case' }).click();
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Log a case');
  await page.locator('#log-service option[value=waste]').waitFor({ state: 'attached' });
  await assertNoViolations(page, 'log a case');

  await page.getByRole('button', { name: 'Log the case' }).click();
  const summary = page.locator('#error-summary');
  await summary.waitFor();
  for (const id of ['log-kind', 'log-service', 'log-what_happened', 'log-name']) {
    assert.equal(await summary.locator(`a[href="#${id}"]`).count(), 1, id);
  }
  await assertNoViolations(page, 'log a case with errors');

  await page.locator('#log-channel').selectOption('letter');
  await page.locator('#log-kind').selectOption('complaint');
  await page.locator('#log-service').selectOption('waste');
  await page.locator('#log-what_happened').fill('A letter about the missed bins on Heol y Dderwen.');
  await page.locator('#log-put_right').fill('Collect them.');
  await page.locator('#log-name').fill('Gareth Lloyd');
  await page.locator('#log-email').fill('gareth@example.com');
  await page.getByRole('button', { name: 'Log the case' }).click();

  await page.locator('.govuk-notification-banner', { hasText: /Case DEMO-\d{4}-\d{6} logged/ }).waitFor();
  await page.locator('#case-status').waitFor();
  assert.match(await page.locator('main').textContent(), /A letter about the missed bins/);
  assert.match(await page.locator('.govuk-caption-m').textContent(), /Letter/);
  await page.close();
});

test('a response is recorded with its reasons, and the case closed', async () => {
  const fresh = await logCase(server, { whatHappened: 'A fourth case, answered and closed in the console.' });
  const page = await signedIn({ name: 'Fay Owen' });
  await page.locator(`a:text-is("${fresh}")`).click();
  await page.locator('#case-status').waitFor();
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'Case acknowledged' }).waitFor();

  await page.getByRole('button', { name: 'Record response' }).click();
  const summary = page.locator('#error-summary');
  await summary.locator('a[href="#respond-reasons"]').waitFor();
  await assertNoViolations(page, 'response with errors');

  await page.locator('#respond-outcome').selectOption('partly_upheld');
  await page.locator('#respond-reasons').fill('The crew missed your street; they will collect on Friday.');
  await page.getByRole('button', { name: 'Record response' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'Response recorded' }).waitFor();
  assert.equal(await page.locator('#case-status').textContent(), 'Responded');
  assert.match(await page.locator('#timeline').textContent(), /Partly upheld: The crew missed your street/);

  await page.getByRole('button', { name: 'Close the case' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'Case closed' }).waitFor();
  assert.equal(await page.locator('#case-status').textContent(), 'Closed');
  await assertNoViolations(page, 'closed case');
  await page.close();
});

test('the token lives in memory only: nothing is stored, and a reload asks to sign in again', async () => {
  const page = await signedIn({ name: 'Gwen Ward' });
  const stored = await page.evaluate(() => ({
    local: Object.keys(localStorage).length,
    session: Object.keys(sessionStorage).length,
    cookies: document.cookie,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookies: '' });
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Sign in');
  await page.close();
});

test('the queue filters by status', async () => {
  const fresh = await logCase(server, { whatHappened: 'A fifth case, left as received for the filters.' });
  const acknowledged = await logCase(server, { whatHappened: 'A sixth case, acknowledged for the filters.' });
  await actOn(server, acknowledged, { action: 'acknowledge', on: londonToday() });
  const page = await signedIn({ name: 'Huw Bevan' });
  await page.locator(`a:text-is("${fresh}")`).waitFor();
  await page.locator('#filter-status').selectOption('acknowledged');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  // The list is fetched again: the received case goes, the acknowledged one stays.
  await page.waitForFunction(([gone, kept]) => {
    const links = [...document.querySelectorAll('tbody a')].map((a) => a.textContent);
    return !links.includes(gone) && links.includes(kept);
  }, [fresh, acknowledged]);
  for (const status of await page.locator('tbody tr td:nth-child(4)').allTextContents()) {
    assert.match(status, /^Acknowledged/);
  }
  await assertNoViolations(page, 'filtered queue');
  await page.close();
});

test('a case is withdrawn with its reason', async () => {
  const fresh = await logCase(server, { whatHappened: 'A seventh case, which the resident withdraws.' });
  const page = await signedIn({ name: 'Ifan Jenkins' });
  await page.locator(`a:text-is("${fresh}")`).click();
  await page.locator('#case-status').waitFor();

  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.locator('#error-summary a[href="#reason-reason"]').waitFor();

  await page.locator('#reason-what').selectOption('withdraw');
  await page.locator('#reason-reason').fill('The resident rang to say the bin was collected.');
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'Case updated' }).waitFor();
  assert.equal(await page.locator('#case-status').textContent(), 'Withdrawn');
  assert.match(await page.locator('#timeline').textContent(), /Withdrawn\s*by ifan-jenkins/);
  await page.close();
});

test('at 320 px the page does not scroll sideways, the queue scrolls in its own pane, and axe finds nothing', async () => {
  const narrow = await startBrowser({ viewport: { width: 320, height: 640 } });
  try {
    const page = await narrow.context.newPage();
    await page.goto(server.signInLink({ name: 'Jac Powell' }));
    await page.locator(`a:text-is("${reference}")`).waitFor();
    const widths = () => page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    const [scroll, client] = await widths();
    assert.ok(scroll <= client, `the queue scrolls sideways: ${scroll} > ${client}`);
    const pane = page.locator('.moj-scrollable-pane');
    assert.equal(await pane.getAttribute('tabindex'), '0');
    await assertNoViolations(page, 'queue at 320 px');
    await page.locator(`a:text-is("${reference}")`).click();
    await page.locator('#case-status').waitFor();
    const [caseScroll, caseClient] = await widths();
    assert.ok(caseScroll <= caseClient, `the case scrolls sideways: ${caseScroll} > ${caseClient}`);
    await assertNoViolations(page, 'case at 320 px');
  } finally {
    await narrow.close();
  }
});

test('stage 2 cannot go to the stage 1 handler, and the form says so before it is sent', async () => {
  const fresh = await logCase(server, { whatHappened: 'An eighth case, escalated after its stage 1 response.' });
  await actOn(server, fresh, { action: 'acknowledge', on: londonToday() });
  const page = await signedIn({ name: 'Kit Lewis' });
  await page.locator(`a:text-is("${fresh}")`).click();
  await page.locator('#case-status').waitFor();
  await page.locator('#respond-reasons').fill('We will collect the bin on Friday.');
  await page.getByRole('button', { name: 'Record response' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'Response recorded' }).waitFor();

  const note = page.locator('.govuk-inset-text', { hasText: "stage 1's handler" });
  await note.waitFor();
  assert.match(await note.textContent(), /kit-lewis/);
  await page.locator('#escalate-officer').fill('kit-lewis');
  await page.getByRole('button', { name: 'Escalate' }).click();
  await page.locator('#error-summary a[href="#escalate-officer"]', { hasText: 'kit-lewis handled stage 1' }).waitFor();
  assert.equal(await page.locator('#case-status').textContent(), 'Responded', 'nothing was sent');
  await assertNoViolations(page, 'stage 2 handler refused');

  await page.locator('#escalate-officer').fill('ben-morgan');
  await page.getByRole('button', { name: 'Escalate' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'Case escalated to stage 2' }).waitFor();
  assert.match(await page.locator('main').textContent(), /Assigned to\s*ben-morgan/);
  await page.close();
});

test('the response date is extended with a reason; a date past the cap is refused on its field', async () => {
  const fresh = await logCase(server, { whatHappened: 'A ninth case, whose response needs longer.' });
  await actOn(server, fresh, { action: 'acknowledge', on: londonToday() });
  const r = await fetch(`${server.origin}/v1/councils/demo/cases/${fresh}`, {
    headers: { authorization: `Bearer ${server.token()}` },
  });
  const respondBy = new Date(`${(await r.json()).case.stage1.respond_by}T12:00:00Z`);
  const fill = async (date) => {
    await page.locator('#extend-date-day').fill(String(date.getUTCDate()));
    await page.locator('#extend-date-month').fill(String(date.getUTCMonth() + 1));
    await page.locator('#extend-date-year').fill(String(date.getUTCFullYear()));
  };
  const page = await signedIn({ name: 'Lowri Evans' });
  await page.locator(`a:text-is("${fresh}")`).click();
  await page.locator('#case-status').waitFor();

  await fill(new Date(respondBy.getTime() + 400 * 86_400_000));
  await page.locator('#extend-reason').fill('Waiting for the contractor.');
  await page.getByRole('button', { name: 'Extend' }).click();
  await page.locator('#error-summary a[href="#extend-date-day"]').waitFor();
  assert.match(await page.locator('#extend-date-error').textContent(), /Error:/);
  assert.equal(await page.locator('#extend-reason').inputValue(), 'Waiting for the contractor.', 'the reason is kept');
  await assertNoViolations(page, 'extension refused');

  await fill(new Date(respondBy.getTime() + 7 * 86_400_000));
  await page.getByRole('button', { name: 'Extend' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'Response date extended' }).waitFor();
  assert.match(await page.locator('#timeline').textContent(), /Extended\s*by lowri-evans/);
  await page.close();
});

test('a service request offers only what applies to it, and promoted it becomes a complaint', async () => {
  const fresh = await logCase(server, { whatHappened: 'Please collect my bin: a service request.', kind: 'service_request' });
  const page = await signedIn({ name: 'Mari Hopkins' });
  await page.locator(`a:text-is("${fresh}")`).click();
  await page.locator('#case-status').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Acknowledge' }).count(), 0);
  assert.deepEqual(await page.locator('#reason-what option').allTextContents(), ['Withdrawn by the resident']);
  await assertNoViolations(page, 'service request');

  await page.getByRole('button', { name: 'Promote' }).click();
  await page.locator('.govuk-notification-banner', { hasText: 'Promoted to a complaint' }).waitFor();
  assert.match(await page.locator('.govuk-caption-m').textContent(), /^Complaint/);
  await page.getByRole('button', { name: 'Acknowledge' }).waitFor();
  await page.close();
});
