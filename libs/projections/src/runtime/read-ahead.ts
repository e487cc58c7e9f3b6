import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { comparePositions, readAll, type Position, type ReadAllOptions, type ReadAllResult, type UpcasterRegistry } from '@jugendamt/event-store';

/**
 * Reads a projection's next page of events on a connection of its own while the current page
 * is applied, so that the database reads while the projection computes and writes. A page
 * depends on the log alone, never on the projection's tables: the page read ahead is the one
 * a read in the page's own transaction would give, as long as it starts at the checkpoint
 * found there (another process may have moved it meanwhile).
 */
export class ReadAhead {
  private pending: { readonly after: Position; readonly page: Promise<ReadAllResult> } | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenantId: string,
    private readonly upcasters: UpcasterRegistry,
    private readonly options: Omit<ReadAllOptions, 'after'>,
  ) {}

  /** Starts reading the page after `after`. */
  start(after: Position): void {
    const page = readAll(this.db, this.tenantId, this.upcasters, { ...this.options, after });
    // Not a failure of its own: the page is read again in its transaction.
    page.catch(() => undefined);
    this.pending = { after, page };
  }

  /** The page after `after`: the one read ahead if it started there, or one read now with `trx`. */
  async take(trx: Kysely<Database>, after: Position): Promise<ReadAllResult> {
    const pending = this.pending;
    this.pending = undefined;
    if (pending && comparePositions(pending.after, after) === 0) {
      const page = await pending.page.catch(() => undefined);
      if (page) return page;
    }
    return readAll(trx, this.tenantId, this.upcasters, { ...this.options, after });
  }

  /** Waits for a read still running, so that nothing uses the connections once the catch-up has returned. */
  async settle(): Promise<void> {
    await this.pending?.page.catch(() => undefined);
    this.pending = undefined;
  }
}
