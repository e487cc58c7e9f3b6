import { sql, type Kysely } from 'kysely';

/**
 * Deltas and journals (sub-processes, 14plus chronicle) keep no record state any more: the
 * import compares their rows with each record's last event, which carries the whole state. Their
 * rows in `ingest_record_state` were a second copy of the log and are deleted; the snapshots
 * (cases, aids, staff) keep theirs, since a snapshot is diffed against every live record at once.
 */
const OVERLAP_SOURCES = [
  { source: 'webfm_teilprozesse', streamPrefix: 'subprocess-' },
  { source: '14plus_chronik', streamPrefix: 'chronicle-entry-' },
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM ingest_record_state WHERE source = ANY(${OVERLAP_SOURCES.map((s) => s.source)}::text[])`.execute(db);
}

/** Rebuilds the deleted rows from each record's last event, as the import used to write them. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const { source, streamPrefix } of OVERLAP_SOURCES) {
    const state = source === '14plus_chronik' ? sql`'{"recorded": true}'::jsonb` : sql`payload->'state'`;
    await sql`
      INSERT INTO ingest_record_state (tenant_id, source, record_id, stream_version, content_hash, state, deleted, observed_at)
      SELECT DISTINCT ON (tenant_id, stream_id)
        tenant_id, ${source}, substr(stream_id, ${streamPrefix.length + 1}), stream_version,
        substring(idempotency_key from '[^:]*$'), ${state}, false, observed_at
      FROM events
      WHERE starts_with(stream_id, ${streamPrefix})
      ORDER BY tenant_id, stream_id, stream_version DESC`.execute(db);
  }
}
