import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { isRole, type Principal } from './role.js';

/** What a verified token's claims make of its holder; the same for bearer JWTs and the console's ID tokens. */
export interface OidcClaimSettings {
  /** The claim holding the role, a string or a list (default `roles`). */
  readonly roleClaim: string;
  readonly tenantId: string;
}

export interface OidcSettings extends OidcClaimSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
}

export function oidcClaimSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): OidcClaimSettings {
  return { roleClaim: env['OIDC_ROLE_CLAIM'] ?? 'roles', tenantId: env['OIDC_TENANT'] ?? DEFAULT_TENANT_ID };
}

/** Single sign-on is on when OIDC_ISSUER and OIDC_AUDIENCE are set; the keys come from the issuer's JWKS. */
export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): OidcSettings | undefined {
  const issuer = env['OIDC_ISSUER'];
  const audience = env['OIDC_AUDIENCE'];
  if (!issuer || !audience) return undefined;
  return {
    issuer,
    audience,
    jwksUrl: env['OIDC_JWKS_URL'] ?? `${issuer.replace(/\/$/, '')}/protocol/openid-connect/certs`,
    ...oidcClaimSettingsFromEnv(env),
  };
}

/**
 * How far the identity provider's clock may be from ours, in seconds: enough for servers kept
 * by NTP, too little to stretch a token's life noticeably.
 */
export const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Verifies a single sign-on JWT: signature, issuer, audience and its time claims; its role
 * claim names one of ours. A token without `exp` would be valid forever, so it is refused.
 */
export class OidcVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly settings: OidcSettings, keys?: JWTVerifyGetKey) {
    this.keys = keys ?? createRemoteJWKSet(new URL(settings.jwksUrl));
  }

  /** The caller; `no-role` for a valid token that names none of our roles; undefined when not valid. */
  async principalOf(jwt: string): Promise<Principal | 'no-role' | undefined> {
    let payload;
    try {
      ({ payload } = await jwtVerify(jwt, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch {
      return undefined;
    }
    // jose looks at `iat` only when a maximum age is set; one from the future means a wrong clock or a forged token.
    if (payload.iat !== undefined && payload.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) return undefined;
    const claim = payload[this.settings.roleClaim];
    const role = (Array.isArray(claim) ? claim : [claim]).find(isRole);
    if (!role) return 'no-role';
    return { tenantId: this.settings.tenantId, role, subject: `oidc:${payload.sub ?? 'unknown'}` };
  }
}
