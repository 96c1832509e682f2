// axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) on the demo page and a Welsh page, once the
// widget has mounted. axe looks inside open shadow roots.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, servePage, startBrowser, startServer, testPage, waitForMounted } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function check(open, afterMount = async () => {}) {
  const browser = await startBrowser();
  try {
    const page = await browser.page();
    await open(page);
    await waitForMounted(page);
    await afterMount(page);
    const violations = await axeViolations(page);
    if (violations.length) console.log(JSON.stringify(violations, null, 2));
    assert.deepEqual(violations.map((v) => v.id), [], 'axe violations');
  } finally {
    await browser.close();
  }
}

test('axe: the demo page with the widget mounted', () =>
  check((page) => page.goto(server.url)));

test('axe: the demo page showing an error message', () =>
  check((page) => page.goto(server.url), async (page) => {
    await page.locator('council-feedback').getByRole('button', { name: 'Check' }).click();
    await page.locator('council-feedback').locator('.cf-error').waitFor({ state: 'visible' });
  }));

test('axe: a Welsh page with the widget mounted', () =>
  check(async (page) => {
    const url = `${server.origin}/test/cy.html`;
    await servePage(page, url, testPage({ lang: 'cy' }));
    await page.goto(url);
  }));
