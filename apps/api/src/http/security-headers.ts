import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * helmet's strict defaults on every answer; the interactive docs alone may run inline script
 * and style, which swagger-ui needs. Scripts never run inline, in the console neither.
 */
export function setSecurityHeaders(server: FastifyInstance): void {
  const forDocs = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"] } } });
  // The console runs in offices' closed networks: everything from this origin, nothing from any
  // other (helmet's default lets fonts and styles come from any https origin), and no upgrade of
  // requests to https, which would break a console served over plain http on an intranet host.
  const strict = helmet({
    contentSecurityPolicy: { directives: { 'font-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null } },
  });
  server.addHook('onRequest', (request, reply, done) => {
    (request.url.startsWith('/docs') ? forDocs : strict)(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
}
