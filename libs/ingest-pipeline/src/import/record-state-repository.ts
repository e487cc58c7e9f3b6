import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { RecordChange } from '@jugendamt/domain';
import { nextVersion, stateHash, type ApplyContext } from './apply-changes.js';
import type { KnownRecord } from './known-record.js';

/**
 * The last applied state of every record of a snapshot source: what the next snapshot is diffed
 * against, deleted records included. Deltas and journals need none (see `knownFromLog`).
 */
export async function loadLiveRecords<R>(db: Kysely<Database>, tenantId: string, source: string): Promise<Map<string, KnownRecord<R>>> {
  const rows = await db
    .selectFrom('ingest_record_state')
    .select(['record_id', 'stream_version', 'state', 'deleted', 'observed_at'])
    .where('tenant_id', '=', tenantId)
    .where('source', '=', source)
    .execute();
  return new Map(rows.map((row) => [row.record_id, toKnown<R>(row)]));
}

/** A snapshot's changes become its records' last state; a deleted record keeps the state it had. */
export async function saveRecordStates(ctx: ApplyContext, changes: readonly RecordChange<unknown>[], known: ReadonlyMap<string, KnownRecord<unknown>>): Promise<void> {
  if (changes.length === 0) return;
  const rows = changes.map((change) => {
    const before = known.get(change.recordId);
    const deleted = change.state === null;
    return { r: change.recordId, v: nextVersion(before), h: stateHash(change.state), s: deleted ? (before?.state ?? null) : change.state, d: deleted };
  });
  await sql`
    INSERT INTO ingest_record_state (tenant_id, source, record_id, stream_version, content_hash, state, deleted, observed_at)
    SELECT ${ctx.tenantId}, ${ctx.source}, x.r, x.v, x.h, x.s, x.d, ${ctx.observedAt.toISOString()}::timestamptz
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(r text, v integer, h text, s jsonb, d boolean)
    ON CONFLICT (tenant_id, source, record_id) DO UPDATE
      SET stream_version = excluded.stream_version, content_hash = excluded.content_hash, state = excluded.state,
          deleted = excluded.deleted, observed_at = excluded.observed_at`.execute(ctx.trx);
}

interface RecordStateRow {
  readonly record_id: string;
  readonly stream_version: number;
  readonly state: unknown;
  readonly deleted: boolean;
  readonly observed_at: Date | string;
}

function toKnown<R>(row: RecordStateRow): KnownRecord<R> {
  return { version: row.stream_version, state: row.state as R | null, deleted: row.deleted, observedAt: new Date(row.observed_at) };
}
