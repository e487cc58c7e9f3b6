import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { DatabaseHandle } from '@jugendamt/db';
import { AccessModule } from './access/access.module.js';
import { AccessLogModule } from './access-log/access-log.module.js';
import { AdminModule } from './admin/admin.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { KpisModule } from './kpis/kpis.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { QualityModule } from './quality/quality.module.js';
import { ReportsModule } from './reports/reports.module.js';
import type { ApiSettings } from './settings/api-settings.js';
import { CATCH_UP_INTERVAL_MS, ProjectionCatchUp } from './startup/projection-catch-up.js';

@Module({})
export class AppModule {
  static forDatabase(handle: DatabaseHandle, settings: ApiSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        DatabaseModule.forHandle(handle),
        AccessModule.forSettings(settings),
        AccessLogModule.forSettings(settings),
        HealthModule,
        MetricsModule,
        KpisModule,
        ReportsModule,
        QualityModule,
        AdminModule.forSettings(settings),
      ],
      providers: [{ provide: CATCH_UP_INTERVAL_MS, useValue: settings.projectionCatchUpMs }, ProjectionCatchUp],
    };
  }
}
