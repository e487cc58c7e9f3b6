import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { DEFAULT_EXPORT_PROFILE, type ExportSource } from '@jugendamt/domain';
import type { ExportRowValues } from './export-files.js';

/** Every row of every table in the public schema as text: what an attacker with a dump would read. */
export async function everyStoredText(db: Kysely<Database>): Promise<Map<string, string>> {
  const { rows: tables } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db);
  const dump = new Map<string, string>();
  for (const { table_name } of tables) {
    const { rows } = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table_name)} t`.execute(db);
    dump.set(table_name, rows.map((r) => r.row).join('\n'));
  }
  return dump;
}

/**
 * What of these export rows must never be stored, logged or reported: the values of personal
 * columns (a date also as ISO) and of identifier columns in clear.
 */
export function personalValuesOf(source: ExportSource, rows: readonly ExportRowValues[]): string[] {
  const fields = Object.values(DEFAULT_EXPORT_PROFILE.sources[source].fields).filter((spec) => spec.privacy !== 'plain');
  const values = new Set<string>();
  for (const row of rows) {
    for (const spec of fields) {
      const value = row[spec.header]?.trim();
      if (!value) continue;
      values.add(value);
      const date = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
      if (date) values.add(`${date[3]}-${date[2]}-${date[1]}`);
    }
  }
  return [...values];
}

/** `where: value` for each personal value found in the database or in the given texts (reports, logs). */
export async function personalValuesFound(db: Kysely<Database>, values: readonly string[], texts: Readonly<Record<string, string>> = {}): Promise<string[]> {
  const places = [...(await everyStoredText(db)), ...Object.entries(texts)];
  return places.flatMap(([where, text]) => values.filter((value) => text.includes(value)).map((value) => `${where}: ${value}`));
}
