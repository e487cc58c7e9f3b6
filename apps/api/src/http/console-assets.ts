import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The console's own paths: a bookmark or a reload of one of them gets the console's page. */
const CONSOLE_PATHS = ['/controlling', '/gesamtbericht', '/verwaltung'];

/**
 * Serves the web console (apps/console, built by `npm run build`) at `/`, same origin as the
 * API, so its session cookie can be SameSite=Strict and nothing comes from elsewhere. Its
 * hashed assets are cached for good, its page never.
 */
export async function serveConsole(server: FastifyInstance, consoleDir: string | undefined): Promise<void> {
  const dir = consoleDir ?? fileURLToPath(new URL('../../../console/dist/', import.meta.url));
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    server.get('/', (_request, reply) => reply.code(503).type('text/plain; charset=utf-8').send('Die Web-Konsole ist nicht gebaut: npm run build.\n'));
    return;
  }
  const page = readFileSync(indexFile);
  const sendPage = (_request: unknown, reply: FastifyReply) => reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(page);
  await server.register(fastifyStatic, { root: join(dir, 'assets'), prefix: '/assets/', decorateReply: false, immutable: true, maxAge: '365d', index: false });
  server.get('/', sendPage);
  for (const path of CONSOLE_PATHS) {
    server.get(path, sendPage);
    server.get(`${path}/*`, sendPage);
  }
}
