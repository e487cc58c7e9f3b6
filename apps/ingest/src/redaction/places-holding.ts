import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';

export interface PlaceHolding {
  readonly table: string;
  readonly rows: number;
}

/**
 * Every table of the database (all offices) whose rows, read as text, still contain the
 * value, and how many rows: what an attacker with a dump would find. Reads every row once,
 * so it takes as long as a dump.
 */
export async function placesHolding(db: Kysely<Database>, value: string): Promise<PlaceHolding[]> {
  const { rows: tables } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  // Inside a JSON document a quote or backslash of the value is escaped.
  const asInJson = JSON.stringify(value).slice(1, -1);
  const places: PlaceHolding[] = [];
  for (const { table_name } of tables) {
    const { rows } = await sql<{ rows: string }>`
      SELECT count(*) AS rows FROM ${sql.table(table_name)} t WHERE strpos(t::text, ${value}) > 0 OR strpos(t::text, ${asInJson}) > 0`.execute(db);
    const count = Number(rows[0]!.rows);
    if (count > 0) places.push({ table: table_name, rows: count });
  }
  return places;
}
