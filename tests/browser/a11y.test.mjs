// axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) on every page of the form, with and without
// errors, in English and Welsh, inline and in the launcher's dialog. Also the parts of
// WCAG 2.2 AA axe cannot judge alone: target sizes, reflow at 320px and 200% zoom, focus
// that stays visible in forced colours.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  axeViolations, focusedId, heading, next, servePage, startBrowser, startServer, testPage, w,
  waitForMounted,
} from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function noViolations(page, where) {
  const violations = await axeViolations(page);
  if (violations.length) console.log(where, JSON.stringify(violations, null, 2));
  assert.deepEqual(violations.map((v) => v.id), [], `axe violations on ${where}`);
}

/** Opens the widget in `mode` and `lang` on a test page. */
async function open(page, { lang, mode }) {
  const url = `${server.origin}/test/${lang}-${mode}.html`;
  await servePage(page, url, testPage({ lang, attrs: ` mode="${mode}"` }));
  await page.goto(url);
  if (mode === 'launcher') await w(page, 'button.cf-launcher').click();
  else await page.locator('council-feedback').scrollIntoViewIfNeeded();
  await waitForMounted(page);
}

for (const lang of ['en', 'cy']) {
  for (const mode of ['inline', 'launcher']) {
    test(`axe finds nothing on any page, with and without errors (${lang}, ${mode})`, async () => {
      const browser = await startBrowser({ viewport: { width: 390, height: 844 } });
      try {
        const page = await browser.page();
        await open(page, { lang, mode });
        const step = async (name, fill, { errors = true } = {}) => {
          await noViolations(page, name);
          if (errors) {
            await w(page, '#cf-continue').click();
            await w(page, '#cf-error-summary').waitFor();
            await noViolations(page, `${name} with errors`);
          }
          await fill();
          await next(page);
        };
        await step('kind', () => w(page, 'input[name=kind][value=complaint]').check());
        await step('service', () => w(page, 'input[name=service][value=waste]').check());
        await step('triage', async () => {}, { errors: false });
        await step('details', async () => {
          await w(page, '#cf-what_happened').fill('The bin was missed.');
          await w(page, '#cf-put_right').fill('Collect it.');
          await w(page, '#cf-when_happened').fill('1');
          await w(page, '#cf-when_happened-month').fill('1');
          await w(page, '#cf-when_happened-year').fill('2020');
        });
        await step('about', async () => {
          await w(page, '#cf-on-behalf').check();
          await noViolations(page, 'about, for someone else');
          await w(page, '#cf-on-behalf').uncheck();
          await w(page, '#cf-name').fill('Rhian Evans');
          await w(page, '#cf-email').fill('rhian@example.com');
        });
        await step('adjustments', () => w(page, '#cf-need-8').check(), { errors: false });
        // "Something else" needs words: the error state of the support page.
        if ((await heading(page).textContent()).match(/support|gymorth/i)) {
          await noViolations(page, 'adjustments with errors');
          await w(page, '#cf-adjustments').fill('Please call after 4pm.');
          await next(page);
        }
        await step('equality', () => w(page, 'input[name=eq-age][value="65_plus"]').check(), { errors: false });
        await noViolations(page, 'check your answers');
        await w(page, '#cf-send').click();
        await w(page, '#cf-reference').waitFor({ timeout: 30_000 });
        await noViolations(page, 'confirmation');
        assert.equal(await focusedId(page), 'cf-step-heading');
      } finally {
        await browser.close();
      }
    });
  }
}

test('targets are at least 24 by 24 CSS pixels, and nothing scrolls sideways at 320px or 200% zoom', async () => {
  for (const viewport of [{ width: 320, height: 640 }, { width: 640, height: 400 }]) {
    const browser = await startBrowser({ viewport });
    try {
      const page = await browser.page();
      await page.goto(server.url);
      await waitForMounted(page);
      for (let i = 0; i < 3; i++) {
        const small = await page.evaluate(() => {
          const root = document.querySelector('council-feedback').shadowRoot;
          return Array.from(root.querySelectorAll('button, input:not([tabindex="-1"]), select, textarea, .cf-back'))
            .filter((el) => el.getClientRects().length && !el.closest('.cf-trap'))
            .map((el) => ({ id: el.id || el.className, r: el.getBoundingClientRect() }))
            .filter(({ r }) => r.width < 24 || r.height < 24)
            .map(({ id, r }) => `${id} ${r.width}x${r.height}`);
        });
        assert.deepEqual(small, [], `small targets at ${viewport.width}px`);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px at ${viewport.width}px`);
        if (i === 0) { await w(page, 'input[name=kind][value=compliment]').check(); await next(page); }
        else if (i === 1) { await w(page, 'input[name=service][value=waste]').check(); await next(page); }
      }
    } finally {
      await browser.close();
    }
  }
});

test('focus stays visible in forced colours, and motion is off when reduced motion is asked for', async () => {
  const browser = await startBrowser();
  try {
    const page = await browser.page();
    await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
    await page.goto(server.url);
    await waitForMounted(page);
    await w(page, '#cf-continue').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const style = await w(page, '#cf-continue').evaluate((el) => {
      const s = getComputedStyle(el);
      return { outline: s.outlineStyle, width: parseFloat(s.outlineWidth), transition: s.transitionDuration };
    });
    assert.notEqual(style.outline, 'none');
    assert.ok(style.width >= 2, `outline ${style.width}px`);
    assert.equal(style.transition, '0s');
    await noViolations(page, 'forced colours');
  } finally {
    await browser.close();
  }
});
