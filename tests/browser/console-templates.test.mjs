// Response templates in Chromium on the local server: a manager adds one (refused first
// for an unknown placeholder, with what was typed kept), changes it while a colleague
// changes it too (told, shown theirs, nothing lost), and removes another; an officer cannot
// reach the page but starts a stage 1 response from the template, filled from the case in
// the resident's language, and the resident's email in the outbox carries it. axe-core on
// each screen, with and without errors.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, axeViolations, logCase, outboxEmail, startBrowser, startServer } from './harness.mjs';

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
  (t) => document.querySelector('#main-heading')?.textContent === t, text);

/** A fresh page signed in as `name` with `role`, on the queue. */
async function signIn(name, role) {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink({ name, role }));
  await headingIs(page, 'Cases');
  return page;
}

/** The resident's email `id` from the outbox, sent at once (the server's own job would
 * within a minute), its body on one line. */
async function outboxBody(id) {
  server.reminders();
  return (await outboxEmail(server, id)).body.replace(/\s+/g, ' ');
}

async function templatesPage(page) {
  await page.locator('.moj-sub-navigation__link', { hasText: 'Templates' }).click();
  await headingIs(page, 'Response templates');
}

const ENGLISH = 'Dear ((name)),\nWe are sorry your bin was missed ((( reference ))). The crew will collect it.';
const WELSH = 'Annwyl ((name)),\nMae’n ddrwg gennym ((reference)).';

test('a manager adds a template, refused first on the field that is wrong, and sees it listed', async () => {
  const page = await signIn('Ben Morgan', 'manager');
  await templatesPage(page);
  await page.locator('text=There are no templates yet.').waitFor();
  await assertNoViolations(page, 'templates, none');

  await page.getByRole('link', { name: 'Add a template' }).click();
  await headingIs(page, 'Add a response template');
  await page.locator('#template-text').fill('Dear ((nmae)), sorry.');
  await page.locator('#template-text_cy').fill(WELSH);
  await page.getByRole('button', { name: 'Save the template' }).click();
  const summary = page.locator('#error-summary');
  await summary.locator('a[href="#template-title"]').waitFor();
  assert.match(await summary.locator('a[href="#template-text"]').textContent(), /\(\(nmae\)\) is not a placeholder: use one of \(\(name\)\)/);
  assert.equal(await page.locator('#template-text').inputValue(), 'Dear ((nmae)), sorry.', 'what was typed is kept');
  assert.equal(await page.locator('#template-text_cy').inputValue(), WELSH);
  await page.locator('summary', { hasText: 'Placeholders you can use' }).click();
  await page.locator('code', { hasText: '((respond_by))' }).waitFor();
  await assertNoViolations(page, 'add a template, with errors');

  await page.locator('#template-title').fill('Missed bin: apology');
  await page.locator('#template-text').fill(ENGLISH);
  await page.getByRole('button', { name: 'Save the template' }).click();
  await headingIs(page, 'Response templates');
  await page.locator('.govuk-notification-banner', { hasText: 'Template ‘Missed bin: apology’ saved' }).waitFor();
  const row = page.locator('tbody tr', { hasText: 'Missed bin: apology' });
  assert.match(await row.textContent(), /Yes.*by ben-morgan/);
  await assertNoViolations(page, 'templates, one');
  await mkdir(ARTIFACTS, { recursive: true });
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(ARTIFACTS, `console-templates-${width}.png`), fullPage: true });
  }
  await page.close();
});

test('two managers change one template at once: the second is told and loses nothing', async () => {
  const first = await signIn('Ben Morgan', 'manager');
  const second = await signIn('Catrin Hughes', 'manager');
  for (const page of [first, second]) {
    await templatesPage(page);
    await page.getByRole('link', { name: /Change\s+Missed bin: apology/ }).click();
    await headingIs(page, 'Change a response template');
    await page.waitForFunction(() => (document.querySelector('#template-title')?.value ?? '') !== '');
  }
  await first.locator('#template-title').fill('Missed bin: apology and collection');
  await first.getByRole('button', { name: 'Save the template' }).click();
  await headingIs(first, 'Response templates');

  const mine = 'Missed bin: short apology';
  await second.locator('#template-title').fill(mine);
  await second.getByRole('button', { name: 'Save the template' }).click();
  await second.locator('#error-summary', { hasText: 'Someone changed this template since you opened it' }).waitFor();
  assert.equal(await second.locator('#template-title').inputValue(), mine, 'the typing is kept');
  assert.match(await second.locator('#template-theirs').textContent(), /as ben-morgan saved it.*Missed bin: apology and collection/s);
  await assertNoViolations(second, 'template changed by a colleague');
  // Saved again, knowingly, over theirs.
  await second.getByRole('button', { name: 'Save the template' }).click();
  await headingIs(second, 'Response templates');
  await second.locator('tbody tr', { hasText: mine }).waitFor();
  await first.close();
  await second.close();
});

