import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { DatabaseHandle } from '@jugendamt/db';
import { AppModule } from './app.module.js';

/** The API over an open, migrated database; shared by `main.ts` and the end-to-end tests. */
export async function createApi(database: DatabaseHandle): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forDatabase(database), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  return app;
}
