// How long an officer waits for the queue, in Debian's Chromium: from opening a one-time
// sign-in link to the first page of the queue's rows on screen, and from a click on a
// case's reference in the queue to that case's page, over cases that
// `bench_queue --keep` loaded into SQLite or DynamoDB (moto).
//
// Run by `cargo xtask bench console`, which loads the cases and sets CF_BENCH_SERVER (the
// `bench_console_server` example: the local server's router without the scheduled work),
// CF_FEEDBACK_BIN (for `feedback signin`), CF_CONSOLE_DIR and CF_CHROMIUM. Prints figures,
// never judges them; not a test (`node --test` collects only `*.test.mjs`).
//
//   node bench/console-timing.mjs --store sqlite|dynamodb --data DIR --cases N
//       [--endpoint URL --table NAME] [--runs 5] [--figures FILE]
//
// Each run is a fresh browser with an empty profile (the console's files come from the
// server every time) and a new sign-in link (a link works once).

import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { CONSOLE_DIR, FEEDBACK_BIN, ROOT, startBrowser } from '../harness.mjs';

const BENCH_SERVER = process.env.CF_BENCH_SERVER ||
  path.join(ROOT, 'target', 'release', 'examples', 'bench_console_server');
/** moto answers a queue query in seconds at 10,000 cases: waits are generous. */
const WAIT = 180_000;

const options = parseArgs(process.argv.slice(2));
const server = await startBenchServer();
try {
  const runs = [];
  process.stderr.write(`timing ${options.runs} sign-ins on ${options.store} at ${options.cases} cases `);
  for (let i = 0; i < options.runs; i++) {
    runs.push(await run());
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  report(runs);
} finally {
  server.stop();
}

/** The bench server on the loaded data; resolves with its origin once it listens. */
async function startBenchServer() {
  const args = ['--data', options.data, '--console', CONSOLE_DIR,
    '--config', path.join(ROOT, 'config', 'councils')];
  if (options.store === 'dynamodb') args.push('--dynamodb-endpoint', options.endpoint, '--table', options.table);
  const child = spawn(BENCH_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const origin = await new Promise((resolve, reject) => {
    let out = '';
    const fail = (e) => {
      child.kill('SIGKILL');
      reject(new Error(`${e.message}\nstdout:\n${out}\nstderr:\n${log}`));
    };
    const timer = setTimeout(() => fail(new Error('the bench server did not start within 60 s')), 60_000);
    child.on('error', fail);
    child.on('exit', (code, signal) => { clearTimeout(timer); fail(new Error(`the bench server exited (${code ?? signal})`)); });
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/Demo council page: (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(new URL(m[1]).origin);
      }
    });
  });
  return { origin, stop: () => child.kill('SIGTERM') };
}

/** A new one-time link for a bench officer of the demo council. */
function signInLink() {
  const port = new URL(server.origin).port;
  return execFileSync(FEEDBACK_BIN, [
    'signin', '--council', 'demo', '--name', 'Bench Officer', '--data', options.data, '--port', port,
  ], { encoding: 'utf8' }).trim();
}

/**
 * Runs in the page before the console's own script (an init script): resolves
 * `window.__cfQueue` with the time (from navigation start) at which the queue's heading
 * and its first rows are in the document, woken by mutations rather than polling.
 */
function watchForQueue() {
  let resolve;
  const done = new Promise((res) => { resolve = res; });
  const ready = () => document.querySelector('#main-heading')?.textContent === 'Cases' &&
    document.querySelector('tbody tr td:first-child a') !== null;
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    const shown = performance.now();
    // The frame that shows the rows: the next animation frame, then the task after it.
    requestAnimationFrame(() => setTimeout(() => resolve({ shown, painted: performance.now() })));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  window.__cfQueue = done;
}

