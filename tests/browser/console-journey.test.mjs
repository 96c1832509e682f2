// The "done when", as one journey in Chromium on the local server started as
// `cargo xtask run` starts it: the officer opens the sign-in link the server prints; a
// resident sends a complaint through the demo page's widget in another tab; the officer
// finds it in the queue, acknowledges it and answers stage 1; the resident asks for
// stage 2 from the widget's "Check progress" page; the officer is told before sending
// that stage 2 cannot go to them, and assigns it to Ben Morgan, who opens the case from
// the link in his assignment email, answers stage 2 and closes the case. Every email the
// resident and the officers get is read from the outbox's `.eml` files. Officer work is
// done in the console's pages only, never through the API. axe-core on each new screen;
// screenshots at 1280 px under target/browser/. Then a complaint not accepted from the
// console, and the resident's letter with the reason and the Ombudsman route.

import assert from 'node:assert/strict';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ARTIFACTS, axeViolations, completeForm, logCase, readEmail, startBrowser, startServer, w,
  waitForMounted,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await startBrowser({ viewport: { width: 1280, height: 900 } });
  await mkdir(ARTIFACTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function assertNoViolations(page, screen) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 2)}`);
}

const shot = (page, name) => page.screenshot({
  path: path.join(ARTIFACTS, `console-journey-${name}-1280.png`), fullPage: true,
});

const heading = (page) => page.locator('#main-heading');
const banner = (page, text) => page.locator('.govuk-notification-banner', { hasText: text }).waitFor();

/**
 * The emails about `ref` in the outbox, once there are at least `count`: each with its id,
 * the case version that queued it, whom it is for (`resident`, `assigned`), and its
 * headers and body. The server's own job writes them every minute; the `reminders`
 * command sends what is queued at once, as that job would, so the test need not wait.
 */
async function emailsAbout(ref, count) {
  const dir = path.join(server.data, 'outbox');
  const pattern = new RegExp(`^demo-${ref}-v(\\d+)-([a-z]+)\\.eml$`);
  let found = [];
  for (let i = 0; i < 60; i++) {
    server.reminders();
    const names = (await readdir(dir).catch(() => [])).filter((n) => pattern.test(n));
    if (names.length >= count) {
      found = await Promise.all(names.map(async (name) => {
        const [, version, what] = name.match(pattern);
        const email = readEmail(await readFile(path.join(dir, name), 'utf8'));
        return { id: name.replace(/\.eml$/, ''), version: Number(version), what, ...email };
      }));
      return found.sort((a, b) => a.version - b.version);
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  assert.fail(`fewer than ${count} emails about ${ref} in ${dir} after 60 s`);
}

const flat = (text) => text.replace(/\s+/g, ' ');
const subject = (email) => email.headers.match(/^Subject: (.*)$/m)?.[1] ?? '';
const to = (email) => email.headers.match(/^To: (.*)$/m)?.[1] ?? '';

/** Opens the case `ref` from the queue's search, as an officer looking for it would. */
async function findInQueue(page, ref) {
  await page.locator('.moj-sub-navigation__link', { hasText: 'Cases' }).click();
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Cases');
  await page.locator('#filter-q').fill(ref);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const link = page.locator(`tbody a:text-is("${ref}")`);
  await link.waitFor();
  await link.click();
  await page.waitForFunction((r) => document.querySelector('#main-heading')?.textContent === r, ref);
  await page.locator('#case-status').waitFor();
}

test('a new user signs in with the printed link, and a complaint from the demo page is worked through both stages to closed in the console alone', async () => {
  // 1. The link `cargo xtask run` prints, opened by the officer.
  const printed = server.printed().match(/Console sign-in:\s+(\S+)/);
  assert.ok(printed, `no sign-in link in the banner:\n${server.printed()}`);
  const officer = await browser.context.newPage();
  await officer.goto(printed[1]);
  await officer.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Cases');
  assert.match(await officer.locator('.moj-identity-bar').textContent(), /Demo Officer, Demo Borough Council \(officer\)/);
  await assertNoViolations(officer, 'queue, signed in');

  // 2. The resident, in another tab, sends a complaint from the demo page's widget.
  const resident = await browser.context.newPage();
  await resident.goto(server.url);
  await waitForMounted(resident);
  const ref = await completeForm(resident, { kind: 'complaint' });
  assert.match(ref, /^DEMO-\d{4}-\d{6}$/);
  const code = (await w(resident, '#cf-status-token').textContent()).trim();
  assert.ok(code.length > 0, 'the resident is given a code to check progress');

  // 3. The officer finds it in the queue and acknowledges it.
  await findInQueue(officer, ref);
  assert.equal(await officer.locator('#case-status').textContent(), 'Received');
  assert.match(await officer.locator('main').textContent(), /A complaint from the browser tests\./);
  await assertNoViolations(officer, 'case, received');
  await shot(officer, 'received');
  await officer.getByRole('button', { name: 'Acknowledge' }).click();
  await banner(officer, 'Case acknowledged');
  assert.equal(await officer.locator('#case-status').textContent(), 'Acknowledged');
  await assertNoViolations(officer, 'case, acknowledged');

  // 4. Stage 1's response: outcome and reasons.
  const reasons1 = 'The crew missed your street on the Tuesday round; they have been told to collect every week.';
  await officer.locator('#respond-outcome').selectOption('partly_upheld');
  await officer.locator('#respond-reasons').fill(reasons1);
  await officer.getByRole('button', { name: 'Record response' }).click();
  await banner(officer, 'Response recorded');
  assert.equal(await officer.locator('#case-status').textContent(), 'Responded');
  await assertNoViolations(officer, 'case, stage 1 answered');
  await shot(officer, 'stage-1-responded');

  // The resident's emails so far: received (on sending), acknowledged, and the response.
  let emails = await emailsAbout(ref, 3);
  assert.deepEqual(emails.map((e) => e.what), ['resident', 'resident', 'resident']);
  for (const email of emails) assert.equal(to(email), 'rhian@example.com');
  assert.ok(subject(emails[1]).includes(`We have received your complaint – ${ref}`), subject(emails[1]));
  assert.match(flat(emails[1].body), /We have logged your complaint at stage 1/);
  assert.ok(subject(emails[2]).includes(`Our stage 1 response to your complaint – ${ref}`), subject(emails[2]));
  const response1 = flat(emails[2].body);
  assert.ok(response1.includes(reasons1), response1);
  assert.match(response1, /We have partly upheld your complaint/i);
  assert.match(response1, /You can ask for your complaint to be considered at stage 2/);

  // 5. The resident asks for stage 2 from the widget's "Check progress" page.
  await resident.reload();
  await waitForMounted(resident);
  await w(resident, '.cf-root button.cf-link-button >> text=Tell us something else').click();
  await w(resident, '#cf-progress-link').click();
  await w(resident, '#cf-case-reference').fill(ref);
  await w(resident, '#cf-case-code').fill(code);
  await w(resident, '#cf-check-progress').click();
  await w(resident, '#cf-progress').waitFor();
  assert.match(await w(resident, '#cf-progress').textContent(), /We have responded.*Stage 1/s);
  await assertNoViolations(resident, 'widget, progress with a review offered');
  await w(resident, '#cf-escalate').click();
  await resident.waitForFunction(() => /Stage 2/.test(document.querySelector('council-feedback').shadowRoot.getElementById('cf-progress')?.textContent ?? ''));
  emails = await emailsAbout(ref, 4);
  const received2 = emails[3];
  assert.equal(to(received2), 'rhian@example.com');
  assert.ok(subject(received2).includes(`We have received your request for stage 2 – ${ref}`), subject(received2));
  assert.match(flat(received2.body), /A different officer, who was not involved at stage 1, will review your complaint/);

  // 6. The officer sees stage 2, is told before sending that it cannot be theirs, and
  // assigns it to Ben Morgan.
  await findInQueue(officer, ref);
  assert.equal(await officer.locator('#case-status').textContent(), 'Received');
  assert.match(await officer.locator('main').textContent(), /Stage 2/);
  const note = officer.locator('.govuk-inset-text', { hasText: "stage 1's handler" });
  await note.waitFor();
  assert.match(await note.textContent(), /demo-officer/);
  await assertNoViolations(officer, 'case, stage 2 received');
  await officer.locator('#assign-officer').fill('demo-officer');
  await officer.getByRole('button', { name: 'Assign' }).click();
  await officer.locator('#error-summary a[href="#assign-officer"]', { hasText: 'demo-officer handled stage 1' }).waitFor();
  assert.equal(await officer.locator('#assign-officer').inputValue(), 'demo-officer', 'what was typed is kept');
  assert.match(await officer.locator('main').textContent(), /Assigned to\s*Nobody/, 'nothing was sent');
  await assertNoViolations(officer, 'case, stage 2 refused to the stage 1 handler');
  await shot(officer, 'stage-2-refused');
  await officer.locator('#assign-officer').fill('ben-morgan');
  await officer.getByRole('button', { name: 'Assign' }).click();
  await banner(officer, 'Case assigned');
  assert.match(await officer.locator('main').textContent(), /Assigned to\s*ben-morgan/);
  await assertNoViolations(officer, 'case, stage 2 assigned');

  // Ben's assignment email links to the case in the console.
  emails = await emailsAbout(ref, 5);
  const assigned = emails.find((e) => e.what === 'assigned');
  assert.ok(assigned, emails.map((e) => e.id).join(', '));
  assert.equal(to(assigned), 'ben.morgan@demo.example');
  assert.ok(subject(assigned).includes('assigned'), subject(assigned));
  const assignedText = flat(assigned.body);
  assert.match(assignedText, /This is a stage 2 review/);
  assert.ok(!assignedText.includes('rhian@example.com') && !assignedText.includes('Rhian Evans'),
    'no personal data in an officer email');
  const deepLink = assignedText.match(/http:\/\/\S+\/console\/cases\/[A-Z0-9-]+/)?.[0];
  assert.equal(deepLink, `${server.origin}/console/cases/${ref}`);

  // 7. Ben opens the case from his email, signing in with a link of his own on the way.
  const ben = await browser.context.newPage();
  const benCode = server.signInLink({ name: 'Ben Morgan' }).split('#')[1];
  await ben.goto(`${deepLink}#${benCode}`);
  await ben.waitForFunction((r) => document.querySelector('#main-heading')?.textContent === r, ref);
  await ben.locator('#case-status').waitFor();
  assert.match(await ben.locator('.moj-identity-bar').textContent(), /Ben Morgan/);
  assert.ok(!ben.url().includes('signin='), 'the spent code leaves the address');
  await ben.getByRole('button', { name: 'Acknowledge' }).click();
  await banner(ben, 'Case acknowledged');
  const reasons2 = 'We reviewed the round sheets: the street was left off in error, and it has been added back.';
  await ben.locator('#respond-outcome').selectOption('upheld');
  await ben.locator('#respond-reasons').fill(reasons2);
  await ben.getByRole('button', { name: 'Record response' }).click();
  await banner(ben, 'Response recorded');
  assert.equal(await ben.locator('#case-status').textContent(), 'Responded');
  await assertNoViolations(ben, 'case, stage 2 answered');
  await ben.getByRole('button', { name: 'Close the case' }).click();
  await banner(ben, 'Case closed');
  assert.equal(await ben.locator('#case-status').textContent(), 'Closed');
  await assertNoViolations(ben, 'case, closed');
  await shot(ben, 'closed');

  // The resident's stage 2 emails: acknowledged, then the final response and the Ombudsman.
  emails = await emailsAbout(ref, 7);
  assert.deepEqual(emails.map((e) => e.what),
    ['resident', 'resident', 'resident', 'resident', 'assigned', 'resident', 'resident'],
    'closing tells nobody');
  const resident2 = emails.slice(-2);
  for (const email of resident2) assert.equal(to(email), 'rhian@example.com');
  // Stage 2's acknowledgement is stage 2's letter, with its dates, not stage 1's.
  assert.ok(subject(resident2[0]).includes(`stage 2 – ${ref}`), subject(resident2[0]));
  assert.match(flat(resident2[0].body), /Stage: Stage 2/);
  assert.ok(subject(resident2[1]).includes(`Our final response to your complaint (stage 2) – ${ref}`), subject(resident2[1]));
  const final = flat(resident2[1].body);
  assert.ok(final.includes(reasons2), final);
  assert.match(final, /This is our final response/);
  assert.match(final, /Local Government and Social Care Ombudsman, PO Box 4771, Coventry CV4 0EH/);

  // The case's timeline lists every email sent, as the officer sees it.
  const timeline = await ben.locator('#timeline').textContent();
  for (const email of emails) {
    assert.ok(timeline.includes(`Email sent: ${subject(email)}`), `${subject(email)} in\n${timeline}`);
  }
  await Promise.all([officer.close(), resident.close(), ben.close()]);
});

