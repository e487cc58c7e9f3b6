import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { acrossOffices, type DatabaseHandle } from '@jugendamt/db';
import { catchUpAll } from '@jugendamt/projections';
import { DATABASE } from '../database/database.module.js';

export const CATCH_UP_INTERVAL_MS = Symbol('CATCH_UP_INTERVAL_MS');

/**
 * The API brings the projections of every office up to date on a timer, so figures follow
 * imports done by other processes even when those did not catch up themselves.
 * PROJECTION_CATCH_UP_MS sets the interval (default 30 s; 0 turns it off).
 */
@Injectable()
export class ProjectionCatchUp implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionCatchUp.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(CATCH_UP_INTERVAL_MS) private readonly interval: number,
  ) {}

  onApplicationBootstrap(): void {
    if (!(this.interval > 0)) return;
    this.timer = setInterval(() => {
      this.running ??= this.catchUp().finally(() => (this.running = undefined));
    }, this.interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async catchUp(): Promise<void> {
    try {
      await acrossOffices(this.database.app, async (tenantId) => [await catchUpAll(this.database.app, tenantId)]);
    } catch (error) {
      this.logger.error(`projection catch-up failed, retrying in ${this.interval} ms: ${(error as Error).message}`);
    }
  }
}
