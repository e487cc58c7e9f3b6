import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type ConsoleSession } from './console-sessions.js';

/**
 * The console session's cookie, whichever way the user signed in: httpOnly, so the browser's
 * script never holds the credential; SameSite=Strict, so other sites' requests go without it;
 * Secure over HTTPS.
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionId: string, session: ConsoleSession): void {
  reply.setCookie(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: '/',
    expires: session.expiresAt,
  });
}
