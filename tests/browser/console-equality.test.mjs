// The equality monitoring line of the console's reports page in Chromium on the local
// server: answers sent through the public route, as the widget sends them, counted in the
// manager's report; a council with fewer than 5 shows "Fewer than 5" and no rate; axe-core's
// WCAG 2.2 AA checks on the page, one council and a partnership.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, logCase, startBrowser, startServer } from './harness.mjs';

let server;
let browser;

/** One resident's answers, sent to the public route as the widget sends them. */
async function answer(council, answers) {
  const r = await fetch(`${server.origin}/v1/councils/${council}/equality`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(answers),
  });
  assert.equal(r.status, 202, await r.text());
}

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  const token = server.token();
  for (let n = 0; n < 10; n += 1) {
    await logCase(server, { whatHappened: `A complaint for the equality figures, ${n}.`, token });
  }
  for (let n = 0; n < 6; n += 1) await answer('demo', { age: '25_44', sex: 'prefer_not_to_say' });
  for (let n = 0; n < 3; n += 1) await answer('aberwen', { disability: 'no' });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(options) {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink(options));
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Cases');
  await page.locator('.moj-sub-navigation__link', { hasText: 'Reports' }).click();
  await page.locator('#report-figures').waitFor();
  return page;
}

/** The cells of the report table's row headed `name`. */
async function figure(page, name) {
  const row = page.locator('#report-figures tbody tr', { has: page.locator(`th:text-is("${name}")`) });
  return row.locator('td').allTextContents();
}

async function assertNoViolations(page, screen) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 2)}`);
}

test('a manager sees how many gave equality answers and the rate', async () => {
  const page = await signedIn({ name: 'Mo Manager', role: 'manager' });
  assert.deepEqual(await figure(page, 'Equality monitoring responses'), ['6']);
  // Ten cases received this calendar year (and none next), six sets of answers.
  assert.deepEqual(await figure(page, 'Equality monitoring response rate'), ['60%']);
  assert.match(await page.locator('main').textContent(), /kept by calendar year only/);
  await assertNoViolations(page, 'reports with equality figures');
  await page.close();
});

test('a partnership shows fewer than 5 for a council with three, and no rate', async () => {
  const page = await signedIn({ council: ['demo', 'aberwen'], name: 'Pat Partner', role: 'manager' });
  await page.waitForFunction(() => document.querySelectorAll('#report-figures thead th').length === 3);
  const councils = (await page.locator('#report-figures thead th').allTextContents()).slice(1);
  const responses = await figure(page, 'Equality monitoring responses');
  const rates = await figure(page, 'Equality monitoring response rate');
  const by = (values) => Object.fromEntries(councils.map((c, i) => [c, values[i]]));
  assert.deepEqual(by(responses), { 'Demo Borough Council': '6', 'Aberwen County Council': 'Fewer than 5' });
  assert.deepEqual(by(rates), { 'Demo Borough Council': '60%', 'Aberwen County Council': 'Not shown' });
  await assertNoViolations(page, 'partnership reports with equality figures');
  await page.close();
});
