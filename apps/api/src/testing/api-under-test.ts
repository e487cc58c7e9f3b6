import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DEFAULT_TENANT_ID, ensureTenant } from '@jugendamt/db';
import { createTestDatabase, type TestDatabase } from '@jugendamt/db/testing';
import { untilEventsReadable } from '@jugendamt/event-store/testing';
import { ingestTestKit, TEST_PSEUDONYM_KEY } from '@jugendamt/ingest-pipeline/testing';
import { catchUpAll } from '@jugendamt/projections';
import { issueToken } from '../access/token-store.js';
import type { Role } from '../access/role.js';
import { createApi } from '../create-api.js';
import { readApiSettings } from '../settings/api-settings.js';

export interface ApiUnderTest {
  readonly url: string;
  readonly database: TestDatabase;
  readonly tokens: Readonly<Record<Role, string>>;
  /** The embedded runner's inbox (a fresh folder per API). */
  readonly inboxDir: string;
  get(path: string, token?: string, headers?: Record<string, string>): Promise<Response>;
  send(method: 'POST' | 'PUT' | 'DELETE', path: string, token: string | undefined, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The real API on a real PostgreSQL, listening on a free port, after the files were
 * imported by the ingest and the projections caught up: what a user would run.
 */
export async function startApiOn(files: readonly string[][], env: NodeJS.ProcessEnv = {}): Promise<ApiUnderTest> {
  const kit = await ingestTestKit('postgres');
  for (const night of files) {
    for (const summary of await kit.importFiles(night)) {
      if (summary.status !== 'applied' && summary.status !== 'duplicate') throw new Error(`${summary.file}: ${summary.status} ${summary.message ?? ''}`);
    }
  }
  await untilEventsReadable(kit.db);
  await catchUpAll(kit.db, DEFAULT_TENANT_ID);
  return startApi(kit.database, async () => kit.close(), env);
}

export async function startApiOnEmptyDatabase(env: NodeJS.ProcessEnv = {}): Promise<ApiUnderTest> {
  const database = await createTestDatabase('postgres');
  await ensureTenant(database.db, DEFAULT_TENANT_ID, 'Jugendamt');
  return startApi(database, () => database.close(), env);
}

async function startApi(database: TestDatabase, closeDatabase: () => Promise<void>, env: NodeJS.ProcessEnv = {}): Promise<ApiUnderTest> {
  const tokens = {
    admin: (await issueToken(database.db, DEFAULT_TENANT_ID, 'admin', 'test')).token,
    controlling: (await issueToken(database.db, DEFAULT_TENANT_ID, 'controlling', 'test')).token,
    planning: (await issueToken(database.db, DEFAULT_TENANT_ID, 'planning', 'test')).token,
  };
  const apiEnv = apiTestEnv(env);
  const inboxDir = apiEnv['INBOX_DIR']!;
  const app: INestApplication = await createApi(database, readApiSettings(apiEnv));
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    url,
    database,
    tokens,
    inboxDir,
    get: (path, token, headers = {}) => fetch(`${url}${path}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } }),
    send: (method, path, token, body) =>
      fetch(`${url}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    async close() {
      await app.close();
      rmSync(inboxDir, { recursive: true, force: true });
      await closeDatabase().catch(() => undefined);
    },
  };
}

/**
 * The environment of an API in a test or benchmark: quiet, no catch-up timer, and the
 * embedded import runner on a fresh inbox with the test key, so nothing lands in ./data.
 */
export function apiTestEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    LOG_LEVEL: 'silent',
    PROJECTION_CATCH_UP_MS: '0',
    INBOX_DIR: mkdtempSync(join(tmpdir(), 'api-inbox-')),
    INBOX_SETTLE_MS: '200',
    PSEUDONYM_KEY: TEST_PSEUDONYM_KEY.toString('hex'),
    ...overrides,
  };
}

/** A response's JSON body, for tests that walk it freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function bodyOf(response: Response): Promise<any> {
  return response.json();
}
