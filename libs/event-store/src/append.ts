import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { WrongExpectedVersionError, type VersionConflict } from './errors.js';
import type { AppendOptions, AppendResult, ExpectedVersion, NewEvent, StreamAppend } from './event.js';
import { eventIdFor } from './event-id.js';

interface PendingStream {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: NewEvent[];
}

/**
 * What a fresh, careful look at the log can settle: a lost race (idempotency key, or an 'any'
 * stream), or an optimistic attempt that met events stored before.
 */
class RetryableRace extends Error {}

const MAX_ATTEMPTS = 5;

/**
 * Appends events to one or more streams in one transaction: all or nothing.
 *
 * Runs inside the caller's transaction when given one (the ingest writes events, import
 * record and report together), otherwise in its own. The primary key (tenant, stream,
 * version) is the concurrency guard: a writer whose expected version is stale collides
 * with the winner's row. The insert runs under a savepoint, so a conflict leaves the
 * caller's transaction usable.
 *
 * The first attempt is optimistic: it inserts without looking up the idempotency keys, since
 * nearly every append brings new events (a file's transaction is all or nothing, and a file
 * applied before is skipped whole). A key or version that collides sends the append round
 * again, carefully: stored events are then looked up and skipped.
 */
export async function appendToStreams(
  db: Kysely<Database>,
  tenantId: string,
  appends: readonly StreamAppend[],
  options: AppendOptions = {},
): Promise<AppendResult> {
  try {
    if (db.isTransaction) return await appendInTransaction(db, tenantId, appends, options);
    return await db.transaction().execute((trx) => appendInTransaction(trx, tenantId, appends, options));
  } finally {
    options.onWriting?.(); // at the latest: nothing is left to write
  }
}

async function appendInTransaction(
  trx: Kysely<Database>,
  tenantId: string,
  appends: readonly StreamAppend[],
  options: AppendOptions,
): Promise<AppendResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await appendOnce(trx, tenantId, appends, attempt === 1, options);
    } catch (error) {
      if (!(error instanceof RetryableRace) || attempt === MAX_ATTEMPTS) throw error;
    }
  }
}

