import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { eventsReadableWithin } from '../events-readable.js';

/** Waits until every committed event of this database is readable from the log, or throws. */
export async function untilEventsReadable(db: Kysely<Database>, timeoutMs = 60_000): Promise<void> {
  if (!(await eventsReadableWithin(db, timeoutMs))) throw new Error(`events still hidden from log readers after ${timeoutMs} ms: a transaction is left open`);
}
