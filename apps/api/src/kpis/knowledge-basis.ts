import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@jugendamt/db';
import { activeGeneration, catalogueAt, loadCatalogue, type CatalogueName, ProjectionNotBuiltError } from '@jugendamt/projections';
import { DATABASE } from '../database/database.module.js';

export interface CatalogueInUse {
  readonly name: CatalogueName;
  readonly version: number;
  /** The entries themselves, so a reader sees which rules made the number. */
  readonly entries: unknown;
}

/** What every KPI answer says about itself: as known when, from which exports, by which rules. */
export interface KnowledgeBasis {
  readonly asOf: string | null;
  /** Per source, the observation time of the newest applied export the answer rests on. */
  readonly observedUntil: Readonly<Record<string, string>>;
  readonly catalogues: readonly CatalogueInUse[];
}

/**
 * The catalogues behind a KPI: those its projection's tables were built with (a change takes
 * effect by a rebuild), and those its query reads as they stand now.
 */
export interface CatalogueUses {
  readonly built?: Readonly<Record<string, readonly CatalogueName[]>>;
  readonly current?: readonly CatalogueName[];
}

@Injectable()
export class KnowledgeBasisReader {
  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  async basis(tenantId: string, asOf: Date | undefined, uses: CatalogueUses): Promise<KnowledgeBasis> {
    const [observedUntil, built, current] = await Promise.all([
      this.observedUntil(tenantId, asOf),
      this.builtWith(tenantId, uses.built ?? {}),
      Promise.all((uses.current ?? []).map(async (name) => ({ name, ...(await loadCatalogue(this.database.app, tenantId, name)) }))),
    ]);
    const catalogues = [...built, ...current.map(({ name, version, content }) => ({ name, version, entries: content }))];
    return { asOf: asOf?.toISOString() ?? null, observedUntil, catalogues };
  }

  private async observedUntil(tenantId: string, asOf: Date | undefined): Promise<Record<string, string>> {
    const { rows } = await sql<{ source: string; observed_at: Date }>`
      SELECT source, max(observed_at) AS observed_at FROM imports
      WHERE tenant_id = ${tenantId} AND status = 'applied' ${asOf ? sql`AND observed_at <= ${asOf}` : sql``}
      GROUP BY source ORDER BY source`.execute(this.database.app);
    return Object.fromEntries(rows.map((row) => [row.source, new Date(row.observed_at).toISOString()]));
  }

  /** The catalogue versions the serving generation of each projection was built with. */
  private async builtWith(tenantId: string, uses: Readonly<Record<string, readonly CatalogueName[]>>): Promise<CatalogueInUse[]> {
    const inUse: CatalogueInUse[] = [];
    for (const [projection, names] of Object.entries(uses)) {
      const generation = await activeGeneration(this.database.app, tenantId, projection);
      if (!generation) throw new ProjectionNotBuiltError(projection);
      for (const name of names ?? []) {
        if (inUse.some((c) => c.name === name)) continue;
        const version = generation.catalogueVersions[name] ?? 0;
        inUse.push({ name, version, entries: await catalogueAt(this.database.app, tenantId, name, version) });
      }
    }
    return inUse;
  }
}
