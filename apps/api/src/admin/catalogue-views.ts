import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { activeGeneration, loadCatalogue, projectionsUsing, type CatalogueName } from '@jugendamt/projections';

/** Whether the numbers follow a catalogue's current version yet, and what makes them. */
export interface CatalogueEffect {
  /** `at once`: the KPI queries read it; `by a rebuild`: it shapes projection tables. */
  readonly takesEffect: 'at once' | 'by a rebuild';
  /** The version each projection that uses it was built with. */
  readonly builtWith: readonly { readonly projection: string; readonly version: number | null }[];
  /** The projections still built with another version. */
  readonly rebuildPending: readonly string[];
}

export async function catalogueEffect(db: Kysely<Database>, tenantId: string, name: CatalogueName, currentVersion: number): Promise<CatalogueEffect> {
  const builtWith = await Promise.all(
    projectionsUsing(name).map(async (projection) => ({
      projection: projection.name,
      version: (await activeGeneration(db, tenantId, projection.name))?.catalogueVersions[name] ?? null,
    })),
  );
  return {
    takesEffect: builtWith.length ? 'by a rebuild' : 'at once',
    builtWith,
    rebuildPending: builtWith.filter((b) => b.version !== null && b.version !== currentVersion).map((b) => b.projection),
  };
}

export async function catalogueView(db: Kysely<Database>, tenantId: string, name: CatalogueName) {
  const { version, content } = await loadCatalogue(db, tenantId, name);
  return { name, version, content, ...(await catalogueEffect(db, tenantId, name, version)) };
}
