import { sql } from 'kysely';
import type { DatabaseHandle } from '@jugendamt/db';

/** Runs work while no other process of the deployment runs work under the same key. */
export type ExclusiveLock = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/**
 * A PostgreSQL session lock on a connection of its own, held for a whole job: it spans
 * several files, each imported in its own transaction on other connections. Workers on
 * several machines share it because they share the database; a dead worker's connection
 * closes and frees it. The embedded PGlite has one connection and one process, whose runner
 * takes one job at a time, so there is nobody to exclude.
 */
export function exclusiveLock(database: DatabaseHandle): ExclusiveLock {
  if (database.backend === 'pglite') return (_key, work) => work();
  return (key, work) =>
    database.app.connection().execute(async (connection) => {
      await sql`SELECT pg_advisory_lock(hashtextextended(${key}, 0))`.execute(connection);
      try {
        return await work();
      } finally {
        // A broken connection has dropped the lock already; the work's own error is the one to report.
        await sql`SELECT pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(connection).catch(() => undefined);
      }
    });
}
