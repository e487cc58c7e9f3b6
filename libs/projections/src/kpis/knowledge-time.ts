import { sql, type RawBuilder } from 'kysely';

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
