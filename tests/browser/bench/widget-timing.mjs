// How long a resident waits for the widget, in Debian's Chromium with the CPU slowed down
// (4x by default, through the DevTools protocol): from the click on the launcher to a
// form they can type into, against rendering the same page without the widget.
//
// Run by `cargo xtask bench widget` (which sets the CF_* variables harness.mjs reads);
// prints figures, never judges them. Not a test: `node --test` only collects files named
// like `*.test.mjs`, and `cargo xtask test` names its files explicitly.
//
//   node bench/widget-timing.mjs [--runs 5] [--rate 4]
//
// Each run gets a fresh browser with an empty profile, so the widget's files come from
// the server every time. The pages are served on the local server's own origin (so the
// widget's API calls are same-origin, as on a council's site) and differ only in the
// widget's script tag and element.

import { servePage, startBrowser, startServer, TIMEOUT } from '../harness.mjs';

const options = parseArgs(process.argv.slice(2));

/** A council's contact page; `widget` adds the loader and a launcher, nothing else. */
function councilPage(widget) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Contact us - Demo Council</title>
<style>
body { margin: 0; font: 19px/1.4 system-ui, sans-serif; color: #0b0c0c; }
header { background: #0b0c0c; color: #fff; padding: 12px 24px; }
header a { color: #fff; font-weight: bold; text-decoration: none; }
main { max-width: 960px; margin: 0 auto; padding: 24px; }
li { margin-bottom: 8px; }
</style>
${widget ? '<script src="/widget/widget.js" defer></script>\n' : ''}</head>
<body>
<header><a href="/">Demo Council</a></header>
<main>
<h1>Contact us</h1>
<p>You can contact us about council services, report a problem or tell us what you think
of a service you have used.</p>
<h2>Popular services</h2>
<ul>
<li><a href="/bins">Bins and recycling</a></li>
<li><a href="/council-tax">Council Tax</a></li>
<li><a href="/roads">Roads, parking and travel</a></li>
<li><a href="/housing">Housing</a></li>
</ul>
<h2>Opening hours</h2>
<p>Our offices are open Monday to Friday, 9am to 5pm, except on bank holidays.</p>
${widget ? '<council-feedback council="demo" mode="launcher"><p><a href="/contact">Contact the council</a></p></council-feedback>\n' : ''}</main>
</body>
</html>
`;
}

const server = await startServer();
const urls = {
  blank: `${server.origin}/bench/blank.html`,
  without: `${server.origin}/bench/without-widget.html`,
  with: `${server.origin}/bench/with-widget.html`,
};

try {
  const calibration = await calibrate();
  const without = [];
  const withWidget = [];
  process.stderr.write(`timing ${options.runs} runs of each page `);
  for (let i = 0; i < options.runs; i++) {
    // Interleaved, so a slow spell of a shared machine hits both pages alike.
    without.push(await pageRun());
    withWidget.push(await widgetRun());
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  report(calibration, without, withWidget);
} finally {
  await server.stop();
}

/** A fresh browser on a blank page of the server's origin, its CPU slowed down. */
async function throttledPage() {
  const browser = await startBrowser();
  const page = await browser.page();
  await servePage(page, urls.blank, '<!doctype html><title>blank</title>');
  await servePage(page, urls.without, councilPage(false));
  await servePage(page, urls.with, councilPage(true));
  // Throttle on the origin's own page: the next navigation stays in the same renderer.
  await page.goto(urls.blank);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.rate });
  return { browser, page };
}

/** Closes `browser` after `fn`, reporting anything the page threw. */
async function using(browser, fn) {
  try {
    return await fn();
  } finally {
    for (const e of browser.errors) console.error(`warning: page error: ${e}`);
    await browser.close();
  }
}

/** The page's own paint and load times, from navigation start, in ms. */
async function pageTimings(page) {
  await page.waitForFunction(
    () => performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0 &&
      performance.getEntriesByName('first-contentful-paint').length > 0,
    null,
    { polling: 50, timeout: TIMEOUT },
  );
  return page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    load: performance.getEntriesByType('navigation')[0].loadEventEnd,
  }));
}

/** The page without the widget: first contentful paint and load event. */
async function pageRun() {
  const { browser, page } = await throttledPage();
  return using(browser, async () => {
    await page.goto(urls.without);
    return pageTimings(page);
  });
}

/**
 * The page with the widget: its paint and load times (the loader only), then the click on
 * the launcher and the time until the form is interactive, measured inside the page.
 */
async function widgetRun() {
  const { browser, page } = await throttledPage();
  return using(browser, async () => {
    await page.goto(urls.with);
    const timings = await pageTimings(page);
    const launcher = page.locator('council-feedback').locator('button.cf-launcher');
    await launcher.waitFor({ state: 'visible' });
    // A resident clicks once the page has settled (the loader has fetched the CSS).
    await page.waitForLoadState('networkidle');
    await page.evaluate(watchForInteractive);
    // Playwright's click is a real pointer: it moves onto the button (the loader starts
    // fetching on hover), presses and releases.
    await launcher.click();
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(async () => {
        const state = await page.evaluate(() => window.__cfBench.state()).catch(() => null);
        reject(new Error(`no interactive form within ${TIMEOUT} ms: ${JSON.stringify(state)}`));
      }, TIMEOUT);
    });
    try {
      const marks = await Promise.race([page.evaluate(() => window.__cfBench.done), late]);
      return { ...timings, ...marks };
    } finally {
      clearTimeout(timer);
    }
  });
}

/**
 * Runs in the page. Records the first pointer event of the click (capturing, on window:
 * pointer events cross the shadow boundary) and the moment the form is interactive: the
 * element is `data-state="ready"`, focus is inside its shadow root and a form control of
 * the widget's form is rendered and enabled. Mutation observers and `focusin` wake the
 * check, so nothing polls the throttled main thread. Resolves `window.__cfBench.done`
 * with the times, or rejects if the loader reports a failure.
 */
function watchForInteractive() {
  const host = document.querySelector('council-feedback');
  const root = host.shadowRoot;
  const marks = { pointer: null, click: null, interactive: null, painted: null };
  let resolve;
  let reject;
  const done = new Promise((res, rej) => { resolve = res; reject = rej; });
  const first = () => { if (marks.pointer === null) marks.pointer = performance.now(); };
  addEventListener('pointerover', first, true);
  addEventListener('pointerdown', first, true);
  addEventListener('click', () => { if (marks.click === null) marks.click = performance.now(); }, true);

  const interactive = () => host.dataset.state === 'ready' && root.activeElement !== null &&
    [...root.querySelectorAll('form input, form textarea, form select, form button')]
      .some((el) => !el.disabled && !el.classList.contains('cf-launcher') &&
        el.getClientRects().length > 0);
  const observer = new MutationObserver(check);
  function check() {
    if (marks.interactive !== null) return;
    if (host.dataset.state === 'failed') {
      observer.disconnect();
      reject(new Error('the widget reported data-state="failed"'));
      return;
    }
    if (!interactive()) return;
    marks.interactive = performance.now();
    observer.disconnect();
    // The frame that shows the form: the next animation frame, then the task after it.
    requestAnimationFrame(() => setTimeout(() => {
      marks.painted = performance.now();
      resolve(marks);
    }));
  }
  observer.observe(host, { attributes: true, attributeFilter: ['data-state'] });
  observer.observe(root, { childList: true, subtree: true, attributes: true });
  root.addEventListener('focusin', check);
  window.__cfBench = { done, state: () => ({ ...marks, state: host.dataset.state }) };
}

/**
 * How much slower a fixed loop runs once throttled, on the bench page itself (so the
 * throttling is shown to survive the navigation), and the browser's version.
 */
async function calibrate() {
  const browser = await startBrowser();
  return using(browser, async () => {
    const page = await browser.page();
    await servePage(page, urls.blank, '<!doctype html><title>blank</title>');
    await servePage(page, urls.without, councilPage(false));
    await page.goto(urls.blank);
    const loop = () => page.evaluate(() => {
      const start = performance.now();
      let x = 0;
      for (let i = 0; i < 3e6; i++) x = (x + i * 7) % 1000003;
      return [performance.now() - start, x];
    });
    const fastest = async () => {
      let best = Infinity;
      // The fastest of several: a shared machine only ever makes a loop slower.
      for (let i = 0; i < 7; i++) best = Math.min(best, (await loop())[0]);
      return best;
    };
    const free = await fastest();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.rate });
    await page.goto(urls.without);
    const slowed = await fastest();
    return { free, slowed, version: browser.context.browser()?.version() ?? 'unknown' };
  });
}

function report(calibration, without, withWidget) {
  const stats = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { median, min: sorted[0], max: sorted[sorted.length - 1] };
  };
  const ms = (v) => `${v.toFixed(0)} ms`.padStart(9);
  const row = (label, values) => {
    const s = stats(values);
    console.log(`  ${label.padEnd(56)} ${ms(s.median)} ${ms(s.min)} ${ms(s.max)}`);
    return s;
  };
  const clickToInteractive = withWidget.map((r) => r.interactive - r.pointer);
  const clickToPainted = withWidget.map((r) => r.painted - r.pointer);

  console.log(`
Widget timing: Chromium ${calibration.version}, CPU slowed ${options.rate}x (a fixed loop took \
${calibration.free.toFixed(1)} ms, throttled ${calibration.slowed.toFixed(1)} ms: \
${(calibration.slowed / calibration.free).toFixed(1)}x), loopback network,
${options.runs} runs of each page, each in a fresh browser (cold cache)
  ${''.padEnd(56)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)}`);
  const fcp = row('page without widget: first contentful paint', without.map((r) => r.fcp));
  const load = row('page without widget: load event end', without.map((r) => r.load));
  row('page with widget (loader only): first contentful paint', withWidget.map((r) => r.fcp));
  row('page with widget (loader only): load event end', withWidget.map((r) => r.load));
  const interactive = row('launcher click -> interactive form', clickToInteractive);
  row('launcher click -> form painted (next frame)', clickToPainted);
  const ratio = (a, b) => `${(a / b).toFixed(2)}x`.padStart(9);
  console.log(`  ${'ratio: click -> interactive / load without widget'.padEnd(56)} ${ratio(interactive.median, load.median)}`);
  console.log(`  ${'ratio: click -> interactive / FCP without widget'.padEnd(56)} ${ratio(interactive.median, fcp.median)}`);
  console.log(`  (the click is timed from its first pointer event, which also starts the download;
   interactive: data-state="ready", focus inside the widget and an enabled form control;
   page times are from navigation start; ratios are of medians)`);
}

function parseArgs(argv) {
  const parsed = { runs: 5, rate: 4 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    const value = Number(argv[++i]);
    if (!(name in parsed) || !(value > 0)) {
      console.error('usage: node bench/widget-timing.mjs [--runs N] [--rate R]');
      process.exit(2);
    }
    parsed[name] = value;
  }
  return parsed;
}
