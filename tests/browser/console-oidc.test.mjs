// The console's hosted sign-in, as in AWS, against a certified OpenID provider standing in
// for Cognito (cognito-standin.mjs): authorization code with PKCE, the ID token in memory
// and sent to the API (which verifies it with the provider's keys, as API Gateway's JWT
// authorizer does), refreshed before it expires, the officer signed out when it cannot
// be, deep links kept across the sign-in, and signing out ending the provider's session.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, startBrowser, startServer, TIMEOUT } from './harness.mjs';
import { CLIENT_ID, freePort, signInAtProvider, startCognitoStandIn } from './cognito-standin.mjs';

/** ID tokens live this long, so a refresh and an expiry happen within a test. */
const ID_TOKEN_SECONDS = 15;

let provider;
let server;

before(async () => {
  const port = await freePort();
  provider = await startCognitoStandIn({
    consoleOrigin: `http://127.0.0.1:${port}`,
    idTokenSeconds: ID_TOKEN_SECONDS,
  });
  server = await startServer({
    port,
    args: ['--oidc-issuer', provider.issuer, '--oidc-client-id', CLIENT_ID],
  });
});
after(async () => {
  await server?.stop();
  await provider?.stop();
});

/** A page in a browser of its own: the provider's session cookie is not shared between
 * tests. `done()` closes it. */
async function freshPage() {
  const browser = await startBrowser();
  const page = await browser.context.newPage();
  page.done = () => browser.close();
  return page;
}

/** Every bearer token the page sends to the API, in order. */
function watchBearers(page) {
  const seen = [];
  page.on('request', (request) => {
    const auth = request.headers().authorization;
    if (request.url().includes('/v1/') && auth) seen.push(auth.replace(/^Bearer /, ''));
  });
  return seen;
}

const payload = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

