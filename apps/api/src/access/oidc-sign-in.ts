import { Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import * as client from 'openid-client';
import { CLOCK_TOLERANCE_SECONDS, OidcVerifier, type KnownOffice } from './oidc-verifier.js';
import type { OidcSignInSettings } from './oidc-sign-in-settings.js';
import type { Principal } from './role.js';

/** Why a sign-in did not open a session; the console names each in German (`/?anmeldung=<reason>`). */
export type SignInFailure = 'denied' | 'state' | 'no-role' | 'no-office' | 'failed' | 'unavailable';

/** How long a started sign-in may take at the provider (login, perhaps a second factor). */
export const PENDING_SIGN_IN_MS = 10 * 60_000;

interface PendingSignIn {
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** The provider as discovery found it, and the verifier of the ID tokens it issues to this client. */
interface DiscoveredProvider {
  readonly config: client.Configuration;
  readonly idTokens: OidcVerifier;
}

async function discoverProvider(settings: OidcSignInSettings, knownOffice?: KnownOffice): Promise<DiscoveredProvider> {
  const metadata: Partial<client.ClientMetadata> = { [client.clockTolerance]: CLOCK_TOLERANCE_SECONDS };
  if (settings.clientSecret) metadata.client_secret = settings.clientSecret;
  // The settings allow http only on loopback.
  const execute = settings.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
  const config = await client.discovery(settings.issuer, settings.clientId, metadata, undefined, { execute });
  const { issuer, jwks_uri } = config.serverMetadata();
  if (!jwks_uri) throw new Error('the provider names no jwks_uri');
  const { roleClaim, tenantId, officeClaim } = settings;
  return { config, idTokens: new OidcVerifier({ issuer, audience: settings.clientId, jwksUrl: jwks_uri, roleClaim, tenantId, officeClaim }, undefined, knownOffice) };
}

/** The error's kind for the log: codes only, never a token, code or description the provider wrote about a user. */
function kindOf(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) return `${error.code} ${error.error}`;
  return error instanceof Error ? `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}` : 'unknown error';
}

/**
 * The console's single sign-on, authorization code with PKCE, run by the API so that no token
 * reaches the browser. State, nonce and code verifier stay in this process (so the callback
 * must reach the process that started the sign-in: one API process, or sticky sessions behind
 * several); the browser holds only the state, which binds the callback to itself. A pending
 * sign-in is taken by its first callback, whatever comes of it, so a code verifier serves one
 * exchange. The ID token is verified as a bearer JWT is (signature by the provider's keys,
 * issuer, audience = client id, time claims, role claim); openid-client checks the answer's
 * state, issuer and the token's nonce.
 */
export class OidcSignIn {
  private readonly logger = new Logger('OidcSignIn');
  private readonly pending = new LRUCache<string, PendingSignIn>({ max: 10_000, ttl: PENDING_SIGN_IN_MS });
  private discovered: Promise<DiscoveredProvider> | undefined;

  constructor(
    readonly settings: OidcSignInSettings,
    private readonly knownOffice?: KnownOffice,
  ) {}

  /** Where to send the browser, and the state it must bring back. */
  async start(): Promise<{ state: string; authorizationUrl: URL } | 'unavailable'> {
    const provider = await this.provider();
    if (!provider) return 'unavailable';
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    this.pending.set(state, { nonce, codeVerifier });
    const authorizationUrl = client.buildAuthorizationUrl(provider.config, {
      redirect_uri: this.settings.redirectUri.href,
      scope: 'openid',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { state, authorizationUrl };
  }

  /** The signed-in principal, from the callback's query string and the state the browser kept. */
  async finish(callbackQuery: string, browserState: string | undefined): Promise<Principal | SignInFailure> {
    const query = new URLSearchParams(callbackQuery);
    const state = query.get('state');
    const pending = state !== null && state === browserState ? this.pending.get(state) : undefined;
    if (!pending || !state) return 'state';
    this.pending.delete(state);
    const provider = await this.provider();
    if (!provider) return 'unavailable';
    const callbackUrl = new URL(this.settings.redirectUri);
    callbackUrl.search = query.toString();
    let idToken: string | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(provider.config, callbackUrl, { pkceCodeVerifier: pending.codeVerifier, expectedState: state, expectedNonce: pending.nonce });
      idToken = tokens.id_token;
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError && error.error === 'access_denied') return 'denied';
      this.logger.warn(`single sign-on failed at the provider: ${kindOf(error)}`);
      return 'failed';
    }
    const principal = idToken ? await provider.idTokens.principalOf(idToken) : undefined;
    if (principal === 'no-role') {
      this.logger.warn(`single sign-on refused: the ID token's claim ${this.settings.roleClaim} names no role of this service`);
      return 'no-role';
    }
    if (principal === 'no-office') {
      this.logger.warn(`single sign-on refused: the ID token's claim ${this.settings.officeClaim} names no office of this service`);
      return 'no-office';
    }
    if (!principal) this.logger.warn('single sign-on refused: the ID token is not valid (signature, issuer, audience or time)');
    return principal ?? 'failed';
  }

  /** Discovery once, retried at the next sign-in when the provider was not reachable. */
  private async provider(): Promise<DiscoveredProvider | undefined> {
    this.discovered ??= discoverProvider(this.settings, this.knownOffice);
    try {
      return await this.discovered;
    } catch (error) {
      this.discovered = undefined;
      this.logger.warn(`single sign-on: discovery at ${this.settings.issuer.href} failed: ${kindOf(error)}`);
      return undefined;
    }
  }
}