test('a complaint not accepted in the console sends the resident the reason and the Ombudsman route', async () => {
  const ref = await logCase(server, { whatHappened: 'A parking fine I think is unfair.' });
  const page = await browser.context.newPage();
  await page.goto(server.signInLink({ name: 'Rhys Parry' }));
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Cases');
  await findInQueue(page, ref);
  await page.locator('#reason-what').selectOption('not_accept');
  const route = page.locator('#not-accept-route');
  await route.waitFor();
  assert.match(await route.textContent(), /sent a letter with this reason/);
  const reason = 'A parking fine is appealed to the Traffic Penalty Tribunal, not through a complaint.';
  await page.locator('#reason-ground').selectOption('statutory_appeal');
  await page.locator('#reason-reason').fill(reason);
  // The letter, previewed before it is sent: nothing changes yet.
  await page.getByRole('button', { name: 'Preview what is sent' }).click();
  const preview = page.locator('#reason-preview');
  await preview.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'reason-preview-title');
  const previewed = await preview.textContent();
  assert.ok(previewed.includes(reason), previewed);
  assert.match(previewed, /Local Government and Social Care Ombudsman/);
  assert.equal(await page.locator('#case-status').textContent(), 'Received', 'a preview changes nothing');
  await assertNoViolations(page, 'not accepting, previewed');
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await banner(page, 'Case updated');
  assert.equal(await page.locator('#case-status').textContent(), 'Not accepted');
  await assertNoViolations(page, 'case, not accepted');

  const emails = await emailsAbout(ref, 2);
  const letter = emails.at(-1);
  assert.equal(to(letter), 'rhian@example.com');
  assert.ok(subject(letter).includes(`We cannot take your complaint forward – ${ref}`), subject(letter));
  const body = flat(letter.body);
  assert.match(body, /cannot take it forward under our complaints procedure/);
  assert.ok(body.includes(reason), body);
  assert.match(body, /Local Government and Social Care Ombudsman, PO Box 4771, Coventry CV4 0EH/);
  assert.match(body, /0300 061 0614/);
  await page.close();
});
