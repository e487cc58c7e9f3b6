import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { isRole, type Principal } from './role.js';

/** What a verified token's claims make of its holder; the same for bearer JWTs and the console's ID tokens. */
export interface OidcClaimSettings {
  /** The claim holding the role, a string or a list (default `roles`). */
  readonly roleClaim: string;
  /** The office of every account, where the provider serves one office (OIDC_TENANT). */
  readonly tenantId: string;
  /**
   * Where one provider serves several offices of the installation: the claim naming the
   * account's office (OIDC_OFFICE_CLAIM). It replaces `tenantId`; an account without it is refused.
   */
  readonly officeClaim?: string | undefined;
}

/** Whether an office of that id is served here: a claim naming another is refused, not opened empty. */
export type KnownOffice = (tenantId: string) => Promise<boolean>;

export interface OidcSettings extends OidcClaimSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
}

export function oidcClaimSettingsFromEnv(env: NodeJS.ProcessEnv): OidcClaimSettings {
  return { roleClaim: env['OIDC_ROLE_CLAIM'] ?? 'roles', tenantId: env['OIDC_TENANT'] ?? DEFAULT_TENANT_ID, officeClaim: env['OIDC_OFFICE_CLAIM'] || undefined };
}

/** Single sign-on is on when OIDC_ISSUER and OIDC_AUDIENCE are set; the keys come from the issuer's JWKS. */
export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv): OidcSettings | undefined {
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

  constructor(
    private readonly settings: OidcSettings,
    keys?: JWTVerifyGetKey,
    private readonly knownOffice: KnownOffice = async (tenantId) => tenantId === settings.tenantId,
  ) {
    this.keys = keys ?? createRemoteJWKSet(new URL(settings.jwksUrl));
  }

  /**
   * The caller; `no-role` for a valid token that names none of our roles, `no-office` for one
   * whose office claim names no office served here; undefined when not valid.
   */
  async principalOf(jwt: string): Promise<Principal | 'no-role' | 'no-office' | undefined> {
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
    const tenantId = this.settings.officeClaim ? await this.officeOf(payload[this.settings.officeClaim]) : this.settings.tenantId;
    if (!tenantId) return 'no-office';
    return { tenantId, role, subject: `oidc:${payload.sub ?? 'unknown'}` };
  }

  /** Exactly one office, and one served here: an account of two offices must be given one per sign-in by its provider. */
  private async officeOf(claim: unknown): Promise<string | undefined> {
    const offices = Array.isArray(claim) ? claim : [claim];
    if (offices.length !== 1 || typeof offices[0] !== 'string' || offices[0] === '') return undefined;
    return (await this.knownOffice(offices[0])) ? offices[0] : undefined;
  }
}
