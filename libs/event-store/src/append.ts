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
 * record and report together), under a savepoint, so that a conflict leaves the caller's
 * transaction usable. Alone it needs no transaction at all: the events go in by one INSERT,
 * atomic by itself, and every guard is in that statement: the primary key (tenant, stream,
 * version), with which a writer whose expected version is stale collides on the winner's row;
 * the event id's unique index (idempotency); and a check that each stream's expected version is
 * stored, so that no append leaves a gap. A single append is one statement, one round trip.
 *
 * The first attempt is optimistic: it inserts without looking up the idempotency keys, since
 * nearly every append brings new events (a file's transaction is all or nothing, and a file
 * applied before is skipped whole). A key or version that collides sends the append round
 * again, carefully: stored events are then looked up and skipped.
 */
export async function appendToStreams(db: Kysely<Database>, tenantId: string, appends: readonly StreamAppend[] | PreparedAppend, options: AppendOptions = {}): Promise<AppendResult> {
  try {
    const prepared = appends instanceof PreparedAppend ? appends : prepareAppend(tenantId, appends);
    if (prepared.tenantId !== tenantId) throw new Error(`an append prepared for tenant ${prepared.tenantId} cannot go to tenant ${tenantId}`);
    return await appendWithRetries(db, prepared, options);
  } finally {
    options.onWriting?.(); // at the latest: nothing is left to write
  }
}

