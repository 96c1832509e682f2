// The officer console's queue at more than one page: thirty cases logged through the API,
// then filters, search by name and by reference, a sorted column, Next and Previous by
// cursor, Back restoring the queue, a deep-linked filtered queue, and axe-core on each.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, logCase, startBrowser, startServer } from './harness.mjs';

let server;
let browser;
/** The logged cases, oldest receipt first: { reference, name, channel, kind }. */
const logged = [];
const CASES = 30;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  const token = server.token();
  for (let i = 0; i < CASES; i++) {
    // Received a day apart, the oldest 30 days ago; every fifth by letter, every third a comment.
    const at = new Date(Date.now() - (CASES - i) * 86_400_000);
    const made = {
      name: `Person${i} Queue`,
      channel: i % 5 === 0 ? 'letter' : 'phone',
      kind: i % 3 === 0 ? 'comment' : 'complaint',
    };
    const reference = await logCase(server, {
      whatHappened: `Case ${i} of the queue tests.`,
      kind: made.kind,
      channel: made.channel,
      receivedAt: at,
      name: made.name,
      email: `person${i}@example.com`,
      token,
    });
    logged.push({ ...made, reference });
  }
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function assertNoViolations(page, screen) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 2)}`);
}

/** A fresh page signed in with a new link, at `query` (`?…`) if given; resolves once
 * the queue's table shows. */
async function signedIn(name, query = '') {
  const page = await browser.context.newPage();
  await page.goto(server.signInLink({ name }).replace('/console/#', `/console/${query}#`));
  await page.waitForFunction(() => document.querySelector('#main-heading')?.textContent === 'Cases');
  await page.locator('tbody tr, p:text("No cases match.")').first().waitFor();
  return page;
}

const rows = (page) => page.locator('tbody tr td:first-child a').allTextContents();

/** Waits until the table's references are `expected` (in order, or as a set). */
async function waitForRows(page, expected, { ordered = true } = {}) {
  try {
    await page.waitForFunction(([want, ordered]) => {
      const got = [...document.querySelectorAll('tbody tr td:first-child a')].map((a) => a.textContent);
      if (got.length !== want.length) return false;
      return ordered ? got.every((r, i) => r === want[i]) : want.every((r) => got.includes(r));
    }, [expected, ordered]);
  } catch (e) {
    assert.deepEqual(await rows(page), expected, e.message);
  }
}

test('Next and Previous page through the queue by cursor, and Back restores a page', async () => {
  const page = await signedIn('Kay Morgan');
  assert.equal((await rows(page)).length, 25);
  assert.match(await page.locator('caption').textContent(), /25 cases on this page/);
  const first = await rows(page);
  await assertNoViolations(page, 'queue, first page');

  await page.locator('.govuk-pagination__next a').click();
  await page.waitForFunction((n) => document.querySelectorAll('tbody tr').length === n, CASES - 25);
  assert.match(page.url(), /[?&]cursor=/);
  const second = await rows(page);
  assert.equal(new Set([...first, ...second]).size, CASES, 'no case on both pages, none missing');
  assert.equal(await page.locator('.govuk-pagination__next').count(), 0, 'the last page has no Next');
  await assertNoViolations(page, 'queue, second page');

  await page.locator('.govuk-pagination__prev a').click();
  await waitForRows(page, first);
  assert.doesNotMatch(page.url(), /cursor=/);
  await page.goBack();
  await waitForRows(page, second);
  await page.goBack();
  await waitForRows(page, first);
  await page.close();
});

