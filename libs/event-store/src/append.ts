import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { WrongExpectedVersionError, type VersionConflict } from './errors.js';
import type { AppendResult, ExpectedVersion, NewEvent, StreamAppend } from './event.js';
import { eventIdFor } from './event-id.js';

interface PendingStream {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: NewEvent[];
}

/**
 * Appends events to one or more streams in one transaction: all or nothing.
 *
 * Runs inside the caller's transaction when given one (the ingest writes events, import
 * record and report together), otherwise in its own. Rows travel as parameter arrays
 * through `unnest`, so a batch of any size is three statements on PostgreSQL and PGlite alike.
 */
export async function appendToStreams(
  db: Kysely<Database>,
  tenantId: string,
  appends: readonly StreamAppend[],
): Promise<AppendResult> {
  if (db.isTransaction) return appendInTransaction(db, tenantId, appends);
  const attempt = () => db.transaction().execute((trx) => appendInTransaction(trx, tenantId, appends));
  try {
    return await attempt();
  } catch (error) {
    // Two writers raced with the same idempotency key and this one lost at the unique index:
    // a second attempt sees the winner's events and skips them as duplicates.
    if (isIdempotencyRace(error)) return attempt();
    throw error;
  }
}

function isIdempotencyRace(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'events_idempotency_key_unique';
}

async function appendInTransaction(
  trx: Kysely<Database>,
  tenantId: string,
  appends: readonly StreamAppend[],
): Promise<AppendResult> {
  const { pending, duplicates } = await dropKnownEvents(trx, tenantId, appends);
  if (pending.length === 0) return { appended: 0, duplicates, streamVersions: new Map() };

  const newVersions = await advanceStreams(trx, tenantId, pending);
  await insertEvents(trx, tenantId, pending, newVersions);
  const appended = pending.reduce((sum, stream) => sum + stream.events.length, 0);
  return { appended, duplicates, streamVersions: newVersions };
}

/** Idempotency: events whose key is stored already, or repeated in this request, are skipped. */
async function dropKnownEvents(
  trx: Kysely<Database>,
  tenantId: string,
  appends: readonly StreamAppend[],
): Promise<{ pending: PendingStream[]; duplicates: string[] }> {
  const keys = appends.flatMap((stream) => stream.events.map((event) => event.idempotencyKey));
  const stored = keys.length
    ? await sql<{ idempotency_key: string }>`
        SELECT idempotency_key FROM events
        WHERE tenant_id = ${tenantId} AND idempotency_key = ANY(${keys}::text[])`.execute(trx)
    : { rows: [] };
  const seen = new Set(stored.rows.map((row) => row.idempotency_key));
  const duplicates: string[] = [];
  const byStream = new Map<string, PendingStream>();
  for (const append of appends) {
    for (const event of append.events) {
      if (seen.has(event.idempotencyKey)) {
        duplicates.push(event.idempotencyKey);
        continue;
      }
      seen.add(event.idempotencyKey);
      let stream = byStream.get(append.streamId);
      if (!stream) {
        stream = { streamId: append.streamId, expectedVersion: append.expectedVersion, events: [] };
        byStream.set(append.streamId, stream);
      } else if (stream.expectedVersion !== append.expectedVersion) {
        throw new Error(`stream ${append.streamId} appears twice in one append with different expected versions`);
      }
      stream.events.push(event);
    }
  }
  return { pending: [...byStream.values()], duplicates };
}

/**
 * Optimistic concurrency: moves each stream's version forward only where it still has the
 * expected value. Row locks make a concurrent writer of the same stream wait and then miss.
 */
