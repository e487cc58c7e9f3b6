import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTenant } from '@jugendamt/db';
import { createTestDatabase, type TestDatabase } from '@jugendamt/db/testing';
import { TEST_PSEUDONYM_KEY } from '../../testing/ingest-test-kit.js';
import { startImportRuntime, type ImportRuntime } from '../import-runtime.js';
import { readIngestSettings } from '../../config/ingest-settings.js';

export function testRedisUrl(): string {
  const url = process.env['TEST_REDIS_URL'];
  if (!url) throw new Error('TEST_REDIS_URL is not set: run the tests with `npm test`, which starts a throwaway Redis');
  return url;
}

/** One office on its own database, inbox and queue prefix, so suites running side by side never meet. */
export interface JobTestOffice {
  readonly database: TestDatabase;
  readonly tenantId: string;
  readonly inboxDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** What its runtimes logged (job outcomes, files not submitted), for a failing test to show. */
  readonly log: readonly string[];
  start(options: { work: boolean; watch?: boolean }, env?: NodeJS.ProcessEnv): Promise<ImportRuntime>;
  close(): Promise<void>;
}

export async function jobTestOffice(backend: 'postgres' | 'pglite', overrides: NodeJS.ProcessEnv = {}): Promise<JobTestOffice> {
  const database = await createTestDatabase(backend);
  const tenantId = `office-${randomBytes(4).toString('hex')}`;
  await ensureTenant(database.db, tenantId, tenantId);
  const inboxDir = mkdtempSync(join(tmpdir(), 'inbox-'));
  const env: NodeJS.ProcessEnv = {
    TENANT_ID: tenantId,
    INBOX_DIR: inboxDir,
    PSEUDONYM_KEY: TEST_PSEUDONYM_KEY.toString('hex'),
    IMPORT_JOB_BACKOFF_MS: '200',
    IMPORT_JOB_LOCK_MS: '4000',
    IMPORT_JOB_STALLED_CHECK_MS: '1000',
    INBOX_SETTLE_MS: '200',
    ...(backend === 'postgres' ? { DATABASE_URL: database.url } : {}),
    ...overrides,
  };
  const runtimes: ImportRuntime[] = [];
  const log: string[] = [];
  return {
    database,
    tenantId,
    inboxDir,
    env,
    log,
    async start(options, extra = {}) {
      const runtime = await startImportRuntime(database, { watch: false, ...options, log: (line) => log.push(`${new Date().toISOString()} ${line}`) }, readIngestSettings({ ...env, ...extra }));
      runtimes.push(runtime);
      return runtime;
    },
    async close() {
      for (const runtime of runtimes) await runtime.close(5_000);
      await database.close();
      rmSync(inboxDir, { recursive: true, force: true });
    },
  };
}
