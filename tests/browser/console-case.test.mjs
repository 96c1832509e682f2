// The case page's duties in Chromium on the local server: a stage 1 complaint acknowledged
// and answered with its response previewed, then the resident's email found in the
// server's outbox; an extension with its notice previewed; stage 2 refused to the stage 1
// handler and assigned to another officer; not accepting with the Ombudsman route; the
// Ombudsman's referral and decision. axe-core on each screen, with and without errors,
// and screenshots of the case page at 1280 and 768 px.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ARTIFACTS, actOn, axeViolations, londonToday, logCase, outboxEmail, startBrowser, startServer,
} from './harness.mjs';

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

/** A fresh page signed in as `name`, on the case `ref`. */
async function openCase(ref, name) {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink({ name }));
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

const tomorrow = () => new Date(Date.now() + 86_400_000);

test('a stage 1 complaint is acknowledged and answered, the response previewed, and the resident gets it by email', async () => {
  const ref = await logCase(server, { whatHappened: 'The crew missed my bin three weeks running on Heol y Bont.' });
  const page = await openCase(ref, 'Nia Rowlands');
  await assertNoViolations(page, 'case, received');
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await banner(page, 'Case acknowledged');

  // Previewing with no reasons: the errors, and no preview.
  await page.getByRole('button', { name: 'Preview the response' }).click();
  await page.locator('#error-summary a[href="#respond-reasons"]').waitFor();
  assert.equal(await page.locator('#respond-preview').count(), 0);
  await assertNoViolations(page, 'response preview with errors');

  const reasons = 'The crew missed your street; they have been told to collect every Tuesday.';
  const actions = 'We will deliver a new bin by Friday.';
  await page.locator('#respond-outcome').selectOption('partly_upheld');
  await page.locator('#respond-reasons').fill(reasons);
  await page.locator('#respond-remedy-apology').check();
  await page.locator('#respond-remedy-action').check();
  await page.locator('#respond-outstanding_actions').fill(actions);
  await page.locator('#respond-learning').fill('INTERNAL: the Tuesday round sheet was wrong.');
  await page.getByRole('button', { name: 'Preview the response' }).click();
  const preview = page.locator('#respond-preview');
  await preview.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'respond-preview-title');
  const previewed = await preview.textContent();
  assert.match(previewed, /The resident, rhian@example\.com/);
  assert.ok(previewed.includes(reasons), previewed);
  assert.ok(previewed.includes(actions), previewed);
  assert.doesNotMatch(previewed, /INTERNAL/, 'learning is never sent to the resident');
  const subject = (await preview.locator('dt:text-is("Subject") + dd').textContent()).trim();
  assert.equal(await page.locator('#case-status').textContent(), 'Acknowledged', 'a preview changes nothing');
  await assertNoViolations(page, 'response previewed');

  await page.getByRole('button', { name: 'Record response' }).click();
  await banner(page, 'Response recorded');
  assert.equal(await page.locator('#case-status').textContent(), 'Responded');
  const main = await page.locator('main').textContent();
  assert.match(main, /Remedies\s*Apology, Action/);
  assert.ok(main.includes(actions));

  // The resident's email, as the delivery job wrote it: the response is the case's 3rd version.
  const email = await outboxEmail(server, `demo-${ref}-v3-resident`);
  assert.match(email.headers, /^To: rhian@example\.com$/m);
  assert.ok(email.headers.includes(`Subject: ${subject}`), `subject ${subject} in\n${email.headers}`);
  assert.ok(email.body.replace(/\s+/g, ' ').includes(reasons), email.body);
  assert.doesNotMatch(email.body, /INTERNAL/);

  await page.close();

  // The case, opened again, lists every message sent on its timeline: subject, to whom.
  const again = await openCase(ref, 'Nia Rowlands');
  const timeline = await again.locator('#timeline').textContent();
  assert.ok(timeline.includes(`Email sent: ${subject}`), timeline);
  assert.match(timeline, /To rhian@example\.com/);
  assert.match(timeline, /Email sent: .*acknowledg/i, 'the acknowledgement too');
  await assertNoViolations(again, 'case with its messages');
  await again.close();
});

test('an extension notice is previewed with the new date, the reason and the Ombudsman, then sent', async () => {
  const ref = await logCase(server, { whatHappened: 'A case whose response needs more time.' });
  const acked = await actOn(server, ref, { action: 'acknowledge', on: londonToday() });
  const respondBy = new Date(`${acked.case.stage1.respond_by}T12:00:00Z`);
  const page = await openCase(ref, 'Owain Davies');

  // Past the cap: refused on the date, the reason kept.
  await fillDate(page, 'extend', new Date(respondBy.getTime() + 400 * 86_400_000));
  await page.locator('#extend-reason').fill('We are waiting for the contractor’s report.');
  await page.getByRole('button', { name: 'Preview the notice' }).click();
  await page.locator('#error-summary a[href="#extend-date-day"]').waitFor();
  assert.equal(await page.locator('#extend-reason').inputValue(), 'We are waiting for the contractor’s report.');
  await assertNoViolations(page, 'extension preview refused');

  const to = new Date(respondBy.getTime() + 7 * 86_400_000);
  await fillDate(page, 'extend', to);
  await page.getByRole('button', { name: 'Preview the notice' }).click();
  const preview = page.locator('#extend-preview');
  await preview.waitFor();
  const text = await preview.textContent();
  const long = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(to);
  assert.ok(text.includes(long), `${long} in ${text}`);
  assert.ok(text.includes('We are waiting for the contractor’s report.'), text);
  assert.match(text, /Local Government and Social Care Ombudsman/);
  assert.match(text, /0300 061 0614/);
  assert.equal(await page.locator('#error-summary').count(), 0, 'the errors went');
  await assertNoViolations(page, 'extension previewed');

  await page.getByRole('button', { name: 'Extend', exact: true }).click();
  await banner(page, 'Response date extended');
  assert.match(await page.locator('main').textContent(), /Extended\s*From .* to .*contractor/);
  await page.close();
});

