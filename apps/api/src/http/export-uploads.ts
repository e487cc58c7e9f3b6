import type { FastifyInstance } from 'fastify';
import { bodyTooLarge, declaredAbove, LimitedBody } from './limited-body.js';

/**
 * A body that is not JSON is handed to its route unread, as a stream: an uploaded export file
 * is streamed to the inbox, so a file of hundreds of megabytes never sits in memory, whatever
 * content type the client's tool sends with it (curl's `--data-binary` says form data, some
 * tools text/plain). It may hold at most UPLOAD_MAX_BYTES: a larger one is answered with 413,
 * at once when its length is declared, else as soon as the limit is passed. JSON has its own
 * parser; the API takes no forms, so Nest's form parser is not registered (`bodyParser: false`).
 */
export function acceptExportUploads(server: FastifyInstance, limit: number): void {
  const tooLarge = () => bodyTooLarge('the upload', limit, 'UPLOAD_MAX_BYTES');
  server.removeContentTypeParser('text/plain');
  server.addContentTypeParser('*', (request, payload, done) => {
    if (declaredAbove(request.headers, limit)) done(tooLarge(), undefined);
    else done(null, new LimitedBody(payload, limit, tooLarge));
  });
}
