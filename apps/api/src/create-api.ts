import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { DatabaseHandle } from '@jugendamt/db';
import { AccessLogWriter } from './access-log/access-log-writer.js';
import { recordAccess } from './access-log/record-access.js';
import { OfficeScopeInterceptor } from './access/office-scope.interceptor.js';
import { AppModule } from './app.module.js';
import { serveConsole } from './http/console-assets.js';
import { acceptExportUploads } from './http/export-uploads.js';
import { parseJsonBodies } from './http/json-bodies.js';
import { ProjectionNotBuiltFilter } from './http/projection-not-built.filter.js';
import { limitRequestsPerClient } from './http/rate-limit.js';
import { logRequests } from './http/request-logging.js';
import { setSecurityHeaders } from './http/security-headers.js';
import { openApiDocumentOf } from './openapi/openapi-document.js';
import type { ApiSettings } from './settings/api-settings.js';

/**
 * The API over an open, migrated database; shared by `main.ts`, the tests and the benchmark.
 * Fastify rather than express: on two cores at 50 concurrent clients, express alone cost
 * a p99 of about 45 ms, the whole budget of a KPI answer (BENCHMARKS.md). A bookmarked URL
 * with a trailing slash still finds its route.
 */
export async function createApi(database: DatabaseHandle, settings: ApiSettings): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forDatabase(database, settings), new FastifyAdapter({ routerOptions: { ignoreTrailingSlash: true } }), {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  const server = app.getHttpAdapter().getInstance();
  logRequests(server, settings.logLevel);
  if (!settings.baseline.withoutAccessLog) recordAccess(server, app.get(AccessLogWriter));
  await limitRequestsPerClient(server, settings.rateLimitPerMinute);
  setSecurityHeaders(server);
  await server.register(fastifyCookie);
  await serveConsole(server, settings.consoleDir);
  acceptExportUploads(server, settings.uploadMaxBytes);
  parseJsonBodies(server);
  app.useGlobalFilters(new ProjectionNotBuiltFilter());
  app.useGlobalInterceptors(new OfficeScopeInterceptor());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, openApiDocumentOf(app));
  return app;
}
