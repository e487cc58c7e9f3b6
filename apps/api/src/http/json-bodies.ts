import type { FastifyInstance } from 'fastify';
import { bodyTooLarge, declaredAbove, LimitedBody } from './limited-body.js';

/** Fastify's default: every JSON body of the API (catalogues, schedules, commands) is a few kilobytes. */
export const JSON_BODY_MAX_BYTES = 1024 * 1024;

/**
 * JSON bodies up to JSON_BODY_MAX_BYTES, parsed by fastify's own parser (which refuses
 * prototype poisoning). A larger one is answered with 413 and a message saying so, in the
 * shape of every other refusal, and is read to its end so the client sees the answer.
 */
export function parseJsonBodies(server: FastifyInstance): void {
  const parse = server.getDefaultJsonParser('error', 'error');
  const tooLarge = () => bodyTooLarge('the JSON body', JSON_BODY_MAX_BYTES);
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', (request, payload, done) => {
    if (declaredAbove(request.headers, JSON_BODY_MAX_BYTES)) {
      done(tooLarge(), undefined);
      return;
    }
    bytesOf(new LimitedBody(payload, JSON_BODY_MAX_BYTES, tooLarge)).then(
      (bytes) => parse(request, bytes.toString('utf8'), done),
      (error: Error) => done(error, undefined),
    );
  });
}

async function bytesOf(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}
