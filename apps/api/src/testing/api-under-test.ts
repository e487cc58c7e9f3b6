import type { INestApplication } from '@nestjs/common';
import { DEFAULT_TENANT_ID, ensureTenant } from '@jugendamt/db';
import { createTestDatabase, untilEventsReadable, type TestDatabase } from '@jugendamt/db/testing';
import { ingestTestKit } from '@jugendamt/ingest/testing';
import { catchUpAll } from '@jugendamt/projections';
import { issueToken } from '../access/token-store.js';
import type { Role } from '../access/role.js';
import { createApi } from '../create-api.js';

export interface ApiUnderTest {
  readonly url: string;
  readonly database: TestDatabase;
  readonly tokens: Readonly<Record<Role, string>>;
  get(path: string, token?: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The real API on a real PostgreSQL, listening on a free port, after the files were
 * imported by the ingest and the projections caught up: what a user would run.
 */
export async function startApiOn(files: readonly string[][]): Promise<ApiUnderTest> {
  const kit = await ingestTestKit('postgres');
  for (const night of files) {
    for (const summary of await kit.importFiles(night)) {
      if (summary.status !== 'applied' && summary.status !== 'duplicate') throw new Error(`${summary.file}: ${summary.status} ${summary.message ?? ''}`);
    }
  }
  await untilEventsReadable(kit.db);
  await catchUpAll(kit.db, DEFAULT_TENANT_ID);
  return startApi(kit.database, async () => kit.close());
}

export async function startApiOnEmptyDatabase(): Promise<ApiUnderTest> {
  const database = await createTestDatabase('postgres');
  await ensureTenant(database.db, DEFAULT_TENANT_ID, 'Jugendamt');
  return startApi(database, () => database.close());
}

async function startApi(database: TestDatabase, closeDatabase: () => Promise<void>): Promise<ApiUnderTest> {
  const tokens = {
    admin: (await issueToken(database.db, DEFAULT_TENANT_ID, 'admin', 'test')).token,
    controlling: (await issueToken(database.db, DEFAULT_TENANT_ID, 'controlling', 'test')).token,
    planning: (await issueToken(database.db, DEFAULT_TENANT_ID, 'planning', 'test')).token,
  };
  const app: INestApplication = await createApi(database, { LOG_LEVEL: 'silent', PROJECTION_CATCH_UP_MS: '0' });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    url,
    database,
    tokens,
    get: (path, token, headers = {}) => fetch(`${url}${path}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } }),
    async close() {
      await app.close();
      await closeDatabase().catch(() => undefined);
    },
  };
}

/** A response's JSON body, for tests that walk it freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function bodyOf(response: Response): Promise<any> {
  return response.json();
}
