import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { CASE_WORK_UPCASTS, type CaseWorkEvent } from '@jugendamt/domain';
import { comparePositions, UpcasterRegistry, type LoggedEvent } from '@jugendamt/event-store';
import { catalogueVersions } from '../catalogues/catalogue-store.js';
import { activeGeneration, checkpointName, createGeneration, generationCatalogues, readCheckpoint, writeCheckpoint } from './generations.js';
import type { Projection } from './projection.js';
import { analyzeTables } from './projection-tables.js';
import { ReadAhead } from './read-ahead.js';

export interface CatchUpProgress {
  readonly projection: string;
  readonly generation: number;
  readonly eventsApplied: number;
}

export interface CatchUpOptions {
  readonly onProgress?: (progress: CatchUpProgress) => void;
  /** Events per page (and transaction); tests set a small one to cut a history at many places. */
  readonly pageSize?: number;
}

const PAGE = 10_000;
/** A catch-up that has applied this many events, and then four times as many each time, refreshes its tables' statistics. */
const FIRST_ANALYZE = 20_000;
/** Compact payloads (schema version 2) reach the projections in their named shape. */
const CASE_WORK_UPCASTERS = UpcasterRegistry.of(CASE_WORK_UPCASTS);

/**
 * Applies every event after a generation's checkpoint, page by page; each page and its
 * checkpoint commit together, so a crash repeats nothing and loses nothing.
 */
export async function catchUpGeneration(db: Kysely<Database>, tenantId: string, projection: Projection, generation: number, { onProgress, pageSize = PAGE }: CatchUpOptions = {}): Promise<number> {
  const name = checkpointName(projection.name, generation);
  const catalogueVersions = await generationCatalogues(db, tenantId, projection.name, generation);
  const readAhead = new ReadAhead(db, tenantId, CASE_WORK_UPCASTERS, { limit: pageSize, eventTypes: projection.eventTypes });
  let applied = 0;
  let analyzeAt = FIRST_ANALYZE;
  try {
    for (;;) {
      const done = await db.transaction().execute(async (trx) => {
        // As for every reader of the log: walk the commit-order index, never sort what is left of it.
        await sql`SET LOCAL enable_sort = off`.execute(trx);
        // Several processes catch up (ingest after each file, the API on its timer): one page at
        // a time per checkpoint, so no page is applied twice.
        await sql`SELECT pg_advisory_xact_lock(hashtextextended(${tenantId + '/' + name}, 0))`.execute(trx);
        const after = await readCheckpoint(trx, tenantId, name);
        const page = await readAhead.take(trx, after);
        // No event of its types may still have moved the checkpoint past those of other types.
        if (comparePositions(page.next, after) === 0) return true;
        const full = page.events.length === pageSize;
        if (full) readAhead.start(page.next);
        // The log holds the product's events, upcast to their current shape, and the page only
        // those of the projection's types: the one place the log's events meet their types.
        if (page.events.length) await projection.apply({ trx, tenantId, generation, catalogueVersions }, page.events as readonly LoggedEvent<CaseWorkEvent>[]);
        await writeCheckpoint(trx, tenantId, name, page.next);
        applied += page.events.length;
        return !full;
      });
      onProgress?.({ projection: projection.name, generation, eventsApplied: applied });
      if (done) return applied;
      if (applied >= analyzeAt) {
        await analyzeTables(db, projection);
        analyzeAt = applied * 4;
      }
    }
  } finally {
    await readAhead.settle();
  }
}

/** Brings the projection's active generation up to date; the first run creates it. */
export async function catchUp(db: Kysely<Database>, tenantId: string, projection: Projection, onProgress?: (progress: CatchUpProgress) => void): Promise<number> {
  const active = await activeGeneration(db, tenantId, projection.name);
  const generation = active?.generation ?? (await createGeneration(db, tenantId, projection.name, 'active', await catalogueVersions(db, tenantId, projection.catalogues)));
  return catchUpGeneration(db, tenantId, projection, generation, { onProgress });
}