test('officers cannot manage templates but start a response from one, in the resident’s language', async () => {
  const officer = await signIn('Nia Rowlands', 'officer');
  assert.equal(await officer.locator('.moj-sub-navigation__link', { hasText: 'Templates' }).count(), 0);
  // The address typed in (within the app, as a reload would sign out: the token is in
  // memory only).
  await officer.evaluate(() => {
    history.pushState(null, '', '/console/templates');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await headingIs(officer, 'You do not have access to this page');

  for (const [language, name, expected] of [
    ['en', 'Sam Evans', /^Dear Sam Evans,\nWe are sorry your bin was missed \(DEMO-\d{4}-\d{6}\)\. The crew will collect it\.$/],
    ['cy', 'Siân Lewis', /^Annwyl Siân Lewis,\nMae’n ddrwg gennym DEMO-\d{4}-\d{6}\.$/],
  ]) {
    const ref = await logCase(server, { name, language, email: 'resident@example.com' });
    await officer.locator('.moj-sub-navigation__link', { hasText: 'Cases' }).click();
    await headingIs(officer, 'Cases');
    await officer.locator(`a:text-is("${ref}")`).click();
    await headingIs(officer, ref);
    await officer.getByRole('button', { name: 'Acknowledge' }).click();
    await officer.locator('.govuk-notification-banner', { hasText: 'Case acknowledged' }).waitFor();

    await officer.locator('#respond-reasons').fill('We spoke to you on the phone.');
    await officer.locator('#respond-template').selectOption({ label: 'Missed bin: short apology' });
    await officer.getByRole('button', { name: 'Use this template' }).click();
    await officer.waitForFunction(() => document.activeElement?.id === 'respond-reasons');
    const reasons = await officer.locator('#respond-reasons').inputValue();
    const [typed, filled] = reasons.split('\n\n');
    assert.equal(typed, 'We spoke to you on the phone.', 'what was typed stays first');
    assert.match(filled, expected);
    assert.ok(filled.includes(ref), filled);
    assert.match(await officer.locator('#respond-template-status').textContent(), /is in the reasons/);
    await assertNoViolations(officer, `respond form with a template (${language})`);
    if (language === 'cy') {
      await officer.locator('#respond-template').scrollIntoViewIfNeeded();
      await officer.screenshot({ path: path.join(ARTIFACTS, 'console-respond-template-1280.png') });
    }

    await officer.getByRole('button', { name: 'Record response' }).click();
    await officer.locator('.govuk-notification-banner', { hasText: 'Response recorded' }).waitFor();
    const body = await outboxBody(`demo-${ref}-v3-resident`);
    assert.ok(body.includes(filled.replace(/\s+/g, ' ')), `${filled}\nin\n${body}`);
  }
  await officer.close();
});

test('a manager removes a template after confirming', async () => {
  const page = await signIn('Ben Morgan', 'manager');
  await templatesPage(page);
  await page.getByRole('link', { name: 'Add a template' }).click();
  await page.locator('#template-title').fill('Out of date');
  await page.locator('#template-text').fill('Dear ((name)), this wording is retired.');
  await page.getByRole('button', { name: 'Save the template' }).click();
  await headingIs(page, 'Response templates');
  await page.getByRole('link', { name: /Change\s+Out of date/ }).click();
  await headingIs(page, 'Change a response template');
  await page.waitForFunction(() => document.querySelector('#template-title')?.value === 'Out of date');
  await page.getByRole('button', { name: 'Remove the template' }).click();
  await page.locator('.govuk-warning-text', { hasText: 'Remove ‘Out of date’?' }).waitFor();
  await assertNoViolations(page, 'removing a template');
  await page.getByRole('button', { name: 'Yes, remove it' }).click();
  await headingIs(page, 'Response templates');
  await page.locator('.govuk-notification-banner', { hasText: 'Template ‘Out of date’ removed' }).waitFor();
  assert.equal(await page.locator('tbody tr', { hasText: 'Out of date' }).count(), 0);
  await page.locator('tbody tr', { hasText: 'Missed bin: short apology' }).waitFor();
  await page.close();
});
