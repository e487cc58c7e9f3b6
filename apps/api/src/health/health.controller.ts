import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { pendingMigrations, type DatabaseHandle } from '@jugendamt/db';
import { DATABASE } from '../database/database.module.js';

export interface HealthReport {
  status: 'ok';
  database: DatabaseHandle['backend'];
}

@Controller('health')
export class HealthController {
  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  /** Ready only when the database answers and every migration has run. */
  @Get()
  async health(): Promise<HealthReport> {
    let pending: string[];
    try {
      pending = await pendingMigrations(this.database.db);
    } catch (error) {
      throw new ServiceUnavailableException({ status: 'unavailable', reason: `database unreachable: ${(error as Error).message}` });
    }
    if (pending.length) {
      throw new ServiceUnavailableException({ status: 'unavailable', reason: `migrations pending: ${pending.join(', ')}` });
    }
    return { status: 'ok', database: this.database.backend };
  }
}
