// A real OpenID Connect provider for Vaksam's sign-in tests and for trying SSO locally.
// It is node-oidc-provider (OpenID Certified) with one client, PKCE required, RP-initiated
// logout, RS256 ID tokens signed with a key made at startup, and its development login form:
// any password is accepted, and the login typed is the account's id (its `sub`).
//
// Configured from the environment (the pytest fixture sets these):
//   PORT                     port on 127.0.0.1 (default 9000)
//   OIDC_CLIENT_ID           the one client's id (default vaksam-local)
//   OIDC_CLIENT_SECRET       its secret (default vaksam-local-secret)
//   OIDC_REDIRECT_URIS       comma-separated (default http://127.0.0.1:8000/oidc/callback/)
//   OIDC_POST_LOGOUT_REDIRECT_URIS  comma-separated (default http://127.0.0.1:8000/)
//   OIDC_ACCOUNTS_FILE       JSON {login: {email, employeeid, oid, name, ...}}, read on every
//                            sign-in so tests can add people or change an e-mail at any time.
// A login missing from the file signs in with claims made from the login itself: an address
// with "@" becomes the e-mail, anything else the employee id.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import Provider from 'oidc-provider';

const port = Number(process.env.PORT || 9000);
const issuer = `http://127.0.0.1:${port}`;
const list = (value, fallback) => (value || fallback).split(',').map((s) => s.trim()).filter(Boolean);

const clientId = process.env.OIDC_CLIENT_ID || 'vaksam-local';
const scopes = 'openid email profile';

function accountClaims(login) {
  const file = process.env.OIDC_ACCOUNTS_FILE;
  const accounts = file ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (accounts[login]) return accounts[login];
  return login.includes('@') ? { email: login } : { employeeid: login };
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: process.env.OIDC_CLIENT_SECRET || 'vaksam-local-secret',
    redirect_uris: list(process.env.OIDC_REDIRECT_URIS, 'http://127.0.0.1:8000/oidc/callback/'),
    post_logout_redirect_uris: list(
      process.env.OIDC_POST_LOGOUT_REDIRECT_URIS, 'http://127.0.0.1:8000/',
    ),
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    // Entra ID sends these as optional claims; here they come with the profile scope.
    profile: ['name', 'given_name', 'family_name', 'employeeid', 'oid'],
  },
  async findAccount(ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        return { sub, ...accountClaims(sub) };
      },
    };
  },
  // Like an organisation's provider with admin consent: no consent screen for our one client.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(scopes);
    await grant.save();
    return grant;
  },
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`OpenID Connect test provider at ${issuer} (client ${clientId})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
