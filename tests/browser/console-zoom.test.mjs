// Every console screen at 200% zoom. A 1280 x 800 window zoomed to 200% lays pages out
// in a 640 x 400 CSS viewport (a device scale factor of 2 would only sharpen the pixels,
// not zoom), so the screens are drawn in a 640 px wide viewport: sign-in, the queue, a
// case, each action form with its errors shown, logging a case, the dashboard, reports,
// configuration and the response templates. On each: no sideways scrolling, the main
// heading and the primary buttons inside the window, nothing cut off, and axe-core's
// WCAG 2.2 AA checks clean.
// Screenshots under target/browser/console-zoom-*.png.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ARTIFACTS, actOn, axeViolations, londonToday, logCase, startBrowser, startServer,
} from './harness.mjs';

/** 1280 x 800 at 200%. */
const ZOOMED = { width: 640, height: 400 };

let server;
let browser;
let acknowledged;
let responded;

before(async () => {
  server = await startServer();
  browser = await startBrowser({ viewport: ZOOMED });
  await mkdir(ARTIFACTS, { recursive: true });
  acknowledged = await logCase(server, { whatHappened: 'A complaint for the zoom tests, acknowledged.' });
  await actOn(server, acknowledged, { action: 'acknowledge', on: londonToday() });
  responded = await logCase(server, { whatHappened: 'A complaint for the zoom tests, answered at stage 1.' });
  await actOn(server, responded, { action: 'acknowledge', on: londonToday() });
  await actOn(server, responded, { action: 'respond', response: {
    responded_on: londonToday(), outcome: 'not_upheld', reasons: 'The bin was collected on the day.',
    remedies: [], learning: null, outstanding_actions: null, responder: null,
  } });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * What is wrong with the page's layout at this width: the page scrolling sideways, any
 * box reaching past either edge of the window (unless it is inside a pane that scrolls
 * on its own, like the queue's table), and any box that clips its own content. Boxes of
 * a pixel or two are GOV.UK's visually hidden text, drawn for screen readers only.
 */
function layoutProblems(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const problems = [];
    const root = document.documentElement;
    if (root.scrollWidth > width) problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${width}`);
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    const scrollsOnItsOwn = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width <= 2 || box.height <= 2 || style.visibility === 'hidden') continue;
      if (scrollsOnItsOwn(el)) continue;
      if (box.left < -1 || box.right > width + 1) {
        problems.push(`${name(el)} spans ${Math.round(box.left)}..${Math.round(box.right)} px`);
      }
      if (['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`${name(el)} cuts off its content (${el.scrollWidth} > ${el.clientWidth} px)`);
      }
    }
    return problems;
  });
}

/** Whether `locator`'s box lies wholly inside the window's width. */
async function insideWidth(page, locator) {
  const box = await locator.boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= ZOOMED.width + 1;
}

/** The checks every screen gets at 200%, and its screenshot. */
async function assertZoomed(page, screen) {
  assert.deepEqual(await layoutProblems(page), [], `${screen} at 200%`);
  const heading = page.locator('#main-heading');
  assert.ok(await heading.isVisible(), `${screen}: the main heading is shown`);
  assert.ok(await insideWidth(page, heading), `${screen}: the main heading fits`);
  const buttons = page.locator('main .govuk-button:not(.govuk-button--secondary):not(.govuk-button--warning)');
  for (let i = 0; i < await buttons.count(); i++) {
    const button = buttons.nth(i);
    if (!await button.isVisible()) continue;
    assert.ok(await insideWidth(page, button), `${screen}: "${(await button.textContent()).trim()}" fits`);
  }
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 2)}`);
  const file = screen.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  await page.screenshot({ path: path.join(ARTIFACTS, `console-zoom-${file}.png`), fullPage: true });
}

async function signedIn(options) {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink(options));
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Cases');
  return page;
}

async function section(page, name) {
  await page.locator('.moj-sub-navigation__link', { hasText: name }).click();
  await page.waitForFunction((h) => document.querySelector('#main-heading')?.textContent === h, name);
}

async function openCase(page, ref) {
  await section(page, 'Cases');
  await page.locator(`a:text-is("${ref}")`).click();
  await page.waitForFunction((r) => document.querySelector('#main-heading')?.textContent === r, ref);
  await page.locator('#case-status').waitFor();
}

/** Sends a form as it stands (`button` names its submit button) and waits for the
 * error summary to link to `field`. */
async function refused(page, button, field) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.locator(`#error-summary a[href="#${field}"]`).waitFor();
}

