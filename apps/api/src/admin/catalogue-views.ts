import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { activeGeneration, catalogueAt, catalogueHistory, projectionsUsing, type CatalogueName, type Catalogues } from '@jugendamt/projections';

/** Whether the numbers follow a catalogue's current version yet, and what makes them. */
export interface CatalogueEffect {
  /** `at once`: the KPI queries read it; `by a rebuild`: it shapes projection tables. */
  readonly takesEffect: 'at once' | 'by a rebuild';
  /** The version each projection that uses it was built with. */
  readonly builtWith: readonly { readonly projection: string; readonly version: number | null }[];
  /** The projections still built with another version. */
  readonly rebuildPending: readonly string[];
}

/** A version as its history names it: stored when and by whom (version 0 by no one: shipped). */
export interface CatalogueVersionStamp {
  readonly version: number;
  readonly createdAt: string | null;
  readonly createdBy: string | null;
  readonly createdByLabel: string | null;
}

/**
 * Per name, so that a view's content has the shape of its own catalogue: mapped over the generic
 * `K`, it stays tied to the name asked for, and for all names it is the union of them.
 */
type PerCatalogue<T, K extends CatalogueName> = { [N in K]: { readonly name: N; readonly content: Catalogues[N] } & T }[K];

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

/** Every version of a catalogue, newest first, version 0 last; authors named by their token's label where a token stored it. */
export async function catalogueVersionHistory(db: Kysely<Database>, tenantId: string, name: CatalogueName): Promise<CatalogueVersionStamp[]> {
  const history = await catalogueHistory(db, tenantId, name);
  const labels = await tokenLabels(
    db,
    tenantId,
    history.map((entry) => entry.createdBy),
  );
  return [
    ...history.map(({ version, createdAt, createdBy }) => ({ version, createdAt: createdAt.toISOString(), createdBy, createdByLabel: (createdBy && labels.get(createdBy)) ?? null })),
    { version: 0, createdAt: null, createdBy: null, createdByLabel: null },
  ];
}

export async function catalogueView<N extends CatalogueName>(db: Kysely<Database>, tenantId: string, name: N): Promise<PerCatalogue<CatalogueVersionStamp & CatalogueEffect, N>> {
  // The newest entry of the history is the current version: content and stamp from one read, even while another edit is stored.
  const [stamp] = await catalogueVersionHistory(db, tenantId, name);
  const content = await catalogueAt(db, tenantId, name, stamp!.version);
  return { name, content, ...stamp!, ...(await catalogueEffect(db, tenantId, name, stamp!.version)) };
}

/** A former version as its history names it. */
export async function catalogueVersionView<N extends CatalogueName>(db: Kysely<Database>, tenantId: string, name: N, stamp: CatalogueVersionStamp): Promise<PerCatalogue<CatalogueVersionStamp, N>> {
  return { name, content: await catalogueAt(db, tenantId, name, stamp.version), ...stamp };
}

const TOKEN_AUTHOR = /^\w+:token:([0-9a-f-]{36})$/;

/** `admin:token:<id>` → the label the office gave that token (`npm run token -- --label`). */
async function tokenLabels(db: Kysely<Database>, tenantId: string, authors: readonly (string | null)[]): Promise<Map<string, string>> {
  const byToken = new Map(authors.flatMap((author) => (author && TOKEN_AUTHOR.test(author) ? [[TOKEN_AUTHOR.exec(author)![1]!, author] as const] : [])));
  if (!byToken.size) return new Map();
  const rows = await db
    .selectFrom('api_tokens')
    .select(['token_id', 'label'])
    .where('tenant_id', '=', tenantId)
    .where('token_id', 'in', [...byToken.keys()])
    .execute();
  return new Map(rows.map((row) => [byToken.get(row.token_id)!, row.label]));
}