async function appendOnce(
  trx: Kysely<Database>,
  tenantId: string,
  appends: readonly StreamAppend[],
  optimistic: boolean,
  options: AppendOptions,
): Promise<AppendResult> {
  const stored = optimistic ? new Set<string>() : await storedKeys(trx, tenantId, appends);
  const { pending, duplicates } = dropKnownEvents(appends, stored);
  if (pending.length === 0) return { appended: 0, duplicates, streamVersions: new Map() };

  const current = await currentVersions(trx, tenantId, pending.filter((p) => p.expectedVersion !== 0));
  const stale = pending.filter((p) => typeof p.expectedVersion === 'number' && p.expectedVersion !== 0 && current.get(p.streamId) !== p.expectedVersion);
  // A stream ahead of the expected version may hold these very events: only a careful look tells.
  if (stale.length && optimistic) throw new RetryableRace();
  if (stale.length) throw new WrongExpectedVersionError(stale.map((p) => conflictOf(p, current)));

  const baseVersions = new Map(pending.map((p) => [p.streamId, p.expectedVersion === 'any' ? (current.get(p.streamId) ?? 0) : p.expectedVersion]));
  await sql`SAVEPOINT event_store_append`.execute(trx);
  try {
    await insertEvents(trx, tenantId, pending, baseVersions, options);
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT event_store_append`.execute(trx);
    throw optimistic && isUniqueViolation(error) ? new RetryableRace() : await explainCollision(trx, tenantId, pending, error);
  }
  await sql`RELEASE SAVEPOINT event_store_append`.execute(trx);

  const streamVersions = new Map(pending.map((p) => [p.streamId, baseVersions.get(p.streamId)! + p.events.length]));
  const appended = pending.reduce((sum, stream) => sum + stream.events.length, 0);
  return { appended, duplicates, streamVersions };
}

async function storedKeys(trx: Kysely<Database>, tenantId: string, appends: readonly StreamAppend[]): Promise<Set<string>> {
  const keys = appends.flatMap((stream) => stream.events.map((event) => event.idempotencyKey));
  // The event id follows from tenant and key, and its index is the idempotency guard.
  const { rows } = await sql<{ idempotency_key: string }>`
    SELECT idempotency_key FROM events
    WHERE event_id = ANY(${keys.map((key) => eventIdFor(tenantId, key))}::uuid[]) AND tenant_id = ${tenantId}`.execute(trx);
  return new Set(rows.map((row) => row.idempotency_key));
}

/** Idempotency: events whose key is stored already, or repeated in this request, are skipped. */
function dropKnownEvents(appends: readonly StreamAppend[], stored: ReadonlySet<string>): { pending: PendingStream[]; duplicates: string[] } {
  const seen = new Set(stored);
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

async function currentVersions(trx: Kysely<Database>, tenantId: string, streams: readonly PendingStream[]): Promise<Map<string, number>> {
  if (streams.length === 0) return new Map();
  const { rows } = await sql<{ stream_id: string; version: number }>`
    SELECT stream_id, max(stream_version) AS version FROM events
    WHERE tenant_id = ${tenantId} AND stream_id = ANY(${streams.map((p) => p.streamId)}::text[])
    GROUP BY stream_id`.execute(trx);
  return new Map(rows.map((row) => [row.stream_id, row.version]));
}

function conflictOf(stream: PendingStream, current: ReadonlyMap<string, number>): VersionConflict {
  return { streamId: stream.streamId, expected: stream.expectedVersion, actual: current.get(stream.streamId) ?? 0 };
}

/** Rows travel as one JSON document: one parameter, serialised natively, the same on PostgreSQL and PGlite. */
async function insertEvents(
  trx: Kysely<Database>,
  tenantId: string,
  pending: readonly PendingStream[],
  baseVersions: ReadonlyMap<string, number>,
  options: AppendOptions,
): Promise<void> {
  const rows: unknown[] = [];
  for (const stream of pending) {
    const base = baseVersions.get(stream.streamId)!;
    stream.events.forEach((event, index) => {
      rows.push({
        i: eventIdFor(tenantId, event.idempotencyKey),
        s: stream.streamId,
        v: base + index + 1,
        t: event.type,
        sv: event.schemaVersion ?? 1,
        o: event.occurredOn ?? null,
        ob: event.observedAt.toISOString(),
        im: event.importId ?? null,
        k: event.idempotencyKey,
        p: event.payload,
      });
    });
  }
  const inserting = sql`
    INSERT INTO events (tenant_id, event_id, stream_id, stream_version, event_type, schema_version,
                        occurred_on, observed_at, import_id, idempotency_key, payload)
    SELECT ${tenantId}, r.i, r.s, r.v, r.t, r.sv, r.o, r.ob, r.im, r.k, r.p
    FROM json_to_recordset(${JSON.stringify(rows)}::json)
      AS r(i uuid, s text, v integer, t text, sv smallint, o date, ob timestamptz, im uuid, k text, p jsonb)`.execute(trx);
  // Once the statement is on the wire: every microtask has run, Kysely has written it out.
  if (options.onWriting) setImmediate(options.onWriting);
  await inserting;
}

/**
 * A unique violation means another writer committed first: on a stream version, the
 * caller's expected version was stale (or, for 'any', a fresh look settles it); on an
 * idempotency key, a fresh look finds the event stored and skips it.
 */
async function explainCollision(trx: Kysely<Database>, tenantId: string, pending: readonly PendingStream[], error: unknown): Promise<Error> {
  if (!isUniqueViolation(error)) return error as Error;
  const e = error as { constraint?: string };
  if (e.constraint === 'events_event_id_unique') return new RetryableRace();
  if (e.constraint !== 'events_stream_version_unique') return error as Error;
  const current = await currentVersions(trx, tenantId, pending);
  const conflicts = pending.filter((p) => p.expectedVersion !== 'any' && (current.get(p.streamId) ?? 0) !== p.expectedVersion);
  return conflicts.length ? new WrongExpectedVersionError(conflicts.map((p) => conflictOf(p, current))) : new RetryableRace();
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === '23505';
}
