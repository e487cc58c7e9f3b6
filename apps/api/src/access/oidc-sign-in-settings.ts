import { oidcClaimSettingsFromEnv, type OidcClaimSettings } from './oidc-verifier.js';

/** Where the provider sends the browser back to; OIDC_REDIRECT_URI must end with it. */
export const CALLBACK_PATH = '/api/v1/session/oidc/callback';

export interface OidcSignInSettings extends OidcClaimSettings {
  readonly issuer: URL;
  readonly clientId: string;
  /** Absent for a public client: PKCE alone then binds the code to this sign-in. */
  readonly clientSecret: string | undefined;
  readonly redirectUri: URL;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The console's single sign-on is offered when OIDC_ISSUER and OIDC_CLIENT_ID are set. The
 * redirect URI is configured, not derived from the request: it must be exactly the one
 * registered at the provider, and a Host header is the caller's to choose.
 */
export function oidcSignInSettingsFromEnv(env: NodeJS.ProcessEnv): OidcSignInSettings | undefined {
  const issuer = env['OIDC_ISSUER'];
  const clientId = env['OIDC_CLIENT_ID'];
  if (!issuer || !clientId) return undefined;
  const redirectUri = env['OIDC_REDIRECT_URI'];
  if (!redirectUri || !URL.canParse(redirectUri) || !new URL(redirectUri).pathname.endsWith(CALLBACK_PATH)) {
    throw new Error(`OIDC_CLIENT_ID is set: OIDC_REDIRECT_URI must be the console's address followed by ${CALLBACK_PATH}, as registered at the provider`);
  }
  const issuerUrl = new URL(issuer);
  // The code and the client secret travel to the provider: in clear text only within this host.
  if (issuerUrl.protocol !== 'https:' && !LOOPBACK_HOSTS.has(issuerUrl.hostname)) {
    throw new Error('OIDC_ISSUER must be an https address for the console sign-in (http only on this host)');
  }
  return { issuer: issuerUrl, clientId, clientSecret: env['OIDC_CLIENT_SECRET'] || undefined, redirectUri: new URL(redirectUri), ...oidcClaimSettingsFromEnv(env) };
}
