import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '@jugendamt/db';

/**
 * The facts valid as known at `asOf` (the observation time of the exports), or the current
 * ones without it. Both are index-friendly: `known_to IS NULL` is a partial index.
 */
export function knownAt(alias: string, asOf: Date | undefined): RawBuilder<unknown> {
  const t = sql.ref(alias);
  if (!asOf) return sql`${t}.known_to IS NULL`;
  const at = asOf.toISOString();
  return sql`${t}.known_from <= ${at}::timestamptz AND (${t}.known_to IS NULL OR ${t}.known_to > ${at}::timestamptz)`;
}

/** For tables of changes in knowledge: the changes known by `asOf`, or all of them. */
export function knownBy(alias: string, asOf: Date | undefined): RawBuilder<unknown> {
  return asOf ? sql`${sql.ref(alias)}.known_from <= ${asOf.toISOString()}::timestamptz` : sql`true`;
}

/** The observation time of the newest applied export (of one source, if named) as known at `asOf`; null before any. */
export async function newestObservation(db: Kysely<Database>, tenantId: string, options: { readonly source?: string; readonly asOf?: Date | undefined } = {}): Promise<Date | null> {
  const { rows } = await sql<{ observed_at: Date | null }>`
    SELECT max(observed_at) AS observed_at FROM imports
    WHERE tenant_id = ${tenantId} AND status = 'applied'
      ${options.source ? sql`AND source = ${options.source}` : sql``}
      ${options.asOf ? sql`AND observed_at <= ${options.asOf.toISOString()}::timestamptz` : sql``}`.execute(db);
  const at = rows[0]?.observed_at;
  return at ? new Date(at) : null;
}
