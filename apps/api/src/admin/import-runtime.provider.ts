import { Inject, Injectable, NotFoundException, type BeforeApplicationShutdown, type Provider } from '@nestjs/common';
import { pino } from 'pino';
import type { DatabaseHandle } from '@jugendamt/db';
import { startImportRuntime, type ImportRuntime } from '@jugendamt/ingest-pipeline';
import { DATABASE } from '../database/database.module.js';
import type { ApiSettings } from '../settings/api-settings.js';

export const IMPORT_RUNTIME = Symbol('IMPORT_RUNTIME');
export const API_SETTINGS = Symbol('API_SETTINGS');

/**
 * With Redis the API only submits jobs, and `npm run worker` processes take them. Without,
 * the embedded runner takes them in this process and watches the inbox, so `npm start`
 * imports what is dropped there with nothing else running.
 */
export const importRuntimeProvider: Provider = {
  provide: IMPORT_RUNTIME,
  inject: [DATABASE, API_SETTINGS],
  useFactory: (database: DatabaseHandle, settings: ApiSettings) => {
    const embedded = !settings.ingest.jobs.redisUrl;
    // Job lines go with the request log: one JSON line each, file names and counts, no content.
    const logger = pino({ level: settings.logLevel });
    return startImportRuntime(database, { work: embedded, watch: embedded, log: (line) => logger.info(line) }, settings.ingest);
  },
};

@Injectable()
export class ImportRuntimeShutdown implements BeforeApplicationShutdown {
  constructor(
    @Inject(IMPORT_RUNTIME) private readonly runtime: ImportRuntime,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  // Before the database closes: the running import needs it to finish.
  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.close(this.settings.ingest.jobs.shutdownGraceMs);
  }
}

/** The runtime serves the office of TENANT_ID; another office's administrator finds nothing here. */
export function runtimeOfOffice(runtime: ImportRuntime, tenantId: string): ImportRuntime {
  if (runtime.tenantId !== tenantId) throw new NotFoundException(`imports of office "${tenantId}" are not run by this API (it runs those of "${runtime.tenantId}")`);
  return runtime;
}
