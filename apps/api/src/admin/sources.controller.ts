import { Get, Inject } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { DatabaseHandle } from '@jugendamt/db';
import { EXPORT_SOURCES } from '@jugendamt/domain';
import { listSchedules } from '@jugendamt/ingest-pipeline';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { DATABASE } from '../database/database.module.js';
import { staleSinceApplied, undecidedHeld } from './import-attention.js';
import { latestImportsPerSource } from './import-history.js';
import type { ApiSettings } from '../settings/api-settings.js';
import { API_SETTINGS } from './import-runtime.provider.js';
import { freshnessOf } from './source-freshness.js';
import { AdminController } from './admin-controller.decorator.js';

/** The administrator's morning look: per source the last import, how old its data are, what is wrong. */
@AdminController('sources', 'imports')
export class SourcesController {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Last import per source, the age of its data, stale and held files, and findings such as "the 14plus export is 3 days late"' })
  async freshness(@Caller() caller: Principal) {
    const now = new Date();
    const db = this.database.app;
    const [{ latest, latestApplied }, schedules, stale, held] = await Promise.all([
      latestImportsPerSource(db, caller.tenantId),
      listSchedules(db, caller.tenantId),
      staleSinceApplied(db, caller.tenantId),
      undecidedHeld(db, caller.tenantId),
    ]);
    const rules = {
      allowedAgeDays: this.settings.ingest.exportAllowedAgeDays,
      // The ingest's own setting: what it refuses, the view calls in the future.
      futureToleranceMs: this.settings.ingest.futureToleranceMs,
    };
    const sources = EXPORT_SOURCES.map((source) =>
      freshnessOf(
        source,
        {
          lastImport: latest.find((i) => i.source === source),
          lastApplied: latestApplied.find((i) => i.source === source),
          stale: stale.find((s) => s.source === source),
          held: held.filter((h) => h.source === source),
          schedule: schedules.find((s) => s.source === source),
        },
        now,
        rules,
      ),
    );
    return { asOf: now.toISOString(), findings: sources.flatMap((s) => s.findings), sources };
  }
}