test('a column header sorts the queue, each way, and says how with aria-sort', async () => {
  const page = await signedIn('Lois Rees');
  const received = page.locator('th', { hasText: 'Received' });
  await received.locator('a').click();
  // Newest receipt first, then oldest first.
  const newest = logged.slice(-25).reverse().map((c) => c.reference);
  await waitForRows(page, newest);
  assert.equal(await received.getAttribute('aria-sort'), 'descending');
  assert.equal(await page.locator('th', { hasText: 'Next due' }).getAttribute('aria-sort'), 'none');
  assert.match(page.url(), /sort=received&order=desc/);
  await assertNoViolations(page, 'queue sorted by receipt');
  await received.locator('a').click();
  await waitForRows(page, logged.slice(0, 25).map((c) => c.reference));
  assert.equal(await received.getAttribute('aria-sort'), 'ascending');
  await page.close();
});

test('search finds a case by name and by reference', async () => {
  const page = await signedIn('Mali Price');
  const wanted = logged[7];
  await page.locator('#filter-q').fill('person7');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await waitForRows(page, [wanted.reference]);
  assert.match(page.url(), /q=person7/);
  await assertNoViolations(page, 'queue searched by name');
  await page.locator('#filter-q').fill(logged[12].reference.toLowerCase());
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await waitForRows(page, [logged[12].reference]);
  await page.locator('#filter-q').fill('nobody-has-this-word');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.locator('p:text("No cases match.")').waitFor();
  await page.close();
});

test('filters narrow the queue, and bad dates are shown GOV.UK-style and kept', async () => {
  const page = await signedIn('Nia Lloyd');
  // The counts come apart from the page and are shown beside each option.
  const comments = logged.filter((c) => c.kind === 'comment').length;
  await page.locator('#filter-status option', { hasText: `Open (not finished) (${CASES})` }).waitFor({ state: 'attached' });
  assert.equal(await page.locator('#filter-kind option[value=comment]').textContent(), `Comment (${comments})`);
  await page.locator('#filter-channel').selectOption('letter');
  await page.locator('#filter-assigned-unassigned').check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const letters = logged.filter((c) => c.channel === 'letter').map((c) => c.reference);
  await waitForRows(page, letters, { ordered: false });
  assert.match(page.url(), /channel=letter/);
  assert.match(page.url(), /unassigned=true/);
  await assertNoViolations(page, 'queue filtered by channel');

  await page.locator('#filter-received-from').fill('2026-13-45');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.locator('#error-summary a[href="#filter-received-from"]').waitFor();
  assert.equal(await page.locator('#filter-received-from').inputValue(), '2026-13-45', 'what was typed stays');
  assert.equal(await page.locator(':focus').getAttribute('id'), 'error-summary');
  await assertNoViolations(page, 'queue filters with an error');
  await page.close();
});

test('a deep link opens the filtered queue after sign-in, with its filters shown', async () => {
  const query = '?overdue=false&stage=1&channel=letter';
  const page = await signedIn('Osian Hughes', query);
  // What the API answers to the same query is what the page shows: recent letter
  // complaints (the older ones are overdue, unacknowledged).
  const r = await fetch(`${server.origin}/v1/councils/demo/cases${query}`, {
    headers: { authorization: `Bearer ${server.token()}` },
  });
  const expected = (await r.json()).cases.map((c) => c.reference);
  const letterComplaints = logged.filter((c) => c.channel === 'letter' && c.kind === 'complaint');
  assert.ok(expected.length > 0 && expected.length < letterComplaints.length, `${expected}`);
  await waitForRows(page, expected);
  assert.match(page.url(), /\/console\/\?overdue=false&stage=1&channel=letter$/);
  assert.equal(await page.locator('#filter-stage').inputValue(), '1');
  assert.equal(await page.locator('#filter-channel').inputValue(), 'letter');
  await page.locator('.moj-filter__tag', { hasText: 'Not overdue' }).waitFor();
  await assertNoViolations(page, 'deep-linked queue');
  // Removing the tag keeps the other filters.
  await page.locator('.moj-filter__tag', { hasText: 'Not overdue' }).click();
  await page.waitForFunction(() => !location.search.includes('overdue'));
  assert.match(page.url(), /stage=1/);
  await page.close();
});
