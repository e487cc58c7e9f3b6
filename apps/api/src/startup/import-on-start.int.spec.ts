import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_TENANT_ID, ensureTenant } from '@jugendamt/db';
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import { readIngestSettings } from '@jugendamt/ingest-pipeline';
import { defaultRows, writeExportFile } from '@jugendamt/ingest-pipeline/testing';
import { folderToImportOnStart, importOnStart } from './import-on-start.js';

describe('import on start', () => {
  it('imports the bundled samples on the embedded default only, unless told otherwise', () => {
    const embedded = { backend: 'pglite' } as TestDatabase;
    const postgres = { backend: 'postgres' } as TestDatabase;
    expect(folderToImportOnStart(embedded, undefined)).toBe(resolve('samples'));
    expect(folderToImportOnStart(postgres, undefined)).toBeUndefined();
    expect(folderToImportOnStart(postgres, '/srv/inbox')).toBe('/srv/inbox');
    expect(folderToImportOnStart(embedded, 'none')).toBeUndefined();
  });

  describe.each(TEST_BACKENDS)('on %s', (backend) => {
    let database: TestDatabase;
    let folder: string;
    beforeEach(async () => {
      database = await createTestDatabase(backend);
      await ensureTenant(database.db, DEFAULT_TENANT_ID, DEFAULT_TENANT_ID);
      folder = mkdtempSync(join(tmpdir(), 'import-on-start-'));
      writeExportFile(folder, 'webfm_faelle_20240101_0215.csv', 'webfm_faelle', defaultRows('webfm_faelle', 5));
      writeExportFile(folder, 'webfm_hilfen_20240101_0215.csv', 'webfm_hilfen', defaultRows('webfm_hilfen', 5));
    });
    afterEach(async () => {
      rmSync(folder, { recursive: true, force: true });
      await database.close();
    });

    it('applies the folder once; a second start finds every file known', async () => {
      const ingest = readIngestSettings({ PSEUDONYM_KEY: '07'.repeat(32) });
      const lines: string[] = [];
      const first = await importOnStart(database, folder, ingest, (line) => lines.push(line));
      expect(first.map((s) => s.status)).toEqual(['applied', 'applied']);
      const second = await importOnStart(database, folder, ingest, (line) => lines.push(line));
      expect(second.map((s) => s.status)).toEqual(['duplicate', 'duplicate']);
      expect(lines).toEqual([
        `imported ${folder}: 2 files, 2 applied, 0 already known, 0 rejected, 0 held, 0 stale; 10 events appended`,
        `imported ${folder}: 2 files, 0 applied, 2 already known, 0 rejected, 0 held, 0 stale; 0 events appended`,
      ]);
    });
  });
});
