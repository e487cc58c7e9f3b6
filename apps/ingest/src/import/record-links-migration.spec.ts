import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { DEFAULT_TENANT_ID, ensureTenant, migrateToLatest } from '@jugendamt/db';
import { createTestDatabase, TEST_BACKENDS, untilEventsReadable, type TestDatabase } from '@jugendamt/db/testing';
import { normalizeAktenzeichen, Pseudonymizer } from '@jugendamt/domain';
import {
  aidCounts,
  catchUpAll,
  chronicleCounts,
  costs,
  DEFAULT_CATALOGUES,
  endings,
  returnRate,
  staffFluctuation,
  staffingRequirement,
  subProcessCounts,
  caseloadPerFte,
} from '@jugendamt/projections';
import { TEST_PSEUDONYM_KEY, testImportSettings } from '../testing/ingest-test-kit.js';
import { rowsInOrder } from '../testing/rows-in-order.js';
import { collectExportFiles } from './collect-export-files.js';
import { importFile } from './import-file.js';

const samples = fileURLToPath(new URL('../../../../samples/', import.meta.url));
const tenantId = DEFAULT_TENANT_ID;

/** Every KPI of every year of the samples, as the projections answer it. */
async function allKpis(db: TestDatabase['db']): Promise<unknown> {
  const answers: Record<string, unknown> = {};
  for (const year of [2022, 2023, 2024, 2025]) {
    const period = { tenantId, from: `${year}-01-01`, to: `${year}-12-31` };
    answers[year] = {
      subProcesses: await subProcessCounts(db, { ...period, by: ['team', 'subProcess'], granularity: 'month' }),
      chronicle: await chronicleCounts(db, { ...period, granularity: 'month', countedTypes: DEFAULT_CATALOGUES['chronicle-types'].counted }),
      aids: await aidCounts(db, { ...period, by: ['setting', 'paragraph', 'team', 'socialArea'] }),
      returnRate: await returnRate(db, { ...period, by: ['paragraph', 'team'] }),
      fluctuation: await staffFluctuation(db, period),
      caseload: await caseloadPerFte(db, { tenantId, on: `${year}-12-31` }),
      staffing: await staffingRequirement(db, period),
      costs: await costs(db, { ...period, by: ['paragraph', 'setting', 'aidType', 'team'], granularity: 'year' }),
      endings: await endings(db, { ...period, by: ['paragraph', 'setting', 'team'] }),
    };
  }
  return answers;
}

describe.each(TEST_BACKENDS)('migration 0015: records keyed by surrogates instead of pseudonyms (%s)', (backend) => {
  let database: TestDatabase;
  afterAll(() => database?.close());

  it('replaces every stored pseudonym by a surrogate and leaves every KPI as it was', async () => {
    database = await createTestDatabase(backend, { upTo: '0014-access-log' });
    const { db } = database;
    await ensureTenant(db, tenantId, tenantId);
    // One night of the samples: all five kinds, a few thousand events (PGlite takes its time).
    for (const file of (await collectExportFiles([samples])).filter((path) => path.includes('_20260101_'))) {
      expect((await importFile(db, testImportSettings({ legacyKeying: true }), file)).status).toBe('applied');
    }
    await untilEventsReadable(db);
    await catchUpAll(db, tenantId);
    const before = await allKpis(db);
    const pseudonym = new Pseudonymizer(TEST_PSEUDONYM_KEY).pseudonym('case', 'F0000001');
    const reference = new Pseudonymizer(TEST_PSEUDONYM_KEY).pseudonym('file-reference', normalizeAktenzeichen('51.1-2022/00001'));
    const stored = async (value: string) => {
      const { rows } = await sql<{ n: string }>`
        SELECT (SELECT count(*) FROM events e WHERE e::text LIKE ${`%${value}%`})
             + (SELECT count(*) FROM ingest_record_state r WHERE r::text LIKE ${`%${value}%`}) AS n`.execute(db);
      return Number(rows[0]!.n);
    };
    expect(await stored(pseudonym)).toBeGreaterThan(0);
    expect(await stored(reference)).toBeGreaterThan(0);

    await migrateToLatest(db);
    expect(await stored(pseudonym)).toBe(0);
    expect(await stored(reference)).toBe(0);
    const link = await db.selectFrom('record_links').select('surrogate').where('kind', '=', 'case').where('pseudonym', '=', pseudonym).executeTakeFirstOrThrow();
    const streams = await db.selectFrom('events').select('stream_id').distinct().where('stream_id', '=', `case-${link.surrogate}`).execute();
    expect(streams).toHaveLength(1);

    await catchUpAll(db, tenantId);
    expect(rowsInOrder(await allKpis(db))).toEqual(rowsInOrder(before));

    // The next night's snapshots, unchanged, are diffed against the migrated record state: nothing changed.
    const dir = mkdtempSync(join(tmpdir(), 'migrated-'));
    for (const source of ['webfm_faelle', 'webfm_hilfen', 'webfm_mitarbeiter']) {
      const next = join(dir, `${source}_20260105_0215.csv`);
      copyFileSync(join(samples, `${source}_20260101_0215.csv`), next);
      expect(await importFile(db, testImportSettings(), next)).toMatchObject({ status: 'applied', eventsAppended: 0 });
    }
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
