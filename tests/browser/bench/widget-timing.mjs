// How long a resident on a slow phone waits for the widget's first question, against the
// reference (`@formbricks/surveys` rendering an equivalent three-question survey on the
// same page), in Debian's Chromium under DevTools emulation of a slow phone: the network
// at 400 kbit/s each way with 400 ms round trips, the CPU slowed 4x.
//
// Four scenarios, each run in a fresh browser (cold cache), interleaved so a slow spell of
// a shared machine hits them alike:
//   - widget, launcher: from the first pointer event on the launcher (hovering starts the
//     download) to an interactive first question in the dialog;
//   - widget, inline: from the element entering the viewport (the page is scrolled to it)
//     to an interactive first question;
//   - the reference, both ways, embedded the same way (see reference-survey.mjs).
// For each it also counts the bytes received before the first question was interactive
// (resource timing's encoded body sizes: what the network carried, brotli here) and, for
// the widget, the gzip size (level 9) of those same files, compressed like the reference.
//
// Run by `cargo xtask bench widget` (which sets the CF_* variables harness.mjs reads, and
// reads the figures back from the `RESULT` line). Prints figures and their targets;
// never fails because a target is missed. Not a test: `node --test` only collects files
// named like `*.test.mjs`.
//
//   node bench/widget-timing.mjs [--runs 5] [--rate 4] [--kbps 400] [--rtt 400]
//
// ONLY=<scenario key> runs one scenario (while working on it); the RESULT line then lacks
// the others and `cargo xtask` says so.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startBrowser, startServer, WIDGET_DIR } from '../harness.mjs';
import { embedScript, referenceBundle, referenceInline, referenceLauncher } from './reference-survey.mjs';
import { startSite } from './site.mjs';

const options = parseArgs(process.argv.slice(2));

/** Longest wait for one scenario: a slow emulated link takes far longer than the tests' 20 s. */
const TIMEOUT = 120_000;

/** A phone's viewport: most residents come on one. */
const VIEWPORT = { width: 390, height: 844 };

