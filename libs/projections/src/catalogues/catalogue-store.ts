import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { DEFAULT_CATALOGUES, type CatalogueName, type Catalogues } from './default-catalogues.js';

/**
 * Catalogues are data: an office edits them without code changes, every edit is a new
 * version, and version 0 is the default shipped with the code. A projection records which
 * versions built its tables; an edit takes effect through a rebuild.
 */
export async function loadCatalogue<N extends CatalogueName>(db: Kysely<Database>, tenantId: string, name: N): Promise<{ version: number; content: Catalogues[N] }> {
  const row = await db
    .selectFrom('catalogues')
    .select(['version', 'content'])
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return row ? { version: row.version, content: row.content as Catalogues[N] } : { version: 0, content: DEFAULT_CATALOGUES[name] };
}

export async function catalogueVersions(db: Kysely<Database>, tenantId: string, names: readonly string[]): Promise<Record<string, number>> {
  const versions: Record<string, number> = {};
  for (const name of names) versions[name] = (await loadCatalogue(db, tenantId, name as CatalogueName)).version;
  return versions;
}

/** Stores an edited catalogue as the next version. */
export async function saveCatalogue<N extends CatalogueName>(db: Kysely<Database>, tenantId: string, name: N, content: Catalogues[N]): Promise<number> {
  const { version } = await loadCatalogue(db, tenantId, name);
  await db.insertInto('catalogues').values({ tenant_id: tenantId, name, version: version + 1, content: JSON.stringify(content) }).execute();
  return version + 1;
}

/** The version a generation was built with: an edit must not change half a projection's tables. */
export async function catalogueAt<N extends CatalogueName>(db: Kysely<Database>, tenantId: string, name: N, version: number): Promise<Catalogues[N]> {
  if (version === 0) return DEFAULT_CATALOGUES[name];
  const row = await db
    .selectFrom('catalogues')
    .select('content')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  return row.content as Catalogues[N];
}
