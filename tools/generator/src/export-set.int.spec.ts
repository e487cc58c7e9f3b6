import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectExportFiles } from '@jugendamt/ingest-pipeline';
import { ingestTestKit, type IngestTestKit } from '@jugendamt/ingest-pipeline/testing';
import { dayOf } from './calendar.js';
import { writeExportSet, type ExportSetRequest } from './export-set.js';
import { parseTroubles, ROW_TROUBLES, type Trouble } from './troubles.js';

const folders: string[] = [];
function request(overrides: Partial<ExportSetRequest> = {}): ExportSetRequest {
  const out = mkdtempSync(join(tmpdir(), 'generated-'));
  folders.push(out);
  return { out, scale: 0.05, seed: 7, start: dayOf('2024-01-01'), initialLoad: dayOf('2025-01-01'), nights: 2, troubles: new Set(), ...overrides };
}
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('the export generator', () => {
  it('writes the same bytes for the same seed, and others for another', async () => {
    const first = await writeExportSet(request());
    const again = await writeExportSet(request());
    const other = await writeExportSet(request({ seed: 8 }));
    expect(again.files).toEqual(first.files);
    expect(other.files.map((f) => f.sha256)).not.toEqual(first.files.map((f) => f.sha256));
    expect(first.files.map((f) => f.name)).toContain('webfm_hilfen_20250103_0215.csv');
  });

  it('names unknown troubles', () => {
    expect(() => parseTroubles('bad-date,typo')).toThrow(/unknown trouble typo; known: field-count/);
    expect(parseTroubles('all').size).toBeGreaterThan(ROW_TROUBLES.length);
  });

  describe('imported on the embedded database', () => {
    let kit: IngestTestKit;
    beforeEach(async () => {
      kit = await ingestTestKit('pglite');
    });
    afterEach(async () => kit.close());

    it('gives a clean set that applies without a single finding but unchanged-snapshot notes', async () => {
      const set = request();
      await writeExportSet(set);
      const summaries = await kit.importFiles(await collectExportFiles([set.out]));
      expect(summaries.filter((s) => s.status !== 'applied' && s.status !== 'duplicate')).toEqual([]);
      expect(summaries.flatMap((s) => s.findings).filter((f) => f.code !== 'duplicate-file')).toEqual([]);
      expect(summaries.reduce((n, s) => n + s.eventsAppended, 0)).toBeGreaterThan(1_000);
    });

    it('writes the population once a year, not every night: the year-ends before the initial load with it, the next in mid-January', async () => {
      const set = request({ nights: 16, troubles: new Set<Trouble>(['overlapping-bands']) });
      const manifest = await writeExportSet(set);
      const population = manifest.files.filter((f) => f.source === 'einwohner').map((f) => f.name);
      expect(population).toEqual(['einwohner_20250101_0300.csv', 'einwohner_20250115_0700.csv', 'einwohner_20250115_0709.csv']);
      const summaries = await kit.importFiles(await collectExportFiles([set.out]));
      const ofFile = (name: string) => summaries.find((s) => s.file === name)!;
      expect(ofFile('einwohner_20250101_0300.csv')).toMatchObject({ status: 'applied', rowsQuarantined: 0, findings: [] });
      expect(ofFile('einwohner_20250115_0700.csv')).toMatchObject({ status: 'applied', rowsQuarantined: 0, findings: [] });
      const trouble = manifest.troubles.find((t) => t.trouble === 'overlapping-bands')!;
      expect(ofFile(trouble.file)).toMatchObject({ status: 'rejected' });
      expect(ofFile(trouble.file).findings).toContainEqual(expect.objectContaining({ code: 'bad-file', line: trouble.line, message: expect.stringMatching(/overlap/) }));
    });

    it('puts every row trouble where the manifest says, and the import finds it there', async () => {
      const troubles = new Set<Trouble>(ROW_TROUBLES);
      const set = request({ scale: 0.5, nights: 3, troubles });
      const manifest = await writeExportSet(set);
      const summaries = await kit.importFiles(await collectExportFiles([set.out]));
      const findingsOf = new Map(summaries.map((s) => [s.file, s.findings]));
      const expected: Record<string, string> = {
        'field-count': 'bad-row',
        'bad-date': 'bad-value',
        'bad-number': 'bad-value',
        'future-date': 'future-date',
        'pre-1990': 'implausible-date',
        'end-before-begin': 'end-before-begin',
        'duplicate-id': 'duplicate-id',
        'unknown-code': 'unknown-code',
        'unlinked-chronicle': 'unlinked-chronicle-entry',
      };
      const rowTroubles = manifest.troubles.filter((t) => t.trouble in expected);
      expect(new Set(rowTroubles.map((t) => t.trouble))).toEqual(new Set(Object.keys(expected)));
      // Chronicle entries are never edited: a repeated entry's new values are rightly ignored, notes included.
      const ignored = (t: (typeof rowTroubles)[number]) =>
        t.file.startsWith('14plus') && !t.file.includes(manifest.settings.initialLoad.replaceAll('-', '')) && ['unknown-code', 'unlinked-chronicle'].includes(t.trouble);
      const missed = rowTroubles.filter((t) => !ignored(t) && !findingsOf.get(t.file)?.some((f) => f.line === t.line && f.code === expected[t.trouble]));
      expect(missed).toEqual([]);
      expect(summaries.every((s) => s.status === 'applied' || s.status === 'duplicate')).toBe(true);
    });
  });
});
