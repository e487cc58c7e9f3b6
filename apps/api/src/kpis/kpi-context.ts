import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '@jugendamt/db';
import { baseQuality, type BaseQuality, type KpiWithQualityNote } from '@jugendamt/projections';
import { DATABASE } from '../database/database.module.js';
import { KnowledgeBasisReader, type CatalogueUses, type KnowledgeBasis } from './knowledge-basis.js';
import { TeamDirectory } from './team-directory.js';

/** What every KPI query handler needs: the database, the answer's basis and data-quality note, the known teams. */
@Injectable()
export class KpiContext {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly basisReader: KnowledgeBasisReader,
    private readonly teams: TeamDirectory,
  ) {}

  get db(): Kysely<Database> {
    return this.database.app;
  }

  basis(tenantId: string, asOf: Date | undefined, uses: CatalogueUses): Promise<KnowledgeBasis> {
    return this.basisReader.basis(tenantId, asOf, uses);
  }

  /** How good the base of an answer is: of the team asked, else the office, over the window the KPI reads (docs/data-quality.md). */
  quality(tenantId: string, kpi: KpiWithQualityNote, { from, to, asOf, team }: { from: string; to: string; asOf?: Date | undefined; team?: string | undefined }): Promise<BaseQuality> {
    return baseQuality(this.db, { kpi, tenantId, from, to, asOf, team });
  }

  checkTeam(tenantId: string, team: string | undefined): Promise<void> {
    return this.teams.check(tenantId, team);
  }
}
