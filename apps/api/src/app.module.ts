import { Module, type DynamicModule } from '@nestjs/common';
import type { DatabaseHandle } from '@jugendamt/db';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';

@Module({})
export class AppModule {
  static forDatabase(handle: DatabaseHandle): DynamicModule {
    return { module: AppModule, imports: [DatabaseModule.forHandle(handle), HealthModule] };
  }
}
