import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { numberSetting } from '@jugendamt/settings';
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
import { CATCH_UP_INTERVAL_MS, ProjectionCatchUp } from './startup/projection-catch-up.js';

@Module({})
export class AppModule {
  static forDatabase(handle: DatabaseHandle, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        DatabaseModule.forHandle(handle),
        AccessModule.forEnv(env),
        AccessLogModule.forEnv(env),
        HealthModule,
        MetricsModule,
        KpisModule,
        ReportsModule,
        QualityModule,
        AdminModule.forEnv(env),
      ],
      providers: [
        { provide: CATCH_UP_INTERVAL_MS, useValue: numberSetting(env, 'PROJECTION_CATCH_UP_MS', 30_000) },
        ProjectionCatchUp,
      ],
    };
  }
}
