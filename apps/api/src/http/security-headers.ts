import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * helmet's strict defaults on every answer; the interactive docs alone may run inline script
 * and style, which swagger-ui needs.
 */
export function setSecurityHeaders(server: FastifyInstance): void {
  const forDocs = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"] } } });
  const strict = helmet();
  server.addHook('onRequest', (request, reply, done) => {
    (request.url.startsWith('/docs') ? forDocs : strict)(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
}
