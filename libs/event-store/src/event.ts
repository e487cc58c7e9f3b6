/**
 * The event envelope (see docs/architecture.md). Payloads hold pseudonyms, codes, dates and
 * amounts only: never names, birth dates or free text.
 */
export interface NewEvent<TPayload = unknown> {
  readonly type: string;
  /** Version of the payload's shape; readers upcast older versions. Defaults to 1. */
  readonly schemaVersion?: number;
  readonly payload: TPayload;
  /** The business date the event is about (ISO `YYYY-MM-DD`), if it has one. */
  readonly occurredOn?: string | null;
  /** Observation time of the export the event was derived from. */
  readonly observedAt: Date;
  readonly importId?: string | null;
  /**
   * Derived from source, record id and content: appending the same key again is a no-op. Stored
   * as the event id derived from it (eventIdFor), not as itself.
   */
  readonly idempotencyKey: string;
}

/** What an event says. A reader that knows its events names them as a union of these, and narrows by `type`. */
export interface EventBody {
  readonly type: string;
  readonly payload: unknown;
}

/**
 * An event as the log hands it to its readers (projections): what it says (`E`) and where it
 * stands, without the bookkeeping of its append. The log is read in full on every rebuild,
 * so it carries no column nobody reads.
 */
export type LoggedEvent<E extends EventBody = EventBody> = E & {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly schemaVersion: number;
  readonly occurredOn: string | null;
  readonly observedAt: Date;
  readonly position: Position;
};

/**
 * An event with the bookkeeping of its append, as a stream's history returns it. Its idempotency
 * key is not stored: the event id is derived from it (eventIdFor).
 */
export type StoredEvent<E extends EventBody = EventBody> = LoggedEvent<E> & {
  readonly eventId: string;
  readonly tenantId: string;
  readonly importId: string | null;
  readonly recordedAt: Date;
};

/**
 * A place in the log. Events are ordered by the writing transaction first and the
 * identity value second, which is the order in which they became visible.
 * Both parts are decimal strings (64-bit values).
 */
export interface Position {
  readonly transactionId: string;
  readonly globalPosition: string;
}

export const START: Position = Object.freeze({ transactionId: '0', globalPosition: '0' });

export function comparePositions(a: Position, b: Position): number {
  const byTransaction = compareDecimal(a.transactionId, b.transactionId);
  return byTransaction !== 0 ? byTransaction : compareDecimal(a.globalPosition, b.globalPosition);
}

function compareDecimal(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `0` means the stream must not exist yet; `'any'` skips the check. */
export type ExpectedVersion = number | 'any';

export const NO_STREAM: ExpectedVersion = 0;

export interface StreamAppend {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
}

export interface AppendOptions {
  /**
   * Called once the events are on their way to the database, and again at the end of the
   * append: a caller with more work may do it on this thread while the database writes.
   */
  readonly onWriting?: () => void;
}

export interface AppendResult {
  /** How many events were written. */
  readonly appended: number;
  /** Idempotency keys that were already stored (or repeated in the request) and were skipped. */
  readonly duplicates: readonly string[];
  /** The version of every stream written to, after the append. */
  readonly streamVersions: ReadonlyMap<string, number>;
}
