import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { DatabaseHandle } from '@jugendamt/db';
import { AppModule } from './app.module.js';
import { acceptExportUploads } from './http/export-uploads.js';
import { parseJsonBodies } from './http/json-bodies.js';
import { limitRequestsPerClient } from './http/rate-limit.js';
import { logRequests } from './http/request-logging.js';
import { setSecurityHeaders } from './http/security-headers.js';

/**
 * The API over an open, migrated database; shared by `main.ts`, the tests and the benchmark.
 * Fastify rather than express: on two cores at 50 concurrent clients, express alone cost
 * a p99 of about 45 ms, the whole budget of a KPI answer (BENCHMARKS.md). A bookmarked URL
 * with a trailing slash still finds its route.
 */
export async function createApi(database: DatabaseHandle, env: NodeJS.ProcessEnv = process.env): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forDatabase(database, env), new FastifyAdapter({ routerOptions: { ignoreTrailingSlash: true } }), {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  const server = app.getHttpAdapter().getInstance();
  logRequests(server, env);
  await limitRequestsPerClient(server, env);
  setSecurityHeaders(server);
  acceptExportUploads(server, env);
  parseJsonBodies(server);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Jugendamt Controlling API')
      .setDescription('KPIs of the youth welfare office (KPIS.md), the annual overall report (Gesamtbericht), health and metrics.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
