// Shared by the browser tests: starts the local `feedback` server and a fresh Debian
// Chromium (never a downloaded browser), and waits for the widget inside its shadow root.
//
// `cargo xtask test` sets the environment: CF_FEEDBACK_BIN (the built `feedback` binary),
// CF_ROOT (the workspace), CF_WIDGET_DIR (dist/widget) and CF_ARTIFACTS (screenshots).

import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const ROOT = process.env.CF_ROOT || path.resolve(import.meta.dirname, '..', '..');
export const FEEDBACK_BIN = process.env.CF_FEEDBACK_BIN || path.join(ROOT, 'target', 'debug', 'feedback');
export const WIDGET_DIR = process.env.CF_WIDGET_DIR || path.join(ROOT, 'dist', 'widget');
export const CONSOLE_DIR = process.env.CF_CONSOLE_DIR || path.join(ROOT, 'dist', 'console');
export const ARTIFACTS = process.env.CF_ARTIFACTS || path.join(ROOT, 'target', 'browser');
export const CHROMIUM = process.env.CF_CHROMIUM || '/usr/bin/chromium';

/** How long any one wait may take. */
export const TIMEOUT = 20_000;

export const HEADING_EN = 'Tell us what you think';
export const HEADING_CY = 'Dywedwch wrthym beth yw eich barn';
export const FIRST_EN = 'What would you like to do?';
export const FIRST_CY = 'Beth hoffech chi ei wneud?';

/**
 * Starts `feedback serve --port 0` (or `port`) on a fresh data folder and resolves once it
 * prints its demo page's address. `stop()` kills it and removes the folder. `args` are
 * added to the command (e.g. `['--smtp', '127.0.0.1:PORT']`); `config` is the councils'
 * folder (default `config/councils`).
 */
export async function startServer({ port = 0, args = [], config = path.join(ROOT, 'config', 'councils') } = {}) {
  const data = await mkdtemp(path.join(tmpdir(), 'cf-browser-data-'));
  const child = spawn(FEEDBACK_BIN, [
    'serve', '--port', String(port), '--data', data,
    '--config', config,
    '--widget', WIDGET_DIR,
    '--console', CONSOLE_DIR,
    ...args,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('no "Demo council page:" line within 20 s')), TIMEOUT);
    const fail = (e) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${e.message}\nstdout:\n${out}\nstderr:\n${log}`));
    };
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`feedback serve exited (${code ?? signal})`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/Demo council page: (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(m[1]);
      }
    });
  });
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    /** What the server has printed so far: its banner names the console's sign-in link. */
    printed: () => out,
    /** The server's data folder: its outbox of `.eml` files is `outbox/` in it. */
    data,
    /** An officer token for `council`, minted by the `feedback token` command. */
    token(council = 'demo') {
      return execFileSync(FEEDBACK_BIN, ['token', '--council', council, '--data', data], { encoding: 'utf8' }).trim();
    },
    /** A one-time console sign-in link from the `feedback signin` command. */
    signInLink({ council = 'demo', name = 'Ann Jones', role = 'officer' } = {}) {
      const port = new URL(origin).port;
      // Several councils (a partnership) are named one `--council` each.
      const councils = [council].flat().flatMap((c) => ['--council', c]);
      return execFileSync(FEEDBACK_BIN, [
        'signin', ...councils, '--name', name, '--role', role, '--data', data, '--port', port,
      ], { encoding: 'utf8' }).trim();
    },
    /** Runs the reminder job and the outbox once, as at `at` (an ISO instant), on this
     * server's data, sending through `smtp` (HOST:PORT) when given; what it did, as JSON. */
    reminders({ at, smtp } = {}) {
      const args = ['reminders', '--data', data, '--config', path.join(ROOT, 'config', 'councils')];
      if (at) args.push('--at', at);
      if (smtp) args.push('--smtp', smtp);
      return JSON.parse(execFileSync(FEEDBACK_BIN, args, { encoding: 'utf8' }));
    },
    /** The council's cases as an officer sees them through the API. */
    async cases(council = 'demo') {
      const r = await fetch(`${origin}/v1/councils/${council}/cases`, {
        headers: { authorization: `Bearer ${this.token(council)}` },
      });
      if (!r.ok) throw new Error(`listing cases: ${r.status} ${await r.text()}`);
      const body = await r.json();
      return Array.isArray(body) ? body : body.cases;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(data, { recursive: true, force: true });
    },
  };
}

/** Today's date in London, as the API's dates are (`YYYY-MM-DD`). */
export const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** An instant as the API takes it: RFC 3339 in UTC, whole seconds. */
export const isoSeconds = (date) => date.toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * Logs a case on `server` through the officer API, as an officer would for feedback taken
 * by phone (or `channel`), and resolves its reference. By default a complaint about
 * waste from Rhian Evans, received a minute ago. `token` saves minting one per call.
 */
export async function logCase(server, {
  whatHappened = 'A complaint logged by the browser tests.',
  kind = 'complaint',
  channel = 'phone',
  receivedAt = new Date(Date.now() - 60_000),
  name = 'Rhian Evans',
  email = 'rhian@example.com',
  language = 'en',
  token = server.token(),
} = {}) {
  const r = await fetch(`${server.origin}/v1/councils/demo/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      channel,
      received_at: isoSeconds(receivedAt),
      feedback: {
        kind,
        service: 'waste',
        what_happened: whatHappened,
        put_right: 'Collect the bin.',
        contact: { name, email },
        language,
      },
    }),
  });
  const text = await r.text();
  if (r.status !== 201) throw new Error(`logging a case: ${r.status} ${text}`);
  return JSON.parse(text).reference;
}

