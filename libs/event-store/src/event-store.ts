import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { appendToStreams, prepareAppend, type PreparedAppend } from './append.js';
import type { AppendOptions, AppendResult, LoggedEvent, StoredEvent, StreamAppend } from './event.js';
import { readAll, readLastEvents, readStream, type ReadAllOptions, type ReadAllResult } from './read.js';
import { UpcasterRegistry } from './upcasting.js';

/**
 * Append and read, nothing else: there is no update or delete path, and the database
 * refuses one too (see the events table's triggers).
 */
export class EventStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly upcasters: UpcasterRegistry = new UpcasterRegistry(),
  ) {}

  /** Pass `trx` to append inside a transaction of the caller's. */
  append(tenantId: string, appends: readonly StreamAppend[] | PreparedAppend, trx?: Kysely<Database>, options?: AppendOptions): Promise<AppendResult> {
    return appendToStreams(trx ?? this.db, tenantId, appends, options);
  }

  /**
   * Checks an append and builds its rows without touching the database: a caller can prepare
   * the next append while the database writes the one before.
   */
  prepare(tenantId: string, appends: readonly StreamAppend[]): PreparedAppend {
    return prepareAppend(tenantId, appends);
  }

  readAll(tenantId: string, options?: ReadAllOptions): Promise<ReadAllResult> {
    return readAll(this.db, tenantId, this.upcasters, options);
  }

  readStream(tenantId: string, streamId: string): Promise<StoredEvent[]> {
    return readStream(this.db, tenantId, streamId, this.upcasters);
  }

  /** The last event of each stream that has one. Pass `trx` to see a transaction's own appends. */
  readLastEvents(tenantId: string, streamIds: readonly string[], trx?: Kysely<Database>): Promise<Map<string, LoggedEvent>> {
    return readLastEvents(trx ?? this.db, tenantId, streamIds, this.upcasters);
  }
}