async function assertNoViolations(page, screen) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${screen}: ${JSON.stringify(violations, null, 2)}`);
}

/** Opens `path` of the console and signs in at the provider as `login`. */
async function signIn(page, login, path = '/console/') {
  await page.goto(`${server.origin}${path}`);
  const button = page.getByRole('button', { name: 'Sign in' });
  await button.waitFor({ timeout: TIMEOUT });
  await button.click();
  await signInAtProvider(page, login);
}

test('an officer signs in at the provider with PKCE and works with its ID token', async () => {
  const page = await freshPage();
  const bearers = watchBearers(page);
  const listed = page.waitForResponse((r) => r.url().includes('/v1/councils/demo/cases') && r.request().method() === 'GET');
  const authorize = page.waitForRequest((r) => r.url().startsWith(`${provider.issuer}/oauth2/authorize`));
  await page.goto(`${server.origin}/console/`);
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: TIMEOUT });
  await assertNoViolations(page, 'the hosted sign-in page');
  await page.getByRole('button', { name: 'Sign in' }).click();

  const asked = new URL((await authorize).url());
  assert.equal(asked.searchParams.get('response_type'), 'code');
  assert.equal(asked.searchParams.get('client_id'), CLIENT_ID);
  assert.equal(asked.searchParams.get('code_challenge_method'), 'S256');
  assert.match(asked.searchParams.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
  assert.equal(asked.searchParams.get('redirect_uri'), `${server.origin}/console/`);

  await signInAtProvider(page, 'ann');
  await page.getByText('Ann Jones').first().waitFor({ timeout: TIMEOUT });
  await page.locator('h1#main-heading').waitFor({ timeout: TIMEOUT });
  // The code is spent and gone from the address; nothing of the sign-in is stored.
  assert.equal(new URL(page.url()).search, '');
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  assert.equal(stored, '{}');

  // The queue was read with the provider's RS256 ID token, and the API accepted it.
  assert.equal((await listed).status(), 200, 'the API accepted the provider\'s token');
  assert.ok(bearers.length > 0, 'the console called the API with a bearer token');
  const claims = payload(bearers[0]);
  assert.equal(claims.iss, provider.issuer);
  assert.equal(claims.aud, CLIENT_ID);
  assert.deepEqual(claims['cognito:groups'], ['demo:officer']);
  const header = JSON.parse(Buffer.from(bearers[0].split('.')[0], 'base64url').toString('utf8'));
  assert.equal(header.alg, 'RS256');
  await assertNoViolations(page, 'the queue after the hosted sign-in');
  await page.done();
});

test('the token is refreshed before it expires, without redrawing what the officer is typing', async () => {
  const page = await freshPage();
  const bearers = watchBearers(page);
  await signIn(page, 'ann');
  await page.getByText('Ann Jones').first().waitFor({ timeout: TIMEOUT });
  const first = await (async () => {
    for (let i = 0; i < 100 && bearers.length === 0; i += 1) await page.waitForTimeout(100);
    return bearers[0];
  })();
  assert.ok(first, 'a first token was used');

  // Start logging a case and type into it while the refresh happens.
  await page.getByRole('link', { name: 'Log a case' }).click();
  const field = page.locator('textarea').first();
  await field.waitFor({ timeout: TIMEOUT });
  await field.fill('Typed before the refresh.');
  const refreshed = await page.waitForRequest(
    (r) => r.url() === `${provider.issuer}/oauth2/token` && (r.postData() || '').includes('grant_type=refresh_token'),
    { timeout: ID_TOKEN_SECONDS * 1000 + 10_000 },
  );
  assert.ok(refreshed);
  await page.waitForTimeout(500);
  assert.equal(await field.inputValue(), 'Typed before the refresh.');

  // The next call carries the new token, which the API accepts.
  const answered = page.waitForResponse((r) => r.url().includes('/v1/councils/demo/cases') && r.request().method() === 'GET');
  await page.getByRole('link', { name: 'Cases' }).click();
  assert.equal((await answered).status(), 200);
  const latest = bearers[bearers.length - 1];
  assert.notEqual(latest, first, 'a fresh token was sent');
  assert.ok(payload(latest).exp > payload(first).exp);
  await page.done();
});

test('without a refresh token the officer is signed out when the token expires, and told why', async () => {
  const page = await freshPage();
  await signIn(page, 'lapsing');
  await page.getByText('Lee Short').first().waitFor({ timeout: TIMEOUT });
  await page.getByText('Your session has ended. Sign in again to carry on.')
    .waitFor({ timeout: ID_TOKEN_SECONDS * 1000 + 10_000 });
  assert.equal(await page.getByText('Lee Short').count(), 0);
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: TIMEOUT });
  await assertNoViolations(page, 'the sign-in page after the session ended');
  await page.done();
});

test('a deep link survives the sign-in, and signing out ends the provider session too', async () => {
  const page = await freshPage();
  await signIn(page, 'mo', '/console/log');
  await page.getByText('Mo Khan').first().waitFor({ timeout: TIMEOUT });
  await page.waitForURL(`${server.origin}/console/log`, { timeout: TIMEOUT });
  assert.equal(await page.locator('h1#main-heading').textContent(), 'Log a case');

  await page.getByRole('button', { name: 'Sign out' }).click();
  // The provider asks to confirm ending its session, then sends the officer back.
  const confirm = page.locator('button[name="logout"], button[type="submit"]').first();
  await confirm.waitFor({ timeout: TIMEOUT });
  await confirm.click();
  await page.waitForURL(`${server.origin}/console/**`, { timeout: TIMEOUT });
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Asked again: the provider's session is over.
  await page.waitForSelector('input[name="login"]', { timeout: TIMEOUT });
  await page.done();
});

test('an account without a council, a refused sign-in and a forged return are all refused clearly', async () => {
  const page = await freshPage();
  await signIn(page, 'nobody');
  await page.getByText('Your account does not work for any council here.').waitFor({ timeout: TIMEOUT });
  await assertNoViolations(page, 'the sign-in refused for an account without a council');

  // A code this tab never asked for (a link crafted elsewhere) is not exchanged.
  await page.goto(`${server.origin}/console/?code=forged&state=forged`);
  await page.getByText('This sign-in was not started here, or has been used already.').waitFor({ timeout: TIMEOUT });
  assert.equal(new URL(page.url()).search, '');

  await page.goto(`${server.origin}/console/?error=access_denied&state=x`);
  await page.getByText('You were not signed in.').waitFor({ timeout: TIMEOUT });
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: TIMEOUT });

  // The local one-time sign-in is not there behind a provider.
  const r = await fetch(`${server.origin}/v1/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'x' }),
  });
  assert.equal(r.status, 404);
  await page.done();
});
