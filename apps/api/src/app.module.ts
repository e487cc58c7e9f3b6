import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { DatabaseHandle } from '@jugendamt/db';
import { AccessModule } from './access/access.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { requestLogging } from './http/request-logging.js';
import { KpisModule } from './kpis/kpis.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { CATCH_UP_INTERVAL_MS, ProjectionCatchUp } from './startup/projection-catch-up.js';

@Module({})
export class AppModule {
  static forDatabase(handle: DatabaseHandle, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(requestLogging(env)),
        // Per client address; health and metrics are exempt so probes never lock themselves out.
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: Number(env['RATE_LIMIT_PER_MINUTE'] ?? 1200) }]),
        CqrsModule.forRoot(),
        DatabaseModule.forHandle(handle),
        AccessModule,
        HealthModule,
        MetricsModule,
        KpisModule,
        ReportsModule,
      ],
      // The rate limit comes first, so guessing tokens is throttled too.
      providers: [
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: CATCH_UP_INTERVAL_MS, useValue: Number(env['PROJECTION_CATCH_UP_MS'] ?? 30_000) },
        ProjectionCatchUp,
      ],
    };
  }
}
