import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { pendingMigrations, type DatabaseHandle } from '@jugendamt/db';
import { projectionLagsOfAllOffices } from '@jugendamt/projections';
import { PublicRoute } from '../access/allow.decorator.js';
import { DATABASE } from '../database/database.module.js';

export interface HealthReport {
  status: 'ok';
  database: DatabaseHandle['backend'];
}

@ApiTags('Operations')
@PublicRoute()
@Controller('health')
export class HealthController {
  /** Migrations never un-run: once all have run, the check is not repeated. */
  private migrated = false;
  /** Probes come often and from many sides: one answer serves them for a second. */
  private recent: { at: number; answer: Promise<HealthReport> } | undefined;

  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  /** Ready only when the database answers, every migration has run and every projection has caught up. */
  @Get()
  @ApiOperation({ summary: 'Readiness: database reachable, migrations applied, projections caught up' })
  health(): Promise<HealthReport> {
    if (!this.recent || performance.now() - this.recent.at > 1_000) this.recent = { at: performance.now(), answer: this.check() };
    return this.recent.answer;
  }

  private async check(): Promise<HealthReport> {
    let pending: string[];
    try {
      pending = this.migrated ? [] : await pendingMigrations(this.database.db);
    } catch (error) {
      throw unavailable(`database unreachable: ${(error as Error).message}`);
    }
    if (pending.length) throw unavailable(`migrations pending: ${pending.join(', ')}`);
    this.migrated = true;
    let behind;
    try {
      behind = (await projectionLagsOfAllOffices(this.database.app)).filter((lag) => lag.eventsBehind > 0);
    } catch (error) {
      throw unavailable(`database unreachable: ${(error as Error).message}`);
    }
    if (behind.length) {
      throw unavailable(`projections catching up: ${behind.map((lag) => `${lag.tenantId}/${lag.projection} ${lag.eventsBehind} events behind`).join(', ')}`);
    }
    return { status: 'ok', database: this.database.backend };
  }
}

function unavailable(reason: string): ServiceUnavailableException {
  return new ServiceUnavailableException({ status: 'unavailable', reason });
}