async function advanceStreams(
  trx: Kysely<Database>,
  tenantId: string,
  pending: readonly PendingStream[],
): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  const update = async (streams: readonly PendingStream[]) => {
    if (streams.length === 0) return;
    const { rows } = await sql<{ stream_id: string; version: number }>`
      UPDATE streams AS s SET version = s.version + u.n
      FROM unnest(${streams.map((p) => p.streamId)}::text[], ${streams.map((p) => expectedOrNull(p.expectedVersion))}::int[],
                  ${streams.map((p) => p.events.length)}::int[]) AS u(stream_id, expected, n)
      WHERE s.tenant_id = ${tenantId} AND s.stream_id = u.stream_id AND (u.expected IS NULL OR s.version = u.expected)
      RETURNING s.stream_id, s.version`.execute(trx);
    for (const row of rows) versions.set(row.stream_id, row.version);
  };
  const missing = () => pending.filter((p) => !versions.has(p.streamId));

  await update(pending);
  const creatable = missing().filter((p) => p.expectedVersion === 'any' || p.expectedVersion === 0);
  if (creatable.length) {
    const { rows } = await sql<{ stream_id: string; version: number }>`
      INSERT INTO streams (tenant_id, stream_id, version)
      SELECT ${tenantId}, u.stream_id, u.n
      FROM unnest(${creatable.map((p) => p.streamId)}::text[], ${creatable.map((p) => p.events.length)}::int[]) AS u(stream_id, n)
      ON CONFLICT (tenant_id, stream_id) DO NOTHING
      RETURNING stream_id, version`.execute(trx);
    for (const row of rows) versions.set(row.stream_id, row.version);
    // A concurrent writer created some of these streams first; 'any' accepts its version.
    await update(missing().filter((p) => p.expectedVersion === 'any'));
  }

  const conflicting = missing();
  if (conflicting.length) throw new WrongExpectedVersionError(await describeConflicts(trx, tenantId, conflicting));
  return versions;
}

async function describeConflicts(
  trx: Kysely<Database>,
  tenantId: string,
  conflicting: readonly PendingStream[],
): Promise<VersionConflict[]> {
  const rows = await trx
    .selectFrom('streams')
    .select(['stream_id', 'version'])
    .where('tenant_id', '=', tenantId)
    .where('stream_id', 'in', conflicting.map((p) => p.streamId))
    .execute();
  const actual = new Map(rows.map((row) => [row.stream_id, row.version]));
  return conflicting.map((p) => ({ streamId: p.streamId, expected: p.expectedVersion, actual: actual.get(p.streamId) ?? 0 }));
}

async function insertEvents(
  trx: Kysely<Database>,
  tenantId: string,
  pending: readonly PendingStream[],
  newVersions: ReadonlyMap<string, number>,
): Promise<void> {
  const columns = {
    eventId: [] as string[],
    streamId: [] as string[],
    streamVersion: [] as number[],
    type: [] as string[],
    schemaVersion: [] as number[],
    occurredOn: [] as (string | null)[],
    observedAt: [] as string[],
    importId: [] as (string | null)[],
    idempotencyKey: [] as string[],
    payload: [] as string[],
  };
  for (const stream of pending) {
    const base = newVersions.get(stream.streamId)! - stream.events.length;
    stream.events.forEach((event, index) => {
      columns.eventId.push(eventIdFor(tenantId, event.idempotencyKey));
      columns.streamId.push(stream.streamId);
      columns.streamVersion.push(base + index + 1);
      columns.type.push(event.type);
      columns.schemaVersion.push(event.schemaVersion ?? 1);
      columns.occurredOn.push(event.occurredOn ?? null);
      columns.observedAt.push(event.observedAt.toISOString());
      columns.importId.push(event.importId ?? null);
      columns.idempotencyKey.push(event.idempotencyKey);
      columns.payload.push(JSON.stringify(event.payload));
    });
  }
  await sql`
    INSERT INTO events (tenant_id, event_id, stream_id, stream_version, event_type, schema_version,
                        occurred_on, observed_at, import_id, idempotency_key, payload)
    SELECT ${tenantId}, u.*
    FROM unnest(${columns.eventId}::uuid[], ${columns.streamId}::text[], ${columns.streamVersion}::int[],
                ${columns.type}::text[], ${columns.schemaVersion}::smallint[], ${columns.occurredOn}::date[],
                ${columns.observedAt}::timestamptz[], ${columns.importId}::uuid[], ${columns.idempotencyKey}::text[],
                ${columns.payload}::jsonb[]) AS u`.execute(trx);
}

function expectedOrNull(expected: ExpectedVersion): number | null {
  return expected === 'any' ? null : expected;
}