async function appendWithRetries(db: Kysely<Database>, prepared: PreparedAppend, options: AppendOptions): Promise<AppendResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await appendOnce(db, prepared, attempt === 1, options);
    } catch (error) {
      if (!(error instanceof RetryableRace) || attempt === MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * An append checked and turned into rows ahead of sending, so that a caller can build the next
 * one while the database writes this (see EventStore.prepare). The rows serve the optimistic
 * first attempt; a careful retry starts again from the streams.
 */
export class PreparedAppend {
  /** @internal */
  constructor(
    readonly tenantId: string,
    readonly appends: readonly StreamAppend[],
    /** @internal The streams, keys repeated within the request dropped. */
    readonly request: { readonly pending: PendingStream[]; readonly duplicates: string[] },
    /** @internal Built only when every stream names its expected version: 'any' asks the log first. */
    readonly rows: EventRows | undefined,
  ) {}
}

export function prepareAppend(tenantId: string, appends: readonly StreamAppend[]): PreparedAppend {
  const request = dropKnownEvents(appends, new Set());
  const numbered = request.pending.every((p) => p.expectedVersion !== 'any');
  return new PreparedAppend(tenantId, appends, request, numbered ? eventRows(tenantId, request.pending, baseVersionsOf(request.pending, new Map())) : undefined);
}

async function appendOnce(db: Kysely<Database>, prepared: PreparedAppend, optimistic: boolean, options: AppendOptions): Promise<AppendResult> {
  const { tenantId, appends } = prepared;
  const { pending, duplicates } = optimistic ? prepared.request : dropKnownEvents(appends, await storedKeys(db, tenantId, appends));
  if (pending.length === 0) return { appended: 0, duplicates, streamVersions: new Map() };

  // Optimistic with every version named, the INSERT itself checks them (see insertEvents): no look first.
  const guarded = optimistic && prepared.rows !== undefined;
  const current = guarded
    ? new Map<string, number>()
    : await currentVersions(
        db,
        tenantId,
        pending.filter((p) => p.expectedVersion !== 0),
      );
  const stale = pending.filter((p) => !guarded && typeof p.expectedVersion === 'number' && p.expectedVersion !== 0 && current.get(p.streamId) !== p.expectedVersion);
  // A stream ahead of the expected version may hold these very events: only a careful look tells.
  if (stale.length && optimistic) throw new RetryableRace();
  if (stale.length) throw new WrongExpectedVersionError(stale.map((p) => conflictOf(p, current)));

  const baseVersions = baseVersionsOf(pending, current);
  const rows = guarded ? prepared.rows! : eventRows(tenantId, pending, baseVersions);
  const predecessors = guarded ? pending.filter((p) => p.expectedVersion !== 0).map((p) => ({ streamId: p.streamId, version: p.expectedVersion as number })) : [];
  // Only a caller's transaction needs a savepoint: outside one, the failed INSERT was all there was.
  const savepoint = db.isTransaction;
  if (savepoint) await sql`SAVEPOINT event_store_append`.execute(db);
  try {
    const inserted = await insertEvents(db, tenantId, rows, predecessors, options);
    // A stream behind its expected version: the guard let nothing in; the careful round says which.
    if (inserted === 0) throw new RetryableRace();
  } catch (error) {
    if (savepoint) await sql`ROLLBACK TO SAVEPOINT event_store_append`.execute(db);
    if (error instanceof RetryableRace) throw error;
    throw optimistic && isUniqueViolation(error) ? new RetryableRace() : await explainCollision(db, tenantId, pending, error);
  }
  if (savepoint) await sql`RELEASE SAVEPOINT event_store_append`.execute(db);

  const streamVersions = new Map(pending.map((p) => [p.streamId, baseVersions.get(p.streamId)! + p.events.length]));
  const appended = pending.reduce((sum, stream) => sum + stream.events.length, 0);
  return { appended, duplicates, streamVersions };
}

async function storedKeys(trx: Kysely<Database>, tenantId: string, appends: readonly StreamAppend[]): Promise<Set<string>> {
  // The event id follows from tenant and key, and its index is the idempotency guard: the key
  // itself is not stored (migration 0023), so a stored id names the key it was derived from.
  const keysById = new Map(appends.flatMap((stream) => stream.events.map((event) => [eventIdFor(tenantId, event.idempotencyKey), event.idempotencyKey] as const)));
  const { rows } = await sql<{ event_id: string }>`
    SELECT event_id FROM events
    WHERE event_id = ANY(${[...keysById.keys()]}::uuid[]) AND tenant_id = ${tenantId}`.execute(trx);
  return new Set(rows.map((row) => keysById.get(row.event_id)!));
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

function baseVersionsOf(pending: readonly PendingStream[], current: ReadonlyMap<string, number>): Map<string, number> {
  return new Map(pending.map((p) => [p.streamId, p.expectedVersion === 'any' ? (current.get(p.streamId) ?? 0) : p.expectedVersion]));
}

function conflictOf(stream: PendingStream, current: ReadonlyMap<string, number>): VersionConflict {
  return { streamId: stream.streamId, expected: stream.expectedVersion, actual: current.get(stream.streamId) ?? 0 };
}

/**
 * The events' columns, each one text with a line per event, the same on PostgreSQL and PGlite:
 * PostgreSQL splits such a text far faster than it takes apart a JSON document of all rows,
 * and building it costs less than quoting array elements. JSON text never holds a raw line
 * break; stream ids and event types must be one non-empty line each. The idempotency key does
 * not travel: the event id derived from it is what is stored (migration 0023).
 */
interface EventRows {
  readonly ids: string;
  readonly streams: string;
  readonly versions: string;
  readonly types: string;
  readonly schemaVersions: string;
  readonly occurredOn: string;
  readonly observedAt: string;
  readonly imports: string;
  readonly payloads: string;
}

function eventRows(tenantId: string, pending: readonly PendingStream[], baseVersions: ReadonlyMap<string, number>): EventRows {
  const ids: string[] = [];
  const streams: string[] = [];
  const versions: number[] = [];
  const types: string[] = [];
  const schemaVersions: number[] = [];
  const occurredOn: string[] = [];
  const observedAt: string[] = [];
  const imports: string[] = [];
  const payloads: string[] = [];
  for (const stream of pending) {
    const base = baseVersions.get(stream.streamId)!;
    singleLine('stream id', stream.streamId);
    stream.events.forEach((event, index) => {
      const payload = JSON.stringify(event.payload);
      if (payload === undefined) throw new Error(`an event needs a JSON payload (${event.type} for ${stream.streamId})`);
      if (event.idempotencyKey === '') throw new Error(`an event needs an idempotency key (${event.type} for ${stream.streamId})`);
      ids.push(eventIdFor(tenantId, event.idempotencyKey));
      streams.push(stream.streamId);
      versions.push(base + index + 1);
      types.push(singleLine('event type', event.type));
      schemaVersions.push(event.schemaVersion ?? 1);
      occurredOn.push(event.occurredOn ?? '');
      observedAt.push(event.observedAt.toISOString());
      imports.push(event.importId ?? '');
      payloads.push(payload);
    });
  }
  const lines = (values: readonly unknown[]) => values.join('\n');
  return {
    ids: lines(ids),
    streams: lines(streams),
    versions: lines(versions),
    types: lines(types),
    schemaVersions: lines(schemaVersions),
    occurredOn: lines(occurredOn),
    observedAt: lines(observedAt),
    imports: lines(imports),
    payloads: lines(payloads),
  };
}

/**
 * One INSERT of all rows. `predecessors`: each stream's expected version, whose event must be
 * stored for the rows to go in at all (a stream ahead of it makes the first row collide on the
 * primary key; one behind it would leave a gap): the statement then inserts nothing, and says
 * so by the rows it inserted. Checking in the statement spares the round trip of a look first.
 */
async function insertEvents(trx: Kysely<Database>, tenantId: string, rows: EventRows, predecessors: readonly { streamId: string; version: number }[], options: AppendOptions): Promise<number> {
  // An empty line is NULL (no date, no import); no other column is ever empty.
  const lines = (text: string) => sql`string_to_array(${text}, chr(10), '')`;
  const guard = predecessors.length
    ? sql`WHERE NOT EXISTS (
        SELECT 1 FROM unnest(${predecessors.map((p) => p.streamId)}::text[], ${predecessors.map((p) => p.version)}::integer[]) AS before (s, v)
        WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.tenant_id = ${tenantId} AND e.stream_id = before.s AND e.stream_version = before.v))`
    : sql``;
  const inserting = sql`
    INSERT INTO events (tenant_id, event_id, stream_id, stream_version, event_type, schema_version,
                        occurred_on, observed_at, import_id, payload)
    SELECT ${tenantId}, r.i::uuid, r.s, r.v::integer, r.t, r.sv::smallint, r.o::date, r.ob::timestamptz, r.im::uuid, r.p::jsonb
    FROM unnest(${lines(rows.ids)}, ${lines(rows.streams)}, ${lines(rows.versions)}, ${lines(rows.types)}, ${lines(rows.schemaVersions)},
                ${lines(rows.occurredOn)}, ${lines(rows.observedAt)}, ${lines(rows.imports)}, ${lines(rows.payloads)})
      AS r(i, s, v, t, sv, o, ob, im, p)
    ${guard}`.execute(trx);
  // Once the statement is on the wire: every microtask has run, Kysely has written it out.
  if (options.onWriting) setImmediate(options.onWriting);
  return Number((await inserting).numAffectedRows ?? 0n);
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

/** Stream ids and event types travel a line each (see insertEvents). */
function singleLine(what: string, value: string): string {
  if (value === '' || value.includes('\n')) throw new Error(`a ${what} must be one line of text, not ${JSON.stringify(value)}`);
  return value;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === '23505';
}
