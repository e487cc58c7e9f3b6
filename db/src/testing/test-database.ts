import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseBackend, type DatabaseHandle } from '../connect.js';
import type { Database } from '../schema.js';
import { migrateToLatest, migrateUpTo } from '../migrate.js';

/**
 * Throwaway databases for tests. Every store-touching test runs on both back ends:
 * real PostgreSQL (started by `npm test`, URL in TEST_DATABASE_URL) and in-memory PGlite.
 */
export const TEST_BACKENDS: readonly DatabaseBackend[] = ['postgres', 'pglite'];

export function testDatabaseUrl(): string {
  const url = process.env['TEST_DATABASE_URL'];
  if (!url) {
    throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts a throwaway PostgreSQL');
  }
  return url;
}

export interface TestDatabase extends DatabaseHandle {
  /** Connection URL of this database (PostgreSQL only), for child processes. */
  readonly url: string | undefined;
}

/** `upTo`: the database as it was after that migration, for a test of the ones after it. */
export async function createTestDatabase(backend: DatabaseBackend, options: { poolSize?: number; upTo?: string } = {}): Promise<TestDatabase> {
  const migrate = (db: Kysely<Database>) => (options.upTo ? migrateUpTo(db, options.upTo) : migrateToLatest(db).then(() => undefined));
  if (backend === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrate(handle.db);
    return { ...handle, url: undefined };
  }
  const adminUrl = testDatabaseUrl();
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: options.poolSize });
  await migrate(handle.db);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name}`));
    },
  };
}

/** One plain client for statements outside a test's own database (CREATE DATABASE, roles). */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
