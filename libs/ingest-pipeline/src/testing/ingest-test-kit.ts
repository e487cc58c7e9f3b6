import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TENANT_ID, ensureTenant, type Database } from '@jugendamt/db';
import { createTestDatabase, type TestDatabase } from '@jugendamt/db/testing';
import { comparableEventRows, type ComparableEventRow } from '@jugendamt/event-store/testing';
import { DEFAULT_EXPORT_PROFILE } from '@jugendamt/domain';
import type { Kysely } from 'kysely';
import type { DatabaseBackend } from '@jugendamt/db';
import type { Finding, ImportSummary } from '../import/finding.js';
import { importFile } from '../import/import-file.js';
import { CASE_WORK_UPCASTERS } from '../import/case-work-upcasters.js';
import { DEFAULT_READ_IN_WORKER_FROM_BYTES, DEFAULT_THRESHOLDS, type ImportSettings } from '../import/import-settings.js';

/** A fixed key, so that two databases fed the same files hold the same pseudonyms. */
export const TEST_PSEUDONYM_KEY = Buffer.alloc(32, 7);

export function testImportSettings(overrides: Partial<ImportSettings> = {}): ImportSettings {
  return {
    tenantId: DEFAULT_TENANT_ID,
    profile: DEFAULT_EXPORT_PROFILE,
    pseudonymKey: TEST_PSEUDONYM_KEY,
    ...DEFAULT_THRESHOLDS,
    readInWorkerFromBytes: DEFAULT_READ_IN_WORKER_FROM_BYTES,
    ...overrides,
  };
}

export interface IngestTestKit {
  readonly database: TestDatabase;
  readonly db: Kysely<Database>;
  /** A fresh folder for this test's export files. */
  readonly dir: string;
  /** Imports the files in exactly the order given (the CLI sorts; tests choose). */
  importFiles(paths: readonly string[], overrides?: Partial<ImportSettings>): Promise<ImportSummary[]>;
  events(): Promise<StoredEventRow[]>;
  close(): Promise<void>;
}

export type StoredEventRow = ComparableEventRow;

export async function ingestTestKit(backend: DatabaseBackend): Promise<IngestTestKit> {
  const database = await createTestDatabase(backend);
  await ensureTenant(database.db, DEFAULT_TENANT_ID, DEFAULT_TENANT_ID);
  const dir = mkdtempSync(join(tmpdir(), 'ingest-test-'));
  return {
    database,
    db: database.db,
    dir,
    async importFiles(paths, overrides) {
      const summaries: ImportSummary[] = [];
      for (const path of paths) summaries.push(await importFile(database.db, testImportSettings(overrides), path));
      return summaries;
    },
    events: () => storedEvents(database.db),
    async close() {
      rmSync(dir, { recursive: true, force: true });
      await database.close();
    },
  };
}

/**
 * The events as a projection would see them, without ids and times that differ between runs,
 * and under the pseudonyms their surrogates link to: surrogates are random per database, so
 * only so do two databases fed the same files compare equal.
 */
export async function storedEvents(db: Kysely<Database>): Promise<StoredEventRow[]> {
  const rows = await comparableEventRows(db, CASE_WORK_UPCASTERS);
  const links = await db.selectFrom('record_links').select(['surrogate', 'pseudonym']).execute();
  const pseudonymOf = new Map(links.map((link) => [link.surrogate, link.pseudonym]));
  const unlinked = (value: unknown): unknown => {
    if (typeof value === 'string') return pseudonymOf.get(value) ?? value;
    if (Array.isArray(value)) return value.map(unlinked);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, unlinked(v)]));
    return value;
  };
  const asPseudonyms = rows.map((row) => {
    const [, prefix, surrogate] = /^(.*?-)([A-Za-z0-9_-]{22})$/.exec(row.stream_id) ?? [];
    const streamId = surrogate && pseudonymOf.has(surrogate) ? `${prefix}${pseudonymOf.get(surrogate)}` : row.stream_id;
    return { ...row, stream_id: streamId, payload: unlinked(row.payload) };
  });
  return asPseudonyms.sort((a, b) => (a.stream_id < b.stream_id ? -1 : a.stream_id > b.stream_id ? 1 : a.stream_version - b.stream_version));
}

export async function storedFindings(db: Kysely<Database>, importId: string): Promise<Finding[]> {
  const rows = await db.selectFrom('import_findings').select(['severity', 'code', 'line', 'field', 'column_name', 'message']).where('import_id', '=', importId).orderBy('finding_no').execute();
  return rows.map((r) => ({
    severity: r.severity as Finding['severity'],
    code: r.code,
    ...(r.line !== null ? { line: r.line } : {}),
    ...(r.field !== null ? { field: r.field } : {}),
    ...(r.column_name !== null ? { column: r.column_name } : {}),
    message: r.message,
  }));
}
