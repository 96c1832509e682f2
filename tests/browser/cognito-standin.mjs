// A certified OpenID provider (npm `oidc-provider`) standing in for the Cognito user
// pool's hosted sign-in in the console's browser tests: Cognito's endpoint layout
// (/oauth2/authorize, /oauth2/token, /logout, keys at /.well-known/jwks.json), RS256 ID
// tokens carrying `cognito:groups`, a public client that must use PKCE, and refresh tokens
// as Cognito issues them (without asking for `offline_access`).
//
// Its sign-in page is the provider's own development page (any password is accepted);
// the accounts below say who each login name is.

import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import Provider from 'oidc-provider';

export const CLIENT_ID = 'council-feedback-console';

/** Who signs in with each login name. `lapsing` gets no refresh token. */
const ACCOUNTS = {
  ann: { name: 'Ann Jones', email: 'ann.jones@demo.example', groups: ['demo:officer'] },
  mo: { name: 'Mo Khan', email: 'mo.khan@demo.example', groups: ['demo:manager', 'aberwen:officer'] },
  lapsing: { name: 'Lee Short', email: 'lee.short@demo.example', groups: ['demo:officer'] },
  nobody: { name: 'Nia Nobody', email: 'nia@demo.example', groups: ['everyone'] },
};

/** A port nothing listens on now, for a server that must be named before it starts. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the provider for a console served at `consoleOrigin`, its ID tokens living
 * `idTokenSeconds`. Resolves `{ issuer, stop() }`.
 */
export async function startCognitoStandIn({ consoleOrigin, idTokenSeconds = 3600 }) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'standin-1', alg: 'RS256', use: 'sig' };
  const redirect = `${consoleOrigin}/console/`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: CLIENT_ID,
      token_endpoint_auth_method: 'none',
      redirect_uris: [redirect],
      post_logout_redirect_uris: [redirect],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
    }],
    jwks: { keys: [jwk] },
    routes: {
      authorization: '/oauth2/authorize',
      token: '/oauth2/token',
      userinfo: '/oauth2/userInfo',
      jwks: '/.well-known/jwks.json',
      end_session: '/logout',
      revocation: '/oauth2/revoke',
    },
    scopes: ['openid', 'email', 'profile'],
    claims: {
      openid: ['sub', 'cognito:groups'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // Cognito puts the scopes' claims in the ID token itself.
    conformIdTokenClaims: false,
    findAccount: async (_ctx, id) => {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          name: account.name,
          email: account.email,
          email_verified: true,
          'cognito:groups': account.groups,
        }),
      };
    },
    // Officers are not asked to consent to their own council's console.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(['sub', 'cognito:groups', 'email', 'email_verified', 'name']);
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.accountId !== 'lapsing',
    clientBasedCORS: (_ctx, origin, client) =>
      client.redirectUris.some((uri) => new URL(uri).origin === origin),
    ttl: {
      IdToken: idTokenSeconds,
      AccessToken: idTokenSeconds,
      RefreshToken: 3600,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    cookies: { keys: ['a test-only cookie key, trusted nowhere'] },
    features: { devInteractions: { enabled: true } },
  });
  const server = provider.listen(port);
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    issuer,
    async stop() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Signs in at the provider's own page as `login` (any password). */
export async function signInAtProvider(page, login) {
  await page.waitForSelector('input[name="login"]', { timeout: 20_000 });
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'any password will do');
  await page.click('button[type="submit"]');
}
