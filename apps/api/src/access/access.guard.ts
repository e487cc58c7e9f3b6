import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './allow.decorator.js';
import { csrfTokenMatches, SESSION_COOKIE, type ConsoleSessions } from './console-sessions.js';
import { OidcVerifier } from './oidc-verifier.js';
import type { Principal, Role } from './role.js';
import type { TokenPrincipals } from './token-principals.js';

export const OIDC_VERIFIER = Symbol('OIDC_VERIFIER');
export const TOKEN_PRINCIPALS = Symbol('TOKEN_PRINCIPALS');
export const CONSOLE_SESSIONS = Symbol('CONSOLE_SESSIONS');

export interface AuthenticatedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
  principal?: Principal;
}

/** Methods that change nothing: a console session may use them without its CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route is closed unless it names its roles (or is public): a route that forgets
 * its `@Allow` answers 403 to everyone rather than opening up.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_PRINCIPALS) private readonly tokens: TokenPrincipals,
    @Inject(OIDC_VERIFIER) private readonly oidc: OidcVerifier | null,
    @Inject(CONSOLE_SESSIONS) private readonly sessions: ConsoleSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.headers['authorization'] === undefined && request.cookies?.[SESSION_COOKIE] ? await this.sessionOf(request) : await this.authenticate(request.headers['authorization']);
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? [];
    if (!allowed.includes(principal.role)) {
      throw new ForbiddenException(`role ${principal.role} may not use this endpoint; allowed: ${allowed.join(', ') || 'none'}`);
    }
    return true;
  }

  /**
   * The web console's caller. The cookie goes along with any request the browser makes to
   * this origin, so a write must also show the session's CSRF token, which only the console's
   * own script can read (SameSite=Strict already keeps other sites' requests without it).
   */
  private async sessionOf(request: AuthenticatedRequest): Promise<Principal> {
    const session = await this.sessions.find(request.cookies![SESSION_COOKIE]!);
    if (!session) throw new UnauthorizedException('the session has ended or was signed out: sign in again');
    if (!SAFE_METHODS.has(request.method) && !csrfTokenMatches(session, request.headers['x-csrf-token'])) {
      throw new ForbiddenException('a change made from the console must carry the X-CSRF-Token of its session');
    }
    return session.principal;
  }

  private async authenticate(header: string | string[] | undefined): Promise<Principal> {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <token>)');
    const token = match[1]!;
    const looksLikeJwt = token.split('.').length === 3;
    if (looksLikeJwt && this.oidc) {
      const principal = await this.oidc.principalOf(token);
      if (principal === 'no-role') throw new ForbiddenException('the single sign-on token names no role of this service');
      if (principal === 'no-office') throw new ForbiddenException('the single sign-on token names no office of this service');
      if (principal) return principal;
    } else {
      const principal = await this.tokens.principalOf(token);
      if (principal) return principal;
    }
    throw new UnauthorizedException('the bearer token is unknown, revoked or expired');
  }
}
