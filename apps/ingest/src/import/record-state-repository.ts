import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';

export interface KnownRecord<R> {
  readonly version: number;
  readonly hash: string;
  readonly state: R | null;
  readonly deleted: boolean;
  /** Observation time of the file that last changed the record. */
  readonly observedAt: Date;
}

export interface RecordStateWrite {
  readonly recordId: string;
  readonly version: number;
  readonly hash: string;
  readonly state: unknown;
  readonly deleted: boolean;
}

const LOOKUP_CHUNK = 10_000;

/** Content hash of a record: equal records, equal hashes (records are built with a fixed key order). */
export function contentHash(record: unknown): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('base64url').slice(0, 22);
}

/** Every record of a source that the last snapshot left alive (what the next snapshot is diffed against). */
export async function loadLiveRecords<R>(db: Kysely<Database>, tenantId: string, source: string): Promise<Map<string, KnownRecord<R>>> {
  const rows = await db
    .selectFrom('ingest_record_state')
    .select(['record_id', 'stream_version', 'content_hash', 'state', 'deleted', 'observed_at'])
    .where('tenant_id', '=', tenantId)
    .where('source', '=', source)
    .execute();
  return new Map(rows.map((row) => [row.record_id, toKnown<R>(row)]));
}

/** The known state of just these records (a delta or journal file names a small part of all). */
export async function loadRecords<R>(db: Kysely<Database>, tenantId: string, source: string, ids: readonly string[]): Promise<Map<string, KnownRecord<R>>> {
  const known = new Map<string, KnownRecord<R>>();
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const { rows } = await sql<RecordStateRow>`
      SELECT record_id, stream_version, content_hash, state, deleted, observed_at FROM ingest_record_state
      WHERE tenant_id = ${tenantId} AND source = ${source} AND record_id = ANY(${ids.slice(i, i + LOOKUP_CHUNK)}::text[])`.execute(db);
    for (const row of rows) known.set(row.record_id, toKnown<R>(row));
  }
  return known;
}

export async function saveRecords(db: Kysely<Database>, tenantId: string, source: string, observedAt: Date, writes: readonly RecordStateWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const rows = writes.map((w) => ({ r: w.recordId, v: w.version, h: w.hash, s: w.state, d: w.deleted }));
  await sql`
    INSERT INTO ingest_record_state (tenant_id, source, record_id, stream_version, content_hash, state, deleted, observed_at)
    SELECT ${tenantId}, ${source}, x.r, x.v, x.h, x.s, x.d, ${observedAt.toISOString()}::timestamptz
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(r text, v integer, h text, s jsonb, d boolean)
    ON CONFLICT (tenant_id, source, record_id) DO UPDATE
      SET stream_version = excluded.stream_version, content_hash = excluded.content_hash, state = excluded.state,
          deleted = excluded.deleted, observed_at = excluded.observed_at`.execute(db);
}

interface RecordStateRow {
  readonly record_id: string;
  readonly stream_version: number;
  readonly content_hash: string;
  readonly state: unknown;
  readonly deleted: boolean;
  readonly observed_at: Date | string;
}

function toKnown<R>(row: RecordStateRow): KnownRecord<R> {
  return { version: row.stream_version, hash: row.content_hash, state: row.state as R | null, deleted: row.deleted, observedAt: new Date(row.observed_at) };
}