/** Applies `action` to the case `ref` on `server` through the officer API, as another
 * officer would; resolves the API's answer (the case as it now is). */
export async function actOn(server, ref, action) {
  const r = await fetch(`${server.origin}/v1/councils/demo/cases/${ref}/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token()}`, 'content-type': 'application/json' },
    body: JSON.stringify(action),
  });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`${action.action} on ${ref}: ${r.status} ${text}`);
  return JSON.parse(text);
}

/** Decodes quoted-printable text (soft line breaks and `=XX` bytes) as UTF-8. */
function quotedPrintable(text) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let j = 0; j < joined.length; j++) {
    const hex = joined.slice(j + 1, j + 3);
    if (joined[j] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      j += 2;
    } else {
      bytes.push(...Buffer.from(joined[j], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** An `.eml` file's text: its headers unfolded with RFC 2047 words decoded, and its body
 * decoded from quoted-printable. */
export function readEmail(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, split)
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?b\?([^?]*)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
  return { headers, body: quotedPrintable(raw.slice(split)) };
}

/** The `server`'s outbox file for the message `id`, once the delivery job (every minute)
 * has written it, read as by `readEmail`. */
export async function outboxEmail(server, id) {
  const dir = path.join(server.data, 'outbox');
  for (let i = 0; i < 100; i++) {
    const names = await readdir(dir).catch(() => []);
    if (names.includes(`${id}.eml`)) {
      return readEmail(await readFile(path.join(dir, `${id}.eml`), 'utf8'));
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`no ${id}.eml in ${dir} after 100 s`);
}

/**
 * A fresh Chromium with its own temporary profile. Records console messages and page
 * errors of every page; `close()` shuts it and removes the profile.
 */
export async function startBrowser({ viewport = { width: 1280, height: 800 } } = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), 'cf-browser-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
    viewport,
    timeout: TIMEOUT,
  });
  context.setDefaultTimeout(TIMEOUT);
  const logs = [];
  const errors = [];
  const watch = (page) => {
    page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(String(e)));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    logs,
    errors,
    async page() {
      const existing = context.pages().find((p) => p.url() === 'about:blank');
      return existing || context.newPage();
    },
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Answers `url` (on the server's origin, so /widget/ is same-origin) with `html`. */
export async function servePage(page, url, html, headers = {}) {
  await page.route(url, (route) => route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers,
    body: html,
  }));
}

/** A test page embedding the widget like a council's site would. */
export function testPage({ lang = 'en', attrs = '', before = '' } = {}) {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Widget test page</title>
<script src="/widget/widget.js" defer></script></head>
<body>
<main>
<h1>Test council</h1>
${before}
<council-feedback council="demo"${attrs}>
  <p><a href="https://www.demo.example/contact">Contact the council</a></p>
</council-feedback>
</main>
</body>
</html>
`;
}

/** The current page's heading inside the shadow root (Playwright's CSS pierces open roots). */
export const heading = (page) => page.locator('council-feedback').locator('#cf-step-heading');

/** An element inside the widget. */
export const w = (page, selector) => page.locator('council-feedback').locator(selector);

/** The id of the element focused inside the widget's shadow root. */
export const focusedId = (page) => page.evaluate(
  () => document.querySelector('council-feedback')?.shadowRoot?.activeElement?.id ?? null,
);

/** Clicks Continue (or Send) and waits for the next page's heading to differ. */
export async function next(page) {
  const before = await heading(page).textContent().catch(() => '');
  await w(page, 'form button[type=submit]').click();
  await page.waitForFunction((old) => {
    const root = document.querySelector('council-feedback')?.shadowRoot;
    const h = root?.getElementById('cf-step-heading');
    return (h && h.textContent !== old) || root?.getElementById('cf-error-summary');
  }, before, { timeout: TIMEOUT });
}

/**
 * Fills a whole submission of `kind` by pointer and sends it; resolves with the
 * reference shown. `lang` picks the words only the test checks.
 */
export async function completeForm(page, { kind = 'complaint', service = 'waste', anonymous = false, equality = true } = {}) {
  await w(page, `input[name=kind][value=${kind}]`).check();
  await next(page);
  await w(page, `input[name=service][value=${service}]`).check();
  await next(page);
  if (kind === 'complaint' && await w(page, '#cf-what_happened').count() === 0) await next(page); // triage
  await w(page, '#cf-what_happened').fill(`A ${kind} from the browser tests.`);
  await w(page, '#cf-when_happened').fill('2');
  await w(page, '#cf-when_happened-month').fill('11');
  await w(page, '#cf-when_happened-year').fill('2026');
  if (kind === 'complaint') await w(page, '#cf-put_right').fill('Collect the bin and say why it was missed.');
  if (kind === 'compliment') await w(page, '#cf-staff_name').fill('Sam Jones');
  await next(page);
  if (anonymous) {
    await w(page, '#cf-anonymous').check();
  } else {
    await w(page, '#cf-name').fill('Rhian Evans');
    await w(page, '#cf-email').fill('rhian@example.com');
  }
  await next(page);
  if (!anonymous) {
    await w(page, '#cf-need-0').check();
    await next(page);
  }
  if (equality) await w(page, 'input[name=eq-age][value="25_44"]').check();
  await next(page);
  await w(page, 'form button[type=submit]').click();
  await w(page, '#cf-reference').waitFor({ state: 'visible', timeout: 30_000 });
  return (await w(page, '#cf-reference').textContent()).trim();
}

/** Waits until the widget has mounted: the loader marks the element ready. */
export async function waitForMounted(page) {
  await page.waitForFunction(
    () => document.querySelector('council-feedback')?.dataset.state === 'ready',
    null,
    { timeout: TIMEOUT },
  ).catch(async (e) => {
    const state = await page.evaluate(() => document.querySelector('council-feedback')?.dataset.state);
    throw new Error(`widget did not mount (data-state=${state}): ${e.message}`);
  });
  await heading(page).waitFor({ state: 'visible' });
}

/** Text of the first match of `selector` inside the element's shadow root. */
export function shadowText(page, selector) {
  return page.evaluate((sel) => {
    const root = document.querySelector('council-feedback')?.shadowRoot;
    return root?.querySelector(sel)?.textContent ?? null;
  }, selector);
}

/** Runs axe-core on the page (it checks inside open shadow roots) for WCAG 2.2 AA. */
export async function axeViolations(page) {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (new URL(page.url()).protocol === 'file:') {
    // A saved file (a subject access bundle opened from disk) has no origin to serve
    // from, and no Content-Security-Policy: the script goes in inline.
    await page.addScriptTag({ content: source });
  } else {
    // As a file from the page's own origin: the demo pages' Content-Security-Policy lets
    // no inline script run.
    const url = `${new URL(page.url()).origin}/test/axe.min.js`;
    await page.route(url, (route) => route.fulfill({ contentType: 'text/javascript', body: source }));
    await page.addScriptTag({ url });
    await page.unroute(url);
  }
  const results = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
  }));
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
  }));
}
