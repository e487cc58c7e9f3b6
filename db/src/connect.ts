import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { numberSetting } from '@jugendamt/settings';
import { APP_ROLE } from './office-isolation/office-settings.js';
import { SessionScopedDriver, TransactionScopedPgliteDriver, withDriver } from './office-isolation/office-scoped-drivers.js';
import type { Database } from './schema.js';

export type DatabaseBackend = 'postgres' | 'pglite';

export interface DatabaseHandle {
  /** As the owner (DATABASE_OWNER_URL, else DATABASE_URL's login): migrations, operator tools, tests' setup. */
  readonly db: Kysely<Database>;
  /**
   * As the application (role `jugendamt_app`, docs/architecture.md "Offices kept apart"): the
   * API and the workers. Row-level security shows it only the rows of the office of the
   * current `inOffice` scope, and none outside one.
   */
  readonly app: Kysely<Database>;
  readonly backend: DatabaseBackend;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** A PostgreSQL URL selects real PostgreSQL; without one the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** The tables' owner, for migrations, when DATABASE_URL logs in as a role that may only be the application. */
  ownerUrl?: string | undefined;
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
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv): DatabaseConfig {
  return {
    databaseUrl: env['DATABASE_URL'] || undefined,
    ownerUrl: env['DATABASE_OWNER_URL'] || undefined,
    dataDir: env['DATA_DIR'] ? join(env['DATA_DIR'], 'pglite') : undefined,
    poolSize: numberSetting(env, 'DATABASE_POOL_SIZE', undefined, { min: 1 }),
  };
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.ownerUrl ?? config.databaseUrl, config.poolSize ?? 10);
  return openPglite(config.dataDir ?? resolve('data', 'pglite'));
}

/**
 * Two pools: the application's connections carry its role and an office (set at every
 * checkout), the owner's never do. The owner's stays idle after start-up (pg closes idle
 * connections after 10 s), so it costs connections only while migrating.
 */
function openPostgres(appUrl: string, ownerUrl: string, max: number): DatabaseHandle {
  const owner = new Kysely<Database>({ dialect: new PostgresDialect({ pool: poolOf(ownerUrl, max) }) });
  const base = new PostgresDialect({ pool: poolOf(appUrl, max) });
  const app = new Kysely<Database>({ dialect: withDriver(base, new SessionScopedDriver(base.createDriver(), APP_ROLE)) });
  return {
    db: owner,
    app,
    backend: 'postgres',
    close: async () => {
      await app.destroy();
      await owner.destroy();
    },
  };
}

function poolOf(connectionString: string, max: number): pg.Pool {
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
  return pool;
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite, types } = await import('@electric-sql/pglite');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, {
    parsers: { [types.DATE]: (value: string) => value, [types.INT8]: (value: string) => value },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  const app = new Kysely<Database>({ dialect: withDriver(new PGliteDialect({ pglite }), new TransactionScopedPgliteDriver(pglite, APP_ROLE)) });
  return { db, app, backend: 'pglite', close: () => db.destroy() };
}
