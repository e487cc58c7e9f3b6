import { Global, Inject, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { pino } from 'pino';
import { numberSetting } from '@jugendamt/settings';
import { acrossOffices, withoutOffice, type DatabaseHandle } from '@jugendamt/db';
import { DATABASE } from '../database/database.module.js';
import { AccessLogController } from './access-log.controller.js';
import { MIN_RETENTION_DAYS, pruneAccessLog } from './access-log-retention.js';
import { AccessLogWriter } from './access-log-writer.js';

export const ACCESS_LOG_RETENTION_DAYS = Symbol('ACCESS_LOG_RETENTION_DAYS');
const DAY_MS = 86_400_000;

/**
 * The access log: its writer (for the request hook), its admin route, and the daily pruning of
 * entries past their retention (`ACCESS_LOG_RETENTION_DAYS`, default two years, at least 180).
 */
@Global()
@Module({})
export class AccessLogModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private pruning?: NodeJS.Timeout;
  private readonly log = pino({ level: process.env['LOG_LEVEL'] ?? 'info' });

  constructor(
    private readonly writer: AccessLogWriter,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(ACCESS_LOG_RETENTION_DAYS) private readonly retentionDays: number,
  ) {}

  static forEnv(env: NodeJS.ProcessEnv): DynamicModule {
    const log = pino({ level: env['LOG_LEVEL'] ?? 'info' });
    const retentionDays = numberSetting(env, 'ACCESS_LOG_RETENTION_DAYS', 730);
    if (retentionDays < MIN_RETENTION_DAYS) throw new Error(`ACCESS_LOG_RETENTION_DAYS must be at least ${MIN_RETENTION_DAYS}, not ${retentionDays}`);
    return {
      module: AccessLogModule,
      controllers: [AccessLogController],
      providers: [
        { provide: ACCESS_LOG_RETENTION_DAYS, useValue: retentionDays },
        {
          provide: AccessLogWriter,
          inject: [DATABASE],
          useFactory: (database: DatabaseHandle) =>
            new AccessLogWriter(database.app, (count, reason) => log.error({ lost: count, reason }, 'access log entries lost: the database refused them')),
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
