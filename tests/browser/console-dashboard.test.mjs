// The console's dashboard, reports and configuration in Chromium on the local server:
// from the dashboard to the overdue cases, a message that really failed (the server
// sends through an SMTP port where nothing listens) sent again, a manager's report
// downloaded and read, a partnership side by side, an officer refused the managers'
// pages, and axe-core's WCAG 2.2 AA checks on every screen, with and without errors.

import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ARTIFACTS, axeViolations, isoSeconds, logCase, startBrowser, startServer,
} from './harness.mjs';

let server;
let browser;
let smtp;
let overdue;

/** A loopback port where nothing listens: every SMTP send fails with "refused". */
async function closedPort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const DAY = 86_400_000;

before(async () => {
  smtp = `127.0.0.1:${await closedPort()}`;
  server = await startServer({ args: ['--smtp', smtp] });
  browser = await startBrowser();
  // Received six weeks ago and never acknowledged: overdue.
  overdue = await logCase(server, {
    whatHappened: 'A complaint for the dashboard tests.', receivedAt: new Date(Date.now() - 42 * DAY),
  });
  await logCase(server, { whatHappened: 'A complaint for the dashboard tests.' });
  // The sender tries on later and later days until it gives up on what is queued.
  for (let day = 1; day <= 10; day += 1) {
    server.reminders({ at: isoSeconds(new Date(Date.now() + day * DAY)), smtp });
  }
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function undelivered() {
  const r = await fetch(`${server.origin}/v1/councils/demo/outbox/undelivered`, {
    headers: { authorization: `Bearer ${server.token()}` },
  });
  assert.equal(r.status, 200);
  return r.json();
}

async function assertNoViolations(page, screen) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 2)}`);
}

const heading = (page) => page.locator('#main-heading');

async function signedIn(options) {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink(options));
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Cases');
  return page;
}

/** Follows a sub navigation link, as an officer would. */
async function section(page, name, headingText = name) {
  await page.locator('.moj-sub-navigation__link', { hasText: name }).click();
  await page.waitForFunction((h) => document.querySelector('#main-heading')?.textContent === h, headingText);
}

/** Goes to a console address without reloading (a reload would sign out). */
async function visit(page, address) {
  await page.evaluate((a) => {
    history.pushState(null, '', a);
    dispatchEvent(new PopStateEvent('popstate'));
  }, address);
}

async function screenshots(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, `${name} at ${width} px scrolls sideways (${wide} px)`);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('from the dashboard an officer finds the overdue cases', async () => {
  const page = await signedIn();
  await section(page, 'Dashboard');
  const figure = page.locator('#figure-overdue a');
  await figure.waitFor();
  assert.match(await figure.textContent(), /^[1-9]\d* overdue$/, 'the count, and for screen readers what it counts');
  assert.equal(await figure.getAttribute('href'), '/console/?overdue=true');
  const stage1Received = page.locator('#open-cases td[data-status=received] a').first();
  const linked = new URL(await stage1Received.getAttribute('href'), server.origin);
  assert.equal(linked.pathname, '/console/');
  assert.deepEqual(Object.fromEntries(linked.searchParams), { stage: '1', status: 'received' });
  assert.equal(await stage1Received.textContent(), '2');
  await page.locator('#undelivered-messages').waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1280), 'no sideways scrolling');
  await assertNoViolations(page, 'dashboard');
  await screenshots(page, 'console-dashboard');

  await figure.click();
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Cases');
  assert.equal(new URL(page.url()).search, '?overdue=true');
  await page.locator(`a:text-is("${overdue}")`).waitFor();
  await page.close();
});

test('an undelivered message is listed, masked, and sent again with Retry', async () => {
  const before = await undelivered();
  assert.ok(before.length > 0, 'the failed sends were given up');
  assert.ok(before.every((m) => m.reason.startsWith('temporary failure')), JSON.stringify(before));
  const page = await signedIn();
  await section(page, 'Dashboard');
  const rows = page.locator('#undelivered-messages tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), before.length);
  assert.ok(!(await page.content()).includes('rhian@example.com'), 'addresses are masked');
  const id = await rows.first().getAttribute('data-id');
  await rows.first().getByRole('button', { name: /^Retry/ }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.govuk-notification-banner').waitFor();
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /will be sent again/);
  assert.equal(await rows.count(), before.length - 1);
  const afterRetry = await undelivered();
  assert.ok(!afterRetry.some((m) => m.id === id), 'no longer listed: it is queued again');
  await assertNoViolations(page, 'dashboard after a retry');
  await page.close();
});

test('a manager reads the report and downloads it as CSV and printable HTML', async () => {
  const page = await signedIn({ name: 'Mo Manager', role: 'manager' });
  await section(page, 'Reports');
  const table = page.locator('#report-figures');
  await table.waitFor();
  assert.match(await table.textContent(), /Demo Borough Council/);
  await assertNoViolations(page, 'reports');
  await screenshots(page, 'console-reports');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  assert.match(csv.suggestedFilename(), /^demo-complaints-report-\d{4}-04-01-to-\d{4}-03-31\.csv$/);
  const text = await readFile(await csv.path(), 'utf8');
  const lines = text.trim().split('\r\n');
  assert.equal(lines[0], 'council,period_from,period_to,section,measure,dimension,value');
  assert.ok(lines.slice(1).every((l) => l.startsWith('demo,')), 'every row is the council\'s');
  assert.ok(lines.some((l) => /,volumes,total,,2$/.test(l)), text.slice(0, 600));

  const [html] = await Promise.all([page.waitForEvent('download'), page.click('#download-html')]);
  assert.match(html.suggestedFilename(), /\.html$/);
  assert.match(await readFile(await html.path(), 'utf8'), /^<!doctype html>/i);

  // A year that is not one: GOV.UK errors, the typed value kept, still accessible.
  await page.fill('#report-year', 'twenty');
  await page.click('button:text("Show report")');
  await page.locator('#error-summary').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
  assert.match(await page.locator('#report-year-error').textContent(), /Enter the year/);
  assert.equal(await page.inputValue('#report-year'), 'twenty');
  await assertNoViolations(page, 'reports with errors');

  // A quarter.
  await page.fill('#report-year', '2026');
  await page.selectOption('#report-quarter', '3');
  await page.click('button:text("Show report")');
  await page.waitForFunction(() => /1 Oct 2026 to 31 Dec 2026/.test(document.querySelector('#report-figures caption')?.textContent ?? ''));
  await page.close();
});

test('a manager of several councils sees the partnership side by side and switches council', async () => {
  const page = await signedIn({ council: ['demo', 'aberwen'], name: 'Pat Partner', role: 'manager' });
  await section(page, 'Reports');
  const headers = page.locator('#report-figures thead th');
  await page.waitForFunction(() => document.querySelectorAll('#report-figures thead th').length === 3);
  assert.deepEqual((await headers.allTextContents()).slice(1).sort(), ['Aberwen County Council', 'Demo Borough Council'].sort());
  assert.match(await page.locator('#report-figures caption').textContent(), /partnership side by side/);
  await assertNoViolations(page, 'partnership reports');

  await page.selectOption('#council-switcher', 'aberwen');
  await section(page, 'Configuration');
  await page.locator('.govuk-summary-list').first().waitFor();
  assert.match(await page.locator('main').textContent(), /Aberwen/);
  await assertNoViolations(page, 'configuration');
  await page.close();
});

test('an officer is not offered the managers\' pages and is refused them', async () => {
  const page = await signedIn();
  const nav = await page.locator('.moj-sub-navigation').textContent();
  assert.ok(!/Reports|Configuration/.test(nav), nav);
  for (const address of ['/console/reports', '/console/configuration']) {
    await visit(page, address);
    await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'You do not have access to this page');
    await assertNoViolations(page, `no access at ${address}`);
  }
  const r = await fetch(`${server.origin}/v1/councils/demo/reports`, {
    headers: { authorization: `Bearer ${server.token()}` },
  });
  assert.equal(r.status, 403);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  await page.close();
});
