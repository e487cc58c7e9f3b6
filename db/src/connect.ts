import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { numberSetting } from '@jugendamt/domain';
import type { Database } from './schema.js';

export type DatabaseBackend = 'postgres' | 'pglite';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly backend: DatabaseBackend;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** A PostgreSQL URL selects real PostgreSQL; without one the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Where the embedded database persists; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number | undefined;
}

const DATE_OID = 1082;

/**
 * Dates stay ISO strings (`2024-01-31`): a business date has no time zone, and turning it
 * into a JavaScript Date would shift it by the server's offset.
 */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return {
    databaseUrl: env['DATABASE_URL'] || undefined,
    dataDir: env['DATA_DIR'] ? join(env['DATA_DIR'], 'pglite') : undefined,
    poolSize: numberSetting(env, 'DATABASE_POOL_SIZE', undefined, { min: 1 }),
  };
}

export async function openDatabase(config: DatabaseConfig = databaseConfigFromEnv()): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.poolSize ?? 10);
  return openPglite(config.dataDir ?? resolve('data', 'pglite'));
}

function openPostgres(connectionString: string, max: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max,
    types: pgTypes,
    // A forgotten open transaction would hold back every event reader (see the reader's snapshot rule).
    options: '-c idle_in_transaction_session_timeout=60000',
  });
  // A connection that breaks (database restarted, network away) emits an error event on the
  // pool when idle and on its client when checked out; without listeners either would end the
  // process. The pool drops the connection, and the query that needed it reports the outage.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, backend: 'postgres', close: () => db.destroy() };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite, types } = await import('@electric-sql/pglite');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, {
    parsers: { [types.DATE]: (value: string) => value, [types.INT8]: (value: string) => value },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return { db, backend: 'pglite', close: () => db.destroy() };
}
