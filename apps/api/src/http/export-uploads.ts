import type { FastifyInstance } from 'fastify';

/**
 * A body that is not JSON is left unread by the server: an uploaded export file is streamed
 * to the inbox by its route, so a file of hundreds of megabytes never sits in memory and no
 * body limit applies to it, whatever content type the client's tool sends with it (curl's
 * `--data-binary` says form data, some tools text/plain). JSON keeps fastify's own parser; the
 * API takes no forms, so Nest's form parser is not registered (`bodyParser: false`).
 */
export function acceptExportUploads(server: FastifyInstance): void {
  server.removeContentTypeParser('text/plain');
  server.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
}
