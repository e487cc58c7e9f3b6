import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { DEFAULT_TENANT_ID, ensureTenant, migrateToLatest } from '@jugendamt/db';
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import { untilEventsReadable, withEventsTable } from '@jugendamt/event-store/testing';
import { normalizeAktenzeichen, Pseudonymizer } from '@jugendamt/domain';
import {
  aidCounts,
  catchUp,
  catchUpAll,
  chronicleCounts,
  costs,
  DEFAULT_CATALOGUES,
  endings,
  PROJECTIONS,
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
import { CASE_WORK_UPCASTERS } from './case-work-upcasters.js';

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
      costs: await costs(db, { ...period, by: ['paragraph', 'setting', 'aidType', 'team', 'socialArea'], granularity: 'year' }),
      endings: await endings(db, { ...period, by: ['paragraph', 'setting', 'team'] }),
    };
  }
  return answers;
}

/**
 * Today's import writes compact payloads (schema version 2) and no idempotency keys (both since
 * migration 0023); a database of before 0015 held every state with its fields named and a key
 * per event, which 0015 rewrites. `importing` runs with the key's column open, and the events it
 * wrote are then turned into what the old code stored, by the tables' owner with the events'
 * guard off for the moment (nothing of the product can do that).
 */
async function asStoredBefore0015(db: TestDatabase['db'], importing: () => Promise<void>): Promise<void> {
  await sql`ALTER TABLE events ALTER COLUMN idempotency_key DROP NOT NULL`.execute(db);
  await importing();
  const { rows } = await sql<{ global_position: string; event_type: string; schema_version: number; payload: unknown }>`
    SELECT global_position, event_type, schema_version, payload FROM events`.execute(db);
  await sql`ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete`.execute(db);
  for (const row of rows) {
    const named = CASE_WORK_UPCASTERS.upcast(row.event_type, row.schema_version, row.payload).payload;
    await sql`
      UPDATE events SET payload = ${JSON.stringify(named)}::jsonb, schema_version = 1, idempotency_key = 'before-0015:' || global_position
      WHERE global_position = ${row.global_position}::bigint`.execute(db);
  }
  await sql`ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete`.execute(db);
  await sql`ALTER TABLE events ALTER COLUMN idempotency_key SET NOT NULL`.execute(db);
}

/** One night of the samples: all six kinds, a few thousand events (PGlite takes its time). */
const oneNight = async () => (await collectExportFiles([samples])).filter((path) => path.includes('_20260101_'));

/**
 * The KPIs of the night imported as the product imports it now. The projections as built
 * today need the latest schema (migration 0019 changed the chronicle's tables, 0020 the sub-processes'), so the KPIs
 * before the migration cannot be asked of the old schema itself: a fresh import stands in.
 */
async function kpisOfFreshImport(backend: (typeof TEST_BACKENDS)[number]): Promise<unknown> {
  const fresh = await createTestDatabase(backend);
  try {
    await ensureTenant(fresh.db, tenantId, tenantId);
    for (const file of await oneNight()) expect((await importFile(fresh.db, testImportSettings(), file)).status).toBe('applied');
    await untilEventsReadable(fresh.db);
    await catchUpAll(fresh.db, tenantId);
    return await allKpis(fresh.db);
  } finally {
    await fresh.close();
  }
}

describe.each(TEST_BACKENDS)('migration 0015: records keyed by surrogates instead of pseudonyms (%s)', (backend) => {
  let database: TestDatabase;
  afterAll(() => database?.close());

  it('replaces every stored pseudonym by a surrogate and leaves every KPI as a fresh import has it', async () => {
    const before = await kpisOfFreshImport(backend);
    database = await createTestDatabase(backend, { upTo: '0014-access-log' });
    const { db } = database;
    await ensureTenant(db, tenantId, tenantId);
    await asStoredBefore0015(db, async () => {
      for (const file of await oneNight()) {
        expect((await importFile(db, testImportSettings({ legacyKeying: true }), file)).status).toBe('applied');
      }
    });
    await untilEventsReadable(db);
    // The projections the old schema can hold are built before the migration and caught up after it
    // (migration 0018 adds the population's table, 0019 changed the chronicle's, 0020 the sub-processes').
    const laterSchema = new Set(['chronicle-history', 'population-history', 'sub-process-history']);
    for (const projection of PROJECTIONS.filter((p) => !laterSchema.has(p.name))) await catchUp(db, tenantId, projection);
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
    const streams = await withEventsTable(db).selectFrom('events').select('stream_id').distinct().where('stream_id', '=', `case-${link.surrogate}`).execute();
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
