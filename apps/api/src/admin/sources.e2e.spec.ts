import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { importFile } from '@jugendamt/ingest-pipeline';
import { defaultRows, testImportSettings, writeExportFile } from '@jugendamt/ingest-pipeline/testing';
import { bodyOf, startApiOnEmptyDatabase, type ApiUnderTest } from '../testing/api-under-test.js';

/** A night's date in file-name form, `daysAgo` days before today (Berlin). */
function nightOf(daysAgo: number): string {
  const day = new Date(Date.now() - daysAgo * 86_400_000);
  return day.toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' }).replaceAll('-', '');
}

/**
 * What the administrator's morning look says about files that were not applied: stale ones
 * (a source frozen by a file observed in the future shows nothing but those) and held ones
 * waiting for a decision. Files imported by the real ingest, read through the real API.
 */
describe('the sources view on real PostgreSQL', () => {
  let api: ApiUnderTest;
  let dir: string;
  beforeAll(async () => {
    api = await startApiOnEmptyDatabase();
    dir = mkdtempSync(join(tmpdir(), 'sources-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api?.close();
  });

  const imported = async (name: string, source: Parameters<typeof writeExportFile>[2], rows: number, settings = testImportSettings()) =>
    importFile(api.database.db, settings, writeExportFile(dir, name, source, defaultRows(source, rows)));
  const sourceView = async (source: string) => {
    const body = await bodyOf(await api.get('/api/v1/admin/sources', api.tokens.admin));
    return { all: body.findings, view: body.sources.find((s: { source: string }) => s.source === source) };
  };

  it('calls population counts late only after a year and a month, not every night', async () => {
    expect((await imported(`einwohner_${nightOf(430)}.csv`, 'einwohner', 7)).status).toBe('applied');
    const late = await sourceView('einwohner');
    expect(late.view.findings).toEqual([{ severity: 'warning', code: 'export-late', message: expect.stringMatching(/^the einwohner export is 30 days late: /) }]);

    expect((await imported(`einwohner_${nightOf(200)}.csv`, 'einwohner', 7)).status).toBe('applied');
    const onTime = await sourceView('einwohner');
    expect(onTime.view).toMatchObject({ dataAgeDays: 200, findings: [] });

    // Last years' counts delivered late apply, and leave the data as young as the newest file.
    const backfill = defaultRows('einwohner', 7).map((row) => ({ ...row, Stichtag: '31.12.2022' }));
    const delivered = await importFile(api.database.db, testImportSettings(), writeExportFile(dir, `einwohner_${nightOf(800)}.csv`, 'einwohner', backfill));
    expect(delivered.status).toBe('applied');
    expect((await sourceView('einwohner')).view).toMatchObject({ dataAgeDays: 200, findings: [], lastApplied: { file: `einwohner_${nightOf(200)}.csv` } });
  });

  it('warns of files refused as stale since the newest applied one, and of an applied observation in the future', async () => {
    // A database where an older version applied a far-future file: every real file since is stale.
    expect((await imported('webfm_hilfen_20990101_0215.csv', 'webfm_hilfen', 5, testImportSettings({ futureToleranceMs: Infinity }))).status).toBe('applied');
    expect((await imported(`webfm_hilfen_${nightOf(2)}_0215.csv`, 'webfm_hilfen', 6)).status).toBe('stale');
    expect((await imported(`webfm_hilfen_${nightOf(1)}_0215.csv`, 'webfm_hilfen', 7)).status).toBe('stale');

    const { all, view } = await sourceView('webfm_hilfen');
    expect(view.staleSinceApplied).toBe(2);
    expect(all).toEqual(
      expect.arrayContaining([
        {
          severity: 'warning',
          code: 'observed-in-future',
          message: 'the newest applied webfm_hilfen export (webfm_hilfen_20990101_0215.csv) claims to be observed on 01.01.2099, in the future: every later webfm_hilfen export is refused as stale',
        },
        {
          severity: 'warning',
          code: 'stale-files',
          message: `2 webfm_hilfen files were refused as stale since the newest applied one, the last webfm_hilfen_${nightOf(1)}_0215.csv`,
        },
      ]),
    );
  });

  it('says how long an undecided held file has waited, whatever was imported after it', async () => {
    expect((await imported(`webfm_mitarbeiter_${nightOf(9)}_0215.csv`, 'webfm_mitarbeiter', 20)).status).toBe('applied');
    const truncated = `webfm_mitarbeiter_${nightOf(8)}_0215.csv`;
    const held = await imported(truncated, 'webfm_mitarbeiter', 5);
    expect(held.status).toBe('held');
    // Held three days ago; an older night arriving since is stale, and the held file still waits.
    await sql`UPDATE imports SET started_at = now() - interval '3 days 2 hours', finished_at = now() - interval '3 days 2 hours' WHERE import_id = ${held.importId}::uuid`.execute(api.database.db);
    expect((await imported(`webfm_mitarbeiter_${nightOf(10)}_0215.csv`, 'webfm_mitarbeiter', 21)).status).toBe('stale');

    const { all, view } = await sourceView('webfm_mitarbeiter');
    expect(view.held).toEqual([{ importId: held.importId, file: truncated, heldSince: expect.any(String), waitingDays: 3 }]);
    expect(all).toContainEqual({
      severity: 'warning',
      code: 'held-for-confirmation',
      message: expect.stringMatching(new RegExp(`^${truncated} has waited 3 days for a decision \\(held since \\d\\d\\.\\d\\d\\.\\d{4}\\): held for confirmation`)),
    });
  });
});
