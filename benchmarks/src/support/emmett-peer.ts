/**
 * The peer of `bench:store` (issue 22): Emmett (`@event-driven-io/emmett-postgresql`), a widely
 * used TypeScript event store on PostgreSQL, given the same events as ours. A dev dependency of
 * the benchmarks only: nothing of the product imports it.
 */
import pg from 'pg';
import { dumbo, type Dumbo } from '@event-driven-io/dumbo';
import { STREAM_DOES_NOT_EXIST, type Event, type ExpectedStreamVersion } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import type { StreamAppend } from '@jugendamt/event-store';

/**
 * Our envelope keeps the business date and the observation time in columns next to the payload;
 * the peer gets them in its event metadata, so that both store the same. The idempotency key is
 * not stored by ours (only the event id derived from it), and the peer keeps a message id of its
 * own, so neither carries the key.
 */
type PeerEvent = Event<string, Record<string, unknown>, { occurredOn: string | null; observedAt: string }>;

/** One stream's append in the peer's terms. */
export interface PeerAppend {
  readonly streamName: string;
  readonly events: PeerEvent[];
  readonly expectedStreamVersion: ExpectedStreamVersion;
}

/**
 * Our appends as the peer's, built before the clock runs (the conversion is ours, not the peer's
 * cost). Expected version 0 ("no stream") is the peer's STREAM_DOES_NOT_EXIST; a version n is n
 * as a bigint, the peer numbering a stream's events from 1 as we do. Note: Emmett's PostgreSQL
 * store (0.42.0) passes STREAM_DOES_NOT_EXIST on as "no check" (its function then looks the
 * stream's version up and appends after it), so the peer does not refuse an existing stream
 * here, where ours does; its `0n` would refuse one.
 */
export function peerAppends(appends: readonly StreamAppend[]): PeerAppend[] {
  return appends.map((append) => {
    if (append.expectedVersion === 'any') throw new Error('the benchmark names every expected version');
    return {
      streamName: append.streamId,
      expectedStreamVersion: append.expectedVersion === 0 ? STREAM_DOES_NOT_EXIST : BigInt(append.expectedVersion),
      events: append.events.map((event) => ({
        type: event.type,
        data: event.payload as Record<string, unknown>,
        metadata: { occurredOn: event.occurredOn ?? null, observedAt: event.observedAt.toISOString() },
      })),
    };
  });
}

/**
 * pg's parsers of int8, json and jsonb are process-wide. Emmett's connection library (dumbo) sets
 * its own when its first pool opens (int8 as BigInt, JSON through its serializer, which revives
 * big integers), and our pool falls back to pg's for every type but dates: left alone, the peer's
 * parsers would read our rows too. Each side therefore runs with its own.
 */
const SHARED_TYPES = [pg.types.builtins.INT8, pg.types.builtins.JSON, pg.types.builtins.JSONB];
type Parsers = ((value: string) => unknown)[];
const parsersNow = (): Parsers => SHARED_TYPES.map((oid) => pg.types.getTypeParser(oid, 'text'));
const useParsers = (parsers: Parsers): void => SHARED_TYPES.forEach((oid, i) => pg.types.setTypeParser(oid, 'text', parsers[i]!));

export class EmmettPeer {
  private constructor(
    private readonly store: PostgresEventStore,
    /** For reading the log: the peer's readMessagesBatch takes an executor of its connection library. */
    private readonly reader: Dumbo,
    private readonly ours: Parsers,
    private readonly peers: Parsers,
  ) {}

  /** The peer's event store in its own database, its schema created (as it does on first use). */
  static async open(connectionString: string): Promise<EmmettPeer> {
    const ours = parsersNow();
    const store = getPostgreSQLEventStore(connectionString);
    const reader = dumbo({ connectionString });
    const peer = new EmmettPeer(store, reader, ours, parsersNow());
    useParsers(ours);
    await peer.run(() => store.schema.migrate());
    return peer;
  }

  /** The peer's work, with the peer's parsers; ours again after. Setting three parsers takes well under a microsecond. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    useParsers(this.peers);
    try {
      return await work();
    } finally {
      useParsers(this.ours);
    }
  }

  /**
   * A batch of streams, the peer's way. Emmett appends one stream per call, each in its own
   * transaction (BEGIN, its emt_append_to_stream function, COMMIT); it has no multi-stream append
   * and no transaction spanning appends. The fairest it offers for a batch is a session
   * (withSession): one connection held for the batch's appends, one after the other, instead of
   * a pool checkout per append.
   */
  append(appends: readonly PeerAppend[]): Promise<void> {
    return this.run(() => this.appendInSession(appends));
  }

  /**
   * Setting up, not measured: the appends spread over a few sessions at once. Not for a log that
   * is read after: see readAll.
   */
  fill(appends: readonly PeerAppend[], lanes = 4): Promise<void> {
    return this.run(async () => {
      await Promise.all(Array.from({ length: lanes }, (_, lane) => this.appendInSession(appends.filter((_, i) => i % lanes === lane))));
    });
  }

  private appendInSession(appends: readonly PeerAppend[]): Promise<void> {
    return this.store.withSession(async ({ eventStore }) => {
      for (const append of appends) await eventStore.appendToStream(append.streamName, append.events, { expectedStreamVersion: append.expectedStreamVersion });
    });
  }

  /**
   * The whole log, page by page, the way Emmett's own consumers pull it (readMessagesBatch after
   * the last global position seen), without their pause between pages. Returns how many events
   * it read. The pages are ordered by writing transaction but continue after a global position,
   * so events of appends that ran at the same time can fall between two pages: the benchmark
   * fills the log it reads one append after the other.
   */
  readAll(pageSize: number): Promise<number> {
    return this.run(async () => {
      let after = 0n;
      let seen = 0;
      for (;;) {
        const page = await readMessagesBatch(this.reader.execute, { after, batchSize: pageSize });
        seen += page.messages.length;
        after = page.currentGlobalPosition;
        if (!page.areMessagesLeft) return seen;
      }
    });
  }

  /** Empties the peer's log (its schema's own "dangerous" truncate). */
  truncate(): Promise<void> {
    return this.run(() => this.store.schema.dangerous.truncate());
  }

  async close(): Promise<void> {
    await this.reader.close();
    await this.store.close();
  }
}
