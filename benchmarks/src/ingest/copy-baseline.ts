import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEFAULT_EXPORT_PROFILE, parseExportFileName } from '@jugendamt/domain';

/**
 * The baseline: the same files, bytes as they are, loaded by PostgreSQL's own CSV reader into
 * plain staging tables of text columns (no parsing of dates, no pseudonyms, no indexes):
 * the fastest anything can get the rows into the database.
 */
export async function copyFilesRaw(databaseUrl: string, files: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const file of files) {
      const name = parseExportFileName(file);
      if (!name.ok) throw new Error(name.reason);
      const profile = DEFAULT_EXPORT_PROFILE.sources[name.value.source];
      const table = `staging_${name.value.source.replace(/\W/g, '_')}`;
      const columns = Object.keys(profile.fields).map((field) => `"${field}" text`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${table} (${columns.join(', ')})`);
      const encoding = profile.encoding === 'utf-8' ? 'UTF8' : 'WIN1252';
      const copy = `COPY ${table} FROM STDIN (FORMAT csv, DELIMITER '${profile.delimiter}', HEADER true, ENCODING '${encoding}')`;
      await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), client.query(copyFrom(copy)));
    }
  } finally {
    await client.end();
  }
}