test('at 200% zoom sign-in, the queue and a case fit the window and pass axe', async () => {
  const signedOut = await browser.context.newPage();
  await signedOut.goto(`${server.origin}/console/`);
  await signedOut.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Sign in');
  await assertZoomed(signedOut, 'sign in');
  await signedOut.close();

  const page = await signedIn({ name: 'Zoe Hall' });
  await page.locator(`a:text-is("${acknowledged}")`).waitFor();
  await assertZoomed(page, 'queue');
  await openCase(page, acknowledged);
  await assertZoomed(page, 'case');
  await page.close();
});

test('at 200% zoom every action form shows its errors without cutting anything off', async () => {
  const page = await signedIn({ name: 'Zoe Hall' });
  await openCase(page, acknowledged);
  await refused(page, 'Add note', 'note-note');
  await assertZoomed(page, 'note with errors');
  await refused(page, 'Assign', 'assign-officer');
  await assertZoomed(page, 'assign with errors');
  await refused(page, 'Record response', 'respond-reasons');
  await assertZoomed(page, 'response with errors');
  await page.locator('#extend-date-day').fill('31');
  await page.locator('#extend-date-month').fill('2');
  await page.locator('#extend-date-year').fill('2026');
  await refused(page, 'Extend', 'extend-date-day');
  await assertZoomed(page, 'extension with errors');
  await page.locator('#reason-what').selectOption('not_accept');
  await refused(page, 'Record', 'reason-reason');
  await assertZoomed(page, 'not accepted with errors');

  await openCase(page, responded);
  const note = await page.locator('.govuk-inset-text', { hasText: "stage 1's handler" }).textContent();
  const handler = note.match(/handler: ([a-z0-9-]+)/)[1];
  await page.locator('#escalate-officer').fill(handler);
  await refused(page, 'Escalate', 'escalate-officer');
  await assertZoomed(page, 'escalation with errors');
  const tomorrow = new Date(Date.now() + 86_400_000);
  await page.locator('#refer-date-day').fill(String(tomorrow.getUTCDate()));
  await page.locator('#refer-date-month').fill(String(tomorrow.getUTCMonth() + 1));
  await page.locator('#refer-date-year').fill(String(tomorrow.getUTCFullYear()));
  await refused(page, 'Record the referral', 'refer-date-day');
  await assertZoomed(page, 'referral with errors');
  await page.close();
});

test('at 200% zoom logging a case, the dashboard, reports, configuration and templates fit the window and pass axe', async () => {
  const page = await signedIn({ name: 'Mo Manager', role: 'manager' });
  await section(page, 'Log a case');
  await page.locator('#log-service option[value=waste]').waitFor({ state: 'attached' });
  await assertZoomed(page, 'log a case');
  await refused(page, 'Log the case', 'log-what_happened');
  await assertZoomed(page, 'log a case with errors');

  await section(page, 'Dashboard');
  await page.locator('#figure-overdue').waitFor();
  await assertZoomed(page, 'dashboard');

  await section(page, 'Reports');
  await page.locator('#report-figures').waitFor();
  await assertZoomed(page, 'reports');
  await page.fill('#report-year', 'twenty');
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.locator('#error-summary a[href="#report-year"]').waitFor();
  await assertZoomed(page, 'reports with errors');

  await section(page, 'Configuration');
  await page.locator('.govuk-summary-list').first().waitFor();
  await assertZoomed(page, 'configuration');

  await page.locator('.moj-sub-navigation__link', { hasText: 'Templates' }).click();
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Response templates');
  await page.getByRole('link', { name: 'Add a template' }).click();
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Add a response template');
  await page.locator('#template-text').fill('Dear ((nmae)),');
  await refused(page, 'Save the template', 'template-title');
  await page.locator('summary', { hasText: 'Placeholders you can use' }).click();
  await assertZoomed(page, 'add a template with errors');
  await page.locator('#template-title').fill('Zoomed');
  await page.locator('#template-text').fill('Dear ((name)), a template with a long enough text to wrap at 200% zoom.');
  await page.getByRole('button', { name: 'Save the template' }).click();
  await page.locator('tbody tr', { hasText: 'Zoomed' }).waitFor();
  await assertZoomed(page, 'templates');
  await page.close();
});