/** A council's contact page; `embed` goes in the head, `spot` where the feedback goes. */
function councilPage({ head = '', spot = '', below = false }) {
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
.filler { height: 1800px; }
</style>
${head}</head>
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
${below ? '<div class="filler"></div>\n<h2 id="feedback">Tell us what you think</h2>\n' : ''}${spot}
</main>
</body>
</html>
`;
}

const WIDGET_HEAD = '<script src="/widget/widget.js" defer></script>';
const FALLBACK = '<p><a href="/contact">Contact the council</a></p>';

const REFERENCE_URL = '/reference/formbricks-surveys.js';
const bundle = referenceBundle();

/** Each scenario: its page, how the resident starts it, and what "interactive" means. */
const ALL = [
  {
    key: 'widget-launcher',
    label: 'widget, launcher click',
    page: councilPage({
      head: WIDGET_HEAD,
      spot: `<council-feedback council="demo" mode="launcher">${FALLBACK}</council-feedback>`,
    }),
  },
  {
    key: 'widget-inline',
    label: 'widget, inline, scrolled into view',
    page: councilPage({
      head: WIDGET_HEAD,
      below: true,
      spot: `<council-feedback council="demo">${FALLBACK}</council-feedback>`,
    }),
  },
  {
    key: 'reference-launcher',
    label: 'reference, launcher click',
    page: councilPage({ head: embedScript(REFERENCE_URL), spot: referenceLauncher }),
  },
  {
    key: 'reference-inline',
    label: 'reference, inline, scrolled into view',
    page: councilPage({ head: embedScript(REFERENCE_URL), below: true, spot: referenceInline }),
  },
];

const SCENARIOS = process.env.ONLY ? ALL.filter((s) => s.key === process.env.ONLY) : ALL;
const server = await startServer();
const site = await startSite({
  pages: Object.fromEntries([
    ['/bench/blank.html', '<!doctype html><title>blank</title>'],
    ...ALL.map((s) => [`/bench/${s.key}.html`, s.page]),
  ]),
  bundle,
  upstream: server.origin,
});
try {
  const calibration = await calibrate();
  const results = Object.fromEntries(SCENARIOS.map((s) => [s.key, []]));
  process.stderr.write(`timing ${options.runs} runs of ${SCENARIOS.length} scenarios `);
  for (let i = 0; i < options.runs; i++) {
    for (const scenario of SCENARIOS) {
      results[scenario.key].push(await run(scenario));
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  report(calibration, results);
} finally {
  await site.stop();
  await server.stop();
}

/** A fresh browser on a blank page of the server's origin, CPU and network slowed down. */
async function emulatedPage() {
  const browser = await startBrowser({ viewport: VIEWPORT });
  const page = await browser.page();
  page.setDefaultTimeout(TIMEOUT);
  // Emulate on the origin's own page: the next navigation stays in the same renderer.
  await page.goto(`${site.origin}/bench/blank.html`);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.rate });
  await cdp.send('Network.enable');
  const bytesPerSecond = (options.kbps * 1000) / 8;
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: options.rtt,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
  return { browser, page };
}

/** One run of `scenario` in a fresh browser: its marks and the bytes it took. */
async function run(scenario) {
  const { browser, page } = await emulatedPage();
  page.on('requestfailed', (r) => console.error(`warning: ${scenario.key}: ${r.url()}: ${r.failure()?.errorText}`));
  try {
    await page.goto(`${site.origin}/bench/${scenario.key}.html`);
    // The resident acts once the page has settled (the loader has fetched what it
    // fetches up front).
    await page.waitForLoadState('networkidle');
    await page.evaluate(watchForInteractive, scenario.key);
    if (scenario.key.endsWith('launcher')) {
      const launcher = scenario.key.startsWith('widget')
        ? page.locator('council-feedback').locator('button.cf-launcher')
        : page.locator('#fb-launcher');
      // Playwright's click is a real pointer: it moves onto the button (both loaders
      // start fetching on hover), presses and releases.
      await launcher.click();
    } else {
      await page.evaluate(() => document.getElementById('feedback').scrollIntoView());
    }
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(async () => {
        const state = await page.evaluate(() => window.__cfBench.state()).catch(() => null);
        reject(new Error(`${scenario.key}: not interactive within ${TIMEOUT} ms: ${JSON.stringify(state)}`));
      }, TIMEOUT);
    });
    try {
      return await Promise.race([page.evaluate(() => window.__cfBench.done), late]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    for (const e of browser.errors) console.error(`warning: ${scenario.key}: page error: ${e}`);
    await browser.close();
  }
}

/**
 * Runs in the page. Records the start (the first pointer event of the click, or the
 * moment the spot entered the viewport, from the intersection entry's own time), the
 * moment the first question is interactive, and for the widget the moment the whole app
 * has mounted. Interactive: a radio button of the first question is rendered and enabled,
 * and for the widget its CSS is adopted (it is styled) and, from the launcher, focus is
 * inside its dialog, whether the loader drew the question or the app did (answers given
 * on the loader's question are handed to the app: widget-first-question.test.mjs).
 * Mounted: the element says `data-state="ready"` (the app's own page is drawn). Mutation
 * observers wake the check, so nothing polls the throttled main thread. Then lists the
 * bytes received before the first question was interactive.
 */
function watchForInteractive(key) {
  const widget = key.startsWith('widget');
  const launcher = key.endsWith('launcher');
  const host = widget ? document.querySelector('council-feedback') : null;
  const root = widget ? host.shadowRoot : document;
  const marks = { start: null, interactive: null, mounted: null };
  let resolve;
  let reject;
  const done = new Promise((res, rej) => { resolve = res; reject = rej; });

  if (launcher) {
    const first = () => { if (marks.start === null) marks.start = performance.now(); };
    addEventListener('pointerover', first, true);
    addEventListener('pointerdown', first, true);
  } else {
    const spot = widget ? host : document.getElementById('fb-inline');
    new IntersectionObserver((entries, io) => {
      const entered = entries.find((e) => e.isIntersecting);
      if (entered && marks.start === null) {
        marks.start = entered.time;
        io.disconnect();
      }
    }).observe(spot);
  }

  const firstQuestion = () => [...root.querySelectorAll('input[type="radio"]')]
    .some((el) => !el.disabled && el.getClientRects().length > 0);
  const interactive = () => {
    if (widget && root.adoptedStyleSheets.length === 0) return false;
    if (widget && launcher) {
      const dialog = root.querySelector('dialog');
      if (!dialog || !root.activeElement || !dialog.contains(root.activeElement)) return false;
    }
    return firstQuestion();
  };
  const observer = new MutationObserver(check);
  let files = null;
  function check() {
    if (widget && host.dataset.state === 'failed') {
      observer.disconnect();
      reject(new Error('the widget reported data-state="failed"'));
      return;
    }
    if (marks.interactive === null && interactive()) {
      marks.interactive = performance.now();
      // Resource entries are queued after the response ends; give them one task.
      setTimeout(() => {
        files = performance.getEntriesByType('resource')
          .filter((e) => e.responseEnd <= marks.interactive)
          .filter((e) => (widget ? new URL(e.name).pathname.startsWith('/widget/') : e.name.includes('formbricks')))
          .map((e) => ({ name: new URL(e.name).pathname, received: e.encodedBodySize }));
        finish();
      });
    }
    if (widget && marks.mounted === null && host.dataset.state === 'ready') {
      marks.mounted = performance.now();
      finish();
    }
  }
  function finish() {
    if (files === null || (widget && marks.mounted === null)) return;
    observer.disconnect();
    resolve({ ...marks, files });
  }
  observer.observe(widget ? host : document.body, { childList: true, subtree: true, attributes: true });
  if (widget) {
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    root.addEventListener('focusin', check);
  }
  window.__cfBench = { done, state: () => ({ ...marks, state: host?.dataset.state }) };
}

/**
 * How much slower a fixed loop runs once throttled, on a page of the same origin, and
 * the browser's version.
 */
async function calibrate() {
  const browser = await startBrowser();
  try {
    const page = await browser.page();
    await page.goto(`${site.origin}/bench/blank.html`);
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
    const slowed = await fastest();
    return { free, slowed, version: browser.context.browser()?.version() ?? 'unknown' };
  } finally {
    await browser.close();
  }
}

/**
 * The gzip size (level 9) of a widget file in the build, compressed here with the same
 * settings as the reference, so the two are compared like for like; null when absent.
 */
function gzipSize(pathname) {
  try {
    return zlib.gzipSync(readFileSync(path.join(WIDGET_DIR, path.basename(pathname))), { level: 9 }).length;
  } catch {
    return null;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function report(calibration, results) {
  const ms = (v) => `${v.toFixed(0)} ms`.padStart(9);
  const kb = (v) => `${v.toLocaleString('en-GB')} B`;
  console.log(`
Widget timing: Chromium ${calibration.version}, CPU slowed ${options.rate}x (a fixed loop took \
${calibration.free.toFixed(1)} ms, throttled ${calibration.slowed.toFixed(1)} ms: \
${(calibration.slowed / calibration.free).toFixed(1)}x),
network ${options.kbps} kbit/s each way with ${options.rtt} ms round trips (DevTools emulation), \
a ${VIEWPORT.width}x${VIEWPORT.height} viewport,
${options.runs} runs of each scenario, each in a fresh browser (cold cache), files compressed as served
  ${'start -> interactive first question'.padEnd(44)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)}  bytes received before it`);
  const figures = {};
  for (const s of SCENARIOS) {
    const runs = results[s.key];
    const times = runs.map((r) => r.interactive - r.start);
    const last = runs[runs.length - 1];
    const received = last.files.reduce((sum, f) => sum + f.received, 0);
    const gzip = s.key.startsWith('widget')
      ? [...new Set(last.files.map((f) => f.name))].reduce((sum, n) => sum + (gzipSize(n) ?? 0), 0)
      : bundle.gzip.length;
    figures[s.key] = { median: median(times), min: Math.min(...times), max: Math.max(...times), received, gzip, files: last.files };
    console.log(`  ${s.label.padEnd(44)} ${ms(median(times))} ${ms(Math.min(...times))} ${ms(Math.max(...times))}  ${kb(received)} in ${last.files.length} files`);
  }
  console.log(`\n  ${'start -> the whole app mounted (no target)'.padEnd(44)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)}`);
  for (const s of SCENARIOS.filter((s) => s.key.startsWith('widget'))) {
    const times = results[s.key].map((r) => r.mounted - r.start);
    figures[s.key].mounted = median(times);
    console.log(`  ${s.label.padEnd(44)} ${ms(median(times))} ${ms(Math.min(...times))} ${ms(Math.max(...times))}`);
  }
  console.log('\n  Widget files received before its first question was interactive (inline, last run):');
  for (const f of figures['widget-inline']?.files ?? []) {
    console.log(`    ${f.name.padEnd(52)} ${kb(f.received).padStart(10)} received, ${kb(gzipSize(f.name) ?? 0).padStart(10)} gzipped`);
  }
  console.log(`  (start: the first pointer event on the launcher, or the intersection entry of the spot
   scrolled into view; interactive: a radio button of the first question rendered and enabled,
   and for the widget its CSS adopted and, from the launcher, focus inside its dialog, whether
   the loader or the app drew it; mounted: the app's own page drawn, data-state="ready")`);
  // One line for cargo xtask to read; it prints the targets.
  const out = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, {
    median_ms: Math.round(v.median), min_ms: Math.round(v.min), max_ms: Math.round(v.max),
    received_bytes: v.received, gzip_bytes: v.gzip,
    ...(v.mounted === undefined ? {} : { mounted_ms: Math.round(v.mounted) }),
  }]));
  console.log(`RESULT ${JSON.stringify(out)}`);
}

function parseArgs(argv) {
  const parsed = { runs: 5, rate: 4, kbps: 400, rtt: 400 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    const value = Number(argv[++i]);
    if (!(name in parsed) || !(value > 0)) {
      console.error('usage: node bench/widget-timing.mjs [--runs N] [--rate R] [--kbps K] [--rtt MS]');
      process.exit(2);
    }
    parsed[name] = value;
  }
  return parsed;
}