/** In the page: from the click on `reference`'s link to its case page with its status. */
function watchForCase(reference) {
  let resolve;
  const done = new Promise((res) => { resolve = res; });
  let clicked = null;
  addEventListener('click', () => { if (clicked === null) clicked = performance.now(); }, true);
  const ready = () => document.querySelector('#main-heading')?.textContent === reference &&
    document.querySelector('#case-status') !== null;
  const observer = new MutationObserver(() => {
    if (clicked === null || !ready()) return;
    observer.disconnect();
    const shown = performance.now();
    requestAnimationFrame(() => setTimeout(() => resolve({ clicked, shown, painted: performance.now() })));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  window.__cfCase = done;
}

/** Resolves `expression` in the page, or fails after WAIT with `what`. */
async function waitInPage(page, expression, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT / 1000} s`)), WAIT);
  });
  try {
    return await Promise.race([page.evaluate(expression), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** One sign-in in a fresh browser, then one case opened from the queue. */
async function run() {
  const browser = await startBrowser();
  try {
    const page = await browser.page();
    page.setDefaultTimeout(WAIT);
    await page.addInitScript(watchForQueue);
    await page.goto(signInLink());
    const queue = await waitInPage(page, () => window.__cfQueue, 'queue rows');
    // The browser's own record of the first list request (the counts are another).
    const list = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => /\/v1\/councils\/[^/]+\/cases(\?|$)/.test(e.name))
      .map((e) => e.responseEnd - e.startTime)[0] ?? null);
    const link = page.locator('tbody tr td:first-child a').first();
    const reference = (await link.textContent()).trim();
    await page.evaluate(watchForCase, reference);
    await link.click();
    const opened = await waitInPage(page, () => window.__cfCase, `case page for ${reference}`);
    return {
      version: await page.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? 'unknown'),
      firstPage: queue.painted,
      list,
      casePage: opened.painted - opened.clicked,
    };
  } finally {
    for (const e of browser.errors) console.error(`warning: page error: ${e}`);
    await browser.close();
  }
}

function stats(values) {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: NaN, worst: NaN };
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, worst: sorted[sorted.length - 1] };
}

function report(runs) {
  const version = `Chromium ${runs[0].version} (Debian's), no CPU throttling, loopback network`;
  const ms = (v) => `${Number.isNaN(v) ? '-' : v.toFixed(0)} ms`.padStart(9);
  const first = stats(runs.map((r) => r.firstPage));
  const list = stats(runs.map((r) => r.list));
  const opened = stats(runs.map((r) => r.casePage));
  console.log(`
Console timing on ${options.store}, ${options.cases} cases: ${version};
${options.runs} runs, each a fresh browser (cold cache) and a new sign-in link
  ${''.padEnd(52)} ${'median'.padStart(9)} ${'worst'.padStart(9)}
  ${'sign-in link opened -> first page of the queue shown'.padEnd(52)} ${ms(first.median)} ${ms(first.worst)}
  ${'  of which the list request (as the browser saw it)'.padEnd(52)} ${ms(list.median)} ${ms(list.worst)}
  ${'click on a reference -> its case page shown'.padEnd(52)} ${ms(opened.median)} ${ms(opened.worst)}
  (from navigation start, or the click, to the frame after the rows or the case's status
   are in the document)`);
  if (options.figures) {
    const row = [options.store, options.cases, first.median, first.worst, list.median, opened.median, opened.worst]
      .map((v) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : String(v)));
    appendFileSync(options.figures, `${row.join('\t')}\n`);
  }
}

function parseArgs(argv) {
  const usage = 'usage: node bench/console-timing.mjs --store sqlite|dynamodb --data DIR --cases N [--endpoint URL --table NAME] [--runs N] [--figures FILE]';
  const parsed = { runs: 5 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    if (!['store', 'data', 'cases', 'endpoint', 'table', 'runs', 'figures'].includes(name) || value === undefined) {
      console.error(usage);
      process.exit(2);
    }
    parsed[name] = ['runs', 'cases'].includes(name) ? Number(value) : value;
  }
  const dynamodb = parsed.store === 'dynamodb';
  if (!['sqlite', 'dynamodb'].includes(parsed.store) || !parsed.data || !(parsed.cases > 0) ||
    !(parsed.runs > 0) || (dynamodb && !(parsed.endpoint && parsed.table))) {
    console.error(usage);
    process.exit(2);
  }
  return parsed;
}
