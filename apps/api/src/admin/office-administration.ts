import { Inject } from '@nestjs/common';
import type { Database, DatabaseHandle } from '@jugendamt/db';
import type { ImportRuntime } from '@jugendamt/ingest-pipeline';
import type { Kysely } from 'kysely';
import { DATABASE } from '../database/database.module.js';
import { IMPORT_RUNTIME } from './import-runtime.provider.js';

/** What the administrator's controllers work with: the office's database and its import runtime. */
export abstract class OfficeAdministration {
  protected readonly db: Kysely<Database>;

  constructor(
    @Inject(DATABASE) database: DatabaseHandle,
    @Inject(IMPORT_RUNTIME) protected readonly runtime: ImportRuntime,
  ) {
    this.db = database.app;
  }
}
