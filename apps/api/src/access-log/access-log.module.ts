import { Global, Inject, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { acrossOffices, withoutOffice, type DatabaseHandle } from '@jugendamt/db';
import { DATABASE } from '../database/database.module.js';
import { AccessLogController } from './access-log.controller.js';
import type { ApiSettings } from '../settings/api-settings.js';
import { pruneAccessLog } from './access-log-retention.js';
import { AccessLogWriter } from './access-log-writer.js';

export const ACCESS_LOG_RETENTION_DAYS = Symbol('ACCESS_LOG_RETENTION_DAYS');
const ACCESS_LOG_LOGGER = Symbol('ACCESS_LOG_LOGGER');
const DAY_MS = 86_400_000;

/**
 * The access log: its writer (for the request hook), its admin route, and the daily pruning of
 * entries past their retention (`ACCESS_LOG_RETENTION_DAYS`, default two years, at least 180).
 */
@Global()
@Module({})
export class AccessLogModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private pruning?: NodeJS.Timeout;

  constructor(
    private readonly writer: AccessLogWriter,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(ACCESS_LOG_RETENTION_DAYS) private readonly retentionDays: number,
    @Inject(ACCESS_LOG_LOGGER) private readonly log: Logger,
  ) {}

  static forSettings(settings: ApiSettings): DynamicModule {
    const log = pino({ level: settings.logLevel });
    return {
      module: AccessLogModule,
      controllers: [AccessLogController],
      providers: [
        { provide: ACCESS_LOG_RETENTION_DAYS, useValue: settings.accessLogRetentionDays },
        { provide: ACCESS_LOG_LOGGER, useValue: log },
        {
          provide: AccessLogWriter,
          inject: [DATABASE],
          useFactory: (database: DatabaseHandle) => new AccessLogWriter(database.app, (count, reason) => log.error({ lost: count, reason }, 'access log entries lost: the database refused them')),
        },
      ],
      exports: [AccessLogWriter],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    const prune = () =>
      pruneEveryOffice(this.database, this.retentionDays).then(
        (deleted) => deleted > 0 && this.log.info({ deleted, retentionDays: this.retentionDays }, 'access log pruned'),
        (failure: Error) => this.log.error({ reason: failure.message }, 'access log pruning failed'),
      );
    await prune();
    this.pruning = setInterval(() => void prune(), DAY_MS);
    this.pruning.unref();
  }

  /** Before the database closes: what waits is written. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.pruning);
    await this.writer.close();
  }
}

/** Each office's entries under its scope, then those of callers not known, under none. */
async function pruneEveryOffice(database: DatabaseHandle, retentionDays: number): Promise<number> {
  const perOffice = await acrossOffices(database.app, async () => [await pruneAccessLog(database.app, retentionDays)]);
  return perOffice.reduce((sum, deleted) => sum + deleted, await withoutOffice(() => pruneAccessLog(database.app, retentionDays)));
}
