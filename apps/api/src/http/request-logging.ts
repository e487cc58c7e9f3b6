import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { AuthenticatedRequest } from '../access/access.guard.js';
import { isSignOn } from '../access-log/record-access.js';

/**
 * One JSON line per request, when it is answered: method, path, status, time, role and token
 * id. No body and no header: the API carries no personal data, and tokens stay out of the logs.
 */
export function logRequests(server: FastifyInstance, logLevel: string): void {
  const log = pino({ level: logLevel });
  server.addHook('onResponse', async (request, reply) => {
    const principal = (request as unknown as AuthenticatedRequest).principal;
    log.info(
      {
        req: { id: request.id, method: request.method, url: isSignOn(request.url) ? request.url.split('?')[0] : request.url },
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime),
        ...(principal ? { role: principal.role, subject: principal.subject, tenant: principal.tenantId } : {}),
      },
      'request completed',
    );
  });
}
