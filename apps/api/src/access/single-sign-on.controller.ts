import { Controller, Get, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiAnswerOf } from '../openapi/api-answer.js';
import { CONSOLE_SESSIONS, type AuthenticatedRequest } from './access.guard.js';
import { PublicRoute } from './allow.decorator.js';
import type { ConsoleSessions } from './console-sessions.js';
import { PENDING_SIGN_IN_MS, type OidcSignIn, type SignInFailure } from './oidc-sign-in.js';
import { setSessionCookie } from './session-cookie.js';

export const OIDC_SIGN_IN = Symbol('OIDC_SIGN_IN');

/** The state of a sign-in under way, in the browser that started it. */
const SIGN_IN_STATE_COOKIE = 'jc_sso_state';

const methodsAnswer = z.object({
  singleSignOn: z.boolean().describe('Whether the console offers single sign-on (GET /api/v1/session/oidc) beside the access token.'),
});

/** Where the console's sign-in page names what went wrong. */
const failurePath = (reason: SignInFailure) => `/?anmeldung=${reason}`;

/**
 * The console's single sign-on, as a backend for the frontend: the API runs the authorization
 * code flow with the provider and ends it with the same session cookie a token sign-in gets.
 */
@ApiTags('Session')
@Controller('api/v1/session')
export class SingleSignOnController {
  constructor(
    @Inject(OIDC_SIGN_IN) private readonly signIn: OidcSignIn | null,
    @Inject(CONSOLE_SESSIONS) private readonly sessions: ConsoleSessions,
  ) {}

  @Get('methods')
  @PublicRoute()
  @ApiOperation({ summary: 'How the console may sign in: always with an access token, with single sign-on when configured' })
  @ApiAnswerOf(methodsAnswer, 'The sign-in methods offered')
  methods(): z.output<typeof methodsAnswer> {
    return { singleSignOn: this.signIn !== null };
  }

  @Get('oidc')
  @PublicRoute()
  @ApiOperation({ summary: "Starts single sign-on: redirects the browser to the provider's login (authorization code with PKCE)" })
  @ApiFoundResponse({ description: "To the provider's authorization endpoint; to /?anmeldung=unavailable when the provider cannot be reached" })
  @ApiNotFoundResponse({ description: 'Single sign-on is not configured' })
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const signIn = this.configured();
    const started = await signIn.start();
    if (started === 'unavailable') return reply.redirect(failurePath('unavailable'), 302);
    // SameSite=Lax, not Strict like the session: the provider sends the browser back with a
    // top-level navigation from its own site, which carries Lax cookies but never Strict ones.
    // Lax still keeps the cookie from other sites' embedded requests and form posts; the path
    // keeps it off every request but the callback.
    reply.setCookie(SIGN_IN_STATE_COOKIE, started.state, {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      path: signIn.settings.redirectUri.pathname,
      maxAge: PENDING_SIGN_IN_MS / 1000,
    });
    return reply.redirect(started.authorizationUrl.href, 302);
  }

  @Get('oidc/callback')
  @PublicRoute()
  @ApiOperation({ summary: 'The provider sends the browser back here: opens the console session and redirects to the console' })
  @ApiFoundResponse({ description: 'To / signed in (session cookie set), or to /?anmeldung=<denied|state|no-role|no-office|failed|unavailable>' })
  @ApiNotFoundResponse({ description: 'Single sign-on is not configured' })
  async callback(@Req() request: FastifyRequest & AuthenticatedRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const signIn = this.configured();
    const browserState = request.cookies[SIGN_IN_STATE_COOKIE];
    reply.clearCookie(SIGN_IN_STATE_COOKIE, { path: signIn.settings.redirectUri.pathname });
    const outcome = await signIn.finish(new URL(request.url, 'http://callback').search, browserState);
    if (typeof outcome === 'string') return reply.redirect(failurePath(outcome), 302);
    // The request's log line names the role and the pseudonymous subject, as for any signed-in request.
    request.principal = outcome;
    const { sessionId, session } = await this.sessions.open(outcome);
    setSessionCookie(request, reply, sessionId, session);
    return reply.redirect('/', 302);
  }

  private configured(): OidcSignIn {
    if (!this.signIn) throw new NotFoundException('single sign-on is not configured (OIDC_ISSUER, OIDC_CLIENT_ID)');
    return this.signIn;
  }
}
