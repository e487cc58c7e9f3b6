import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../access/access.guard.js';
import type { AccessLogWriter } from './access-log-writer.js';

/**
 * Every request to the API is an entry of the access log once it is answered: who, what, when,
 * with what outcome. The route is logged as its pattern with its parameters beside it; no body
 * is ever logged (an upload is an export file, a sign-in carries a token).
 */
export function recordAccess(server: FastifyInstance, writer: AccessLogWriter): void {
  server.addHook('onResponse', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const principal = (request as unknown as AuthenticatedRequest).principal;
    const query = (request.query ?? {}) as Record<string, unknown>;
    writer.record({
      tenantId: principal?.tenantId ?? null,
      at: new Date(),
      role: principal?.role ?? null,
      subject: principal?.subject ?? null,
      method: request.method,
      route: routeOf(request),
      parameters: isSignOn(request.url) ? {} : { ...(request.params as Record<string, unknown>), ...query },
      format: typeof query['format'] === 'string' ? query['format'] : null,
      status: reply.statusCode,
      outcome: reply.statusCode < 400 ? 'answered' : reply.statusCode < 500 ? 'refused' : 'failed',
      durationMs: Math.round(reply.elapsedTime),
    });
  });
}

/** The sign-on's return carries a one-time code and state: secrets, not parameters worth keeping. */
export function isSignOn(url: string): boolean {
  return url.startsWith('/api/v1/session');
}

/** The route's pattern (`/api/v1/admin/imports/:importId`), or the path where no route matched. */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url.split('?')[0]!;
}
