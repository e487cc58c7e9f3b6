import { sql, type RawBuilder } from 'kysely';
import { COMPACT_FIELDS, COMPACT_PAYLOAD_VERSION } from '@jugendamt/domain';

/**
 * Where a field of a record's state stands in an event's stored payload, as a JSON path (text[])
 * for one row of `events`: version 1 names it (`{state, field}`), version 2 keeps it at its place
 * in the list `s` (the domain's compact payload), which depends on the event type. NULL for a type
 * without the field, so that `payload #> path` is NULL there as it is for a name the state lacks.
 * `row` is the alias the caller's statement gives the events (its columns payload, event_type,
 * schema_version).
 */
export function stateFieldPath(field: string, row?: string): RawBuilder<string[]> {
  const column = (name: string) => (row ? sql.ref(`${row}.${name}`) : sql.ref(name));
  const typesByPlace = new Map<number, string[]>();
  for (const [type, fields] of COMPACT_FIELDS) {
    const place = fields.indexOf(field);
    if (place >= 0) typesByPlace.set(place, [...(typesByPlace.get(place) ?? []), type]);
  }
  const compact = [...typesByPlace].map(([place, types]) => sql`WHEN ${column('event_type')} IN (${sql.join(types.map((type) => sql.lit(type)))}) THEN ARRAY['s', ${sql.lit(String(place))}]`);
  const compactPath = compact.length ? sql`CASE ${sql.join(compact, sql` `)} END` : sql`NULL::text[]`;
  return sql<string[]>`(CASE WHEN ${column('schema_version')} = ${sql.lit(COMPACT_PAYLOAD_VERSION)} THEN ${compactPath} ELSE ARRAY['state', ${field}::text] END)`;
}
