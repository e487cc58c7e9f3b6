import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExportSource } from '@jugendamt/domain';
import { defaultRows, exportFileBytes, writeExportFile, type ExportRowValues } from '../testing/export-files.js';
import { testImportSettings } from '../testing/ingest-test-kit.js';
import { FileReport } from './file-report.js';
import { validatedRows, type ValidatedRow } from './validated-rows.js';
import type * as InWorker from './validated-rows-in-worker.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const observedAt = new Date('2024-01-08T01:15:00Z');
const settings = testImportSettings();

type Reader = typeof validatedRows;

async function readAll(read: Reader, path: string, source: ExportSource) {
  const report = new FileReport();
  const rows: ValidatedRow[] = [];
  for await (const row of read(path, settings, source, observedAt, report)) rows.push(row);
  return { rows, rowsRead: report.rowsRead, findings: report.findings, quarantined: [...report.quarantinedIds], fileProblems: report.fileProblems };
}

/**
 * Large files are read in a worker thread, which exists only compiled: this spec builds the
 * ingest and reads files through the built worker and through the generator in this thread.
 * Whatever the file holds, both must tell the import the same rows and the same report.
 */
describe('reading a file in a worker thread', () => {
  let inWorker: Reader;
  let dir: string;

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'libs/ingest-pipeline'], { cwd: root, stdio: 'inherit' });
    const built = (await import(pathToFileURL(`${root}libs/ingest-pipeline/dist/import/validated-rows-in-worker.js`).href)) as typeof InWorker;
    inWorker = built.validatedRowsInWorker;
    dir = mkdtempSync(join(tmpdir(), 'worker-read-'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the rows and the report of reading in this thread, over many batches with bad rows among them', async () => {
    const rows: (ExportRowValues | string[])[] = defaultRows('webfm_teilprozesse', 6_500);
    const edit = (at: number, change: ExportRowValues) => (rows[at] = { ...(rows[at] as ExportRowValues), ...change });
    edit(3, { 'Begonnen am': '31.02.2023 10:00' });
    edit(1_500, { Status: 'vertagt' });
    edit(2_999, { 'Fall-ID': '' });
    edit(4_000, { Teilprozess: 'Hilfeplan;\r\n"Fortschreibung"' });
    rows[5_000] = ['TP-SHORT', 'F1'];
    edit(6_000, { 'Teilprozess-ID': 'TP00000001' });
    const path = writeExportFile(dir, 'webfm_teilprozesse_20240108_0215.csv', 'webfm_teilprozesse', rows);

    const here = await readAll(validatedRows, path, 'webfm_teilprozesse');
    const there = await readAll(inWorker, path, 'webfm_teilprozesse');
    expect(here.rowsRead).toBe(6_500);
    expect(here.findings.filter((f) => f.severity === 'error').length).toBeGreaterThanOrEqual(3);
    expect(there).toEqual(here);
  });

  it('reports a broken file as reading in this thread does', async () => {
    const bytes = exportFileBytes('webfm_teilprozesse', defaultRows('webfm_teilprozesse', 3_000));
    const path = join(dir, 'webfm_teilprozesse_20240109_0215.csv');
    writeFileSync(path, Buffer.concat([bytes, Buffer.from('TP9;"never closed\r\n')]));

    const here = await readAll(validatedRows, path, 'webfm_teilprozesse');
    expect(here.fileProblems).toEqual([expect.stringMatching(/never closed/)]);
    expect(await readAll(inWorker, path, 'webfm_teilprozesse')).toEqual(here);
  });

  it('fails as reading in this thread fails when the file cannot be read', async () => {
    const missing = join(dir, 'webfm_teilprozesse_20240110_0215.csv');
    await expect(readAll(validatedRows, missing, 'webfm_teilprozesse')).rejects.toThrow(/ENOENT/);
    await expect(readAll(inWorker, missing, 'webfm_teilprozesse')).rejects.toThrow(/ENOENT/);
  });
});
