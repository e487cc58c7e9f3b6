import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { DatabaseHandle } from '@jugendamt/db';
import { AppModule } from './app.module.js';
import { rateLimitPerClient } from './http/rate-limit.js';
import { requestLogging } from './http/request-logging.js';

/** The API over an open, migrated database; shared by `main.ts`, the tests and the benchmark. */
export async function createApi(database: DatabaseHandle, env: NodeJS.ProcessEnv = process.env): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forDatabase(database, env), { logger: ['error', 'warn'] });
  app.use(requestLogging(env));
  app.use(rateLimitPerClient(env));
  // The interactive docs need inline script and style; every other path gets helmet's strict defaults.
  const forDocs = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"] } } });
  const strict = helmet();
  app.use((req: { path: string }, res: unknown, next: () => void) => (req.path.startsWith('/docs') ? forDocs : strict)(req as never, res as never, next));
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
