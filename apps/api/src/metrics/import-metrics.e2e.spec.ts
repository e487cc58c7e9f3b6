import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { importFile } from '@jugendamt/ingest-pipeline';
import { defaultRows, testImportSettings, writeExportFile } from '@jugendamt/ingest-pipeline/testing';
import { startApiOnEmptyDatabase, type ApiUnderTest } from '../testing/api-under-test.js';

/** Stale and held files are warnings an alert rule can watch: each has a gauge that stays up until it is dealt with. */
describe('the import metrics on real PostgreSQL', () => {
  let api: ApiUnderTest;
  let dir: string;
  beforeAll(async () => {
    api = await startApiOnEmptyDatabase();
    dir = mkdtempSync(join(tmpdir(), 'metrics-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api?.close();
  });

  const importOf = (name: string, source: Parameters<typeof writeExportFile>[2], rows: number) =>
    importFile(api.database.db, testImportSettings(), writeExportFile(dir, name, source, defaultRows(source, rows)));
  const metric = async (name: string, source: string) => {
    const text = await (await api.get('/metrics')).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{tenant="default",source="${source}"}`));
    return line === undefined ? undefined : Number(line.split(' ').pop());
  };

  it('counts files refused as stale since the newest applied one, back to 0 once a newer one applies', async () => {
    await importOf('webfm_faelle_20240110_0215.csv', 'webfm_faelle', 5);
    expect((await importOf('webfm_faelle_20240108_0215.csv', 'webfm_faelle', 6)).status).toBe('stale');
    expect((await importOf('webfm_faelle_20240109_0215.csv', 'webfm_faelle', 7)).status).toBe('stale');
    expect(await metric('jugendamt_import_stale_since_applied', 'webfm_faelle')).toBe(2);
    await importOf('webfm_faelle_20240111_0215.csv', 'webfm_faelle', 8);
    expect(await metric('jugendamt_import_stale_since_applied', 'webfm_faelle')).toBe(0);
  });

  it('tells how long the oldest undecided held file of a source has waited', async () => {
    await importOf('webfm_hilfen_20240110_0215.csv', 'webfm_hilfen', 20);
    const held = await importOf('webfm_hilfen_20240111_0215.csv', 'webfm_hilfen', 2);
    expect(held.status).toBe('held');
    await sql`UPDATE imports SET started_at = now() - interval '2 hours' WHERE import_id = ${held.importId}::uuid`.execute(api.database.db);
    const waited = await metric('jugendamt_import_held_waiting_seconds', 'webfm_hilfen');
    expect(waited).toBeGreaterThanOrEqual(7_200);
    expect(waited).toBeLessThan(7_300);
  });
});
