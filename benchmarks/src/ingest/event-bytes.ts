import pg from 'pg';

export interface EventBytes {
  readonly events: number;
  /** Bytes per event, by part: the table's file and each index, and within a row its largest columns. */
  readonly perEvent: readonly (readonly [part: string, bytes: number])[];
}

/**
 * What an event costs on disk after an import: the events table's file and indexes divided by
 * its rows, and the average size of the columns that make up most of a row. The aim of leaner
 * events (issue 22) is read off these figures, before and after.
 */
export async function eventBytes(databaseUrl: string): Promise<EventBytes> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ events: string; heap: string; total: string; row: string; payload: string; key: string; stream: string }>(`
      SELECT count(*) AS events, pg_relation_size('events') AS heap, pg_total_relation_size('events') AS total,
             avg(pg_column_size(e.*)) AS row, avg(pg_column_size(payload)) AS payload,
             avg(coalesce(pg_column_size(idempotency_key), 0)) AS key, avg(pg_column_size(stream_id)) AS stream
      FROM events e`);
    const { rows: indexes } = await client.query<{ name: string; bytes: string }>(`
      SELECT indexrelid::regclass::text AS name, pg_relation_size(indexrelid) AS bytes FROM pg_index WHERE indrelid = 'events'::regclass ORDER BY 1`);
    const totals = rows[0]!;
    const events = Number(totals.events);
    const per = (bytes: string) => Math.round(Number(bytes) / events);
    return {
      events,
      perEvent: [
        ['table and indexes', per(totals.total)],
        ['table file (rows, page and row headers)', per(totals.heap)],
        ['a row on average (its columns and header)', Math.round(Number(totals.row))],
        ['of which the payload', Math.round(Number(totals.payload))],
        ['of which the idempotency key', Math.round(Number(totals.key))],
        ['of which the stream id', Math.round(Number(totals.stream))],
        ...indexes.map((index) => [`index ${index.name}`, per(index.bytes)] as const),
      ],
    };
  } finally {
    await client.end();
  }
}
