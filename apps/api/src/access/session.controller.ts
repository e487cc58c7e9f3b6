import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiBodyOf, Validated } from '../http/validated.js';
import { ApiAnswerOf } from '../openapi/api-answer.js';
import { CONSOLE_SESSIONS, TOKEN_PRINCIPALS, type AuthenticatedRequest } from './access.guard.js';
import { PublicRoute } from './allow.decorator.js';
import { csrfTokenMatches, SESSION_COOKIE, type ConsoleSession, type ConsoleSessions } from './console-sessions.js';
import { ROLES } from './role.js';
import { setSessionCookie } from './session-cookie.js';
import type { TokenPrincipals } from './token-principals.js';

const signInBody = z.object({ token: z.string().min(1, { error: 'required: the access token' }).describe('An API token (npm run token), exchanged for a session cookie.') });

const sessionAnswer = z.object({
  role: z.enum(ROLES),
  csrfToken: z.string().describe('Send back as X-CSRF-Token with every change made in this session.'),
  expiresAt: z.string().describe('When the session ends (ISO timestamp).'),
});

function answerOf(session: ConsoleSession): z.output<typeof sessionAnswer> {
  return { role: session.principal.role, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
}

/**
 * The web console's sign-in: a token becomes a session cookie (httpOnly, SameSite=Strict,
 * Secure over HTTPS), so the browser's script never holds a credential.
 */
@ApiTags('Session')
@Controller('api/v1/session')
export class SessionController {
  constructor(
    @Inject(TOKEN_PRINCIPALS) private readonly tokens: TokenPrincipals,
    @Inject(CONSOLE_SESSIONS) private readonly sessions: ConsoleSessions,
  ) {}

  @Post()
  @PublicRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in to the web console with an access token: sets the session cookie' })
  @ApiBodyOf(signInBody)
  @ApiAnswerOf(sessionAnswer, 'The session: its role and the CSRF token for changes')
  async signIn(@Body(new Validated(signInBody)) body: z.output<typeof signInBody>, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const principal = await this.tokens.principalOf(body.token);
    if (!principal) throw new UnauthorizedException('the access token is unknown, revoked or expired');
    const { sessionId, session } = await this.sessions.open(principal);
    setSessionCookie(request, reply, sessionId, session);
    return answerOf(session);
  }

  @Get()
  @PublicRoute()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({ summary: 'The signed-in console session (401 without one)' })
  @ApiAnswerOf(sessionAnswer, 'The session: its role and the CSRF token for changes')
  async current(@Req() request: AuthenticatedRequest) {
    return answerOf(await this.sessionOf(request));
  }

  @Delete()
  @PublicRoute()
  @HttpCode(204)
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({ summary: 'Sign out: ends the session (needs its X-CSRF-Token) and clears the cookie' })
  async signOut(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const session = await this.sessionOf(request);
    if (!csrfTokenMatches(session, request.headers['x-csrf-token'])) throw new UnauthorizedException('signing out needs the X-CSRF-Token of the session');
    await this.sessions.close(request.cookies![SESSION_COOKIE]!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  private async sessionOf(request: AuthenticatedRequest): Promise<ConsoleSession> {
    const sessionId = request.cookies?.[SESSION_COOKIE];
    const session = sessionId ? await this.sessions.find(sessionId) : undefined;
    if (!session) throw new UnauthorizedException('not signed in');
    return session;
  }
}
