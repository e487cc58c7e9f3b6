import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

const COLUMNS = 'tenant_id, event_id, stream_id, stream_version, event_type, schema_version, occurred_on, observed_at, import_id, idempotency_key, payload';

/**
 * A third floor: the events the pipeline wrote, loaded again by PostgreSQL's own `COPY` into a
 * copy of the events table with its keys and indexes (no triggers, no JavaScript at all). What
 * storing one event row per input row costs the database, whoever builds the rows. Returns the
 * time of that `COPY` alone; writing the events out first is not counted.
 */
export async function copyEventsAgain(databaseUrl: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'event-rows-'));
  const file = join(dir, 'events.copy');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await pipeline(client.query(copyTo(`COPY events (${COLUMNS}) TO STDOUT`)), createWriteStream(file));
    await client.query('CREATE TABLE events_floor (LIKE events INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS INCLUDING INDEXES)');
    const started = process.hrtime.bigint();
    await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), client.query(copyFrom(`COPY events_floor (${COLUMNS}) FROM STDIN`)));
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
