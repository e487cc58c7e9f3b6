import { Inject, Injectable, NotFoundException, type BeforeApplicationShutdown, type Provider } from '@nestjs/common';
import { pino } from 'pino';
import { numberSetting } from '@jugendamt/settings';
import type { DatabaseHandle } from '@jugendamt/db';
import { startImportRuntime, type ImportRuntime } from '@jugendamt/ingest-pipeline';
import { DATABASE } from '../database/database.module.js';

export const IMPORT_RUNTIME = Symbol('IMPORT_RUNTIME');
export const API_ENV = Symbol('API_ENV');

/**
 * With Redis the API only submits jobs, and `npm run worker` processes take them. Without,
 * the embedded runner takes them in this process and watches the inbox, so `npm start`
 * imports what is dropped there with nothing else running.
 */
export const importRuntimeProvider: Provider = {
  provide: IMPORT_RUNTIME,
  inject: [DATABASE, API_ENV],
  useFactory: (database: DatabaseHandle, env: NodeJS.ProcessEnv) => {
    const embedded = !env['REDIS_URL'];
    // Job lines go with the request log: one JSON line each, file names and counts, no content.
    const logger = pino({ level: env['LOG_LEVEL'] ?? 'info' });
    return startImportRuntime(database, { work: embedded, watch: embedded, log: (line) => logger.info(line) }, env);
  },
};

@Injectable()
export class ImportRuntimeShutdown implements BeforeApplicationShutdown {
  constructor(@Inject(IMPORT_RUNTIME) private readonly runtime: ImportRuntime) {}

  // Before the database closes: the running import needs it to finish.
  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.close(numberSetting(process.env, 'SHUTDOWN_GRACE_MS', 60_000));
  }
}

/** The runtime serves the office of TENANT_ID; another office's administrator finds nothing here. */
export function runtimeOfOffice(runtime: ImportRuntime, tenantId: string): ImportRuntime {
  if (runtime.tenantId !== tenantId) throw new NotFoundException(`imports of office "${tenantId}" are not run by this API (it runs those of "${runtime.tenantId}")`);
  return runtime;
}
