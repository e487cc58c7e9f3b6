import { Module, type DynamicModule } from '@nestjs/common';
import { CataloguesController } from './catalogues.controller.js';
import type { ApiSettings } from '../settings/api-settings.js';
import { API_SETTINGS, ImportRuntimeShutdown, importRuntimeProvider } from './import-runtime.provider.js';
import { ImportsController } from './imports.controller.js';
import { InboxController } from './inbox.controller.js';
import { JobsController } from './jobs.controller.js';
import { ProjectionsController } from './projections.controller.js';
import { RetentionController } from './retention.controller.js';
import { SchedulesController } from './schedules.controller.js';
import { SourcesController } from './sources.controller.js';

/** The specialist administrator's API: schedules, inbox, imports and their reports, jobs, catalogues. */
@Module({})
export class AdminModule {
  static forSettings(settings: ApiSettings): DynamicModule {
    return {
      module: AdminModule,
      controllers: [SchedulesController, InboxController, ImportsController, JobsController, SourcesController, CataloguesController, ProjectionsController, RetentionController],
      providers: [{ provide: API_SETTINGS, useValue: settings }, importRuntimeProvider, ImportRuntimeShutdown],
    };
  }
}