test('after escalation the stage 1 handler is refused stage 2 before sending, and another officer is assigned', async () => {
  const ref = await logCase(server, { whatHappened: 'A case that goes to stage 2.' });
  const page = await openCase(ref, 'Pat Moss');
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await banner(page, 'Case acknowledged');
  await page.locator('#respond-reasons').fill('We will collect the bin on Friday.');
  await page.getByRole('button', { name: 'Record response' }).click();
  await banner(page, 'Response recorded');
  await page.getByRole('button', { name: 'Escalate' }).click();
  await banner(page, 'Case escalated to stage 2');

  // The assign form says who may not take it, and refuses them before anything is sent.
  const note = page.locator('.govuk-inset-text', { hasText: "stage 1's handler" });
  await note.waitFor();
  assert.match(await note.textContent(), /pat-moss/);
  await page.locator('#assign-officer').fill('pat-moss');
  await page.getByRole('button', { name: 'Assign' }).click();
  await page.locator('#error-summary a[href="#assign-officer"]', { hasText: 'pat-moss handled stage 1' }).waitFor();
  assert.match(await page.locator('#assign-officer-error').textContent(), /Error:/);
  assert.equal(await page.locator('#assign-officer').inputValue(), 'pat-moss', 'what was typed is kept');
  await assertNoViolations(page, 'stage 2 assignment refused');

  await page.locator('#assign-officer').fill('ben-morgan');
  await page.getByRole('button', { name: 'Assign' }).click();
  await banner(page, 'Case assigned');
  assert.match(await page.locator('main').textContent(), /Assigned to\s*ben-morgan/);
  await assertNoViolations(page, 'stage 2 assigned');
  await page.close();
});

test('not accepting a complaint names the Ombudsman route and takes the date it was decided', async () => {
  const ref = await logCase(server, { whatHappened: 'A matter for a statutory appeal, not a complaint.' });
  const page = await openCase(ref, 'Rhys Parry');
  await page.locator('#reason-what').selectOption('not_accept');
  const route = page.locator('#not-accept-route');
  await route.waitFor();
  assert.match(await route.textContent(), /Ombudsman.*0300 061 0614/s);
  await page.locator('#reason-reason').fill('A parking fine: appeal to the adjudicator.');
  await fillDate(page, 'reason', tomorrow());
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.locator('#error-summary a[href="#reason-date-day"]').waitFor();
  // The ground is asked for too: the report counts refusals by it.
  await page.locator('#error-summary a[href="#reason-ground"]').waitFor();
  assert.match(await page.locator('#reason-ground-error').textContent(), /Select why it is not accepted/);
  assert.equal(await page.locator('#reason-reason').inputValue(), 'A parking fine: appeal to the adjudicator.');
  await assertNoViolations(page, 'not accepted, future date');

  await page.locator('#reason-ground').selectOption('statutory_appeal');
  await fillDate(page, 'reason', new Date());
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await banner(page, 'Case updated');
  assert.equal(await page.locator('#case-status').textContent(), 'Not accepted');
  await page.getByText('Not accepted: a right of appeal or review applies').first().waitFor();
  await page.close();
});

test('the Ombudsman referral and decision are recorded; the case page is photographed at 1280 and 768 px', async () => {
  const ref = await logCase(server, { whatHappened: 'A case the resident took to the Ombudsman.' });
  await actOn(server, ref, { action: 'acknowledge', on: londonToday() });
  await actOn(server, ref, { action: 'respond', response: {
    responded_on: londonToday(), outcome: 'not_upheld', reasons: 'The bin was collected on time.',
    remedies: ['explanation'], learning: null, outstanding_actions: null, responder: null,
  } });
  const page = await openCase(ref, 'Sian Hughes');
  assert.equal(await page.locator('#refer-ombudsman').inputValue(), 'lgsco', "the council's Ombudsman is chosen");
  await fillDate(page, 'refer', tomorrow());
  await page.getByRole('button', { name: 'Record the referral' }).click();
  await page.locator('#error-summary a[href="#refer-date-day"]').waitFor();
  await assertNoViolations(page, 'referral with errors');

  await fillDate(page, 'refer', new Date());
  await page.getByRole('button', { name: 'Record the referral' }).click();
  await banner(page, 'Referral to the Ombudsman recorded');
  assert.match(await page.locator('main').textContent(), /Referred to\s*Local Government and Social Care Ombudsman/);

  await page.locator('#decision-decision').selectOption('fault_with_injustice');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await banner(page, "The Ombudsman's decision recorded");
  assert.match(await page.locator('main').textContent(), /Decision\s*Fault with injustice/);
  assert.match(await page.locator('#timeline').textContent(), /Ombudsman's decision recorded\s*by sian-hughes/);
  await assertNoViolations(page, 'Ombudsman decided');

  await mkdir(ARTIFACTS, { recursive: true });
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(ARTIFACTS, `console-case-${width}.png`), fullPage: true });
  }
  await page.close();
});
