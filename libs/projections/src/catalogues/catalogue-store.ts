import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { DEFAULT_CATALOGUES, type CatalogueName, type Catalogues } from './default-catalogues.js';

/**
 * Catalogues are data: an office edits them without code changes, every edit is a new
 * version, and version 0 is the default shipped with the code. A projection records which
 * versions built its tables; an edit takes effect through a rebuild.
 */
export async function loadCatalogue<N extends CatalogueName>(db: Kysely<Database>, tenantId: string, name: N): Promise<{ version: number; content: Catalogues[N] }> {
  const row = await db.selectFrom('catalogues').select(['version', 'content']).where('tenant_id', '=', tenantId).where('name', '=', name).orderBy('version', 'desc').executeTakeFirst();
  return row ? { version: row.version, content: row.content as Catalogues[N] } : { version: 0, content: DEFAULT_CATALOGUES[name] };
}

export async function catalogueVersions(db: Kysely<Database>, tenantId: string, names: readonly string[]): Promise<Record<string, number>> {
  const versions: Record<string, number> = {};
  for (const name of names) versions[name] = (await loadCatalogue(db, tenantId, name as CatalogueName)).version;
  return versions;
}

/** Every stored version of a catalogue, newest first (version 0, the default, is implied); createdBy null where no author was kept. */
export async function catalogueHistory(db: Kysely<Database>, tenantId: string, name: CatalogueName): Promise<{ version: number; createdAt: Date; createdBy: string | null }[]> {
  const rows = await db.selectFrom('catalogues').select(['version', 'created_at', 'created_by']).where('tenant_id', '=', tenantId).where('name', '=', name).orderBy('version', 'desc').execute();
  return rows.map((row) => ({ version: row.version, createdAt: row.created_at, createdBy: row.created_by }));
}

/** Stores an edited catalogue as the next version; `createdBy` names who did (`role:subject`). */
export async function saveCatalogue<N extends CatalogueName>(db: Kysely<Database>, tenantId: string, name: N, content: Catalogues[N], createdBy: string | null = null): Promise<number> {
  // One statement: two edits at once get two versions, or the second fails on the key, never one lost.
  const { rows } = await sql<{ version: number }>`
    INSERT INTO catalogues (tenant_id, name, version, content, created_by)
    SELECT ${tenantId}, ${name}, coalesce(max(version), 0) + 1, ${JSON.stringify(content)}::jsonb, ${createdBy} FROM catalogues WHERE tenant_id = ${tenantId} AND name = ${name}
    RETURNING version`.execute(db);
  return rows[0]!.version;
}

/** The version a generation was built with: an edit must not change half a projection's tables. */
export async function catalogueAt<N extends CatalogueName>(db: Kysely<Database>, tenantId: string, name: N, version: number): Promise<Catalogues[N]> {
  if (version === 0) return DEFAULT_CATALOGUES[name];
  const row = await db.selectFrom('catalogues').select('content').where('tenant_id', '=', tenantId).where('name', '=', name).where('version', '=', version).executeTakeFirstOrThrow();
  return row.content as Catalogues[N];
}
