/**
 * `npm run bench:projections`: rebuilding every projection from the events of a generated
 * large-city set on real PostgreSQL, next to reading all events once with a plain SELECT in
 * the same run; then the median time of each KPI query, current and as of earlier dates.
 */
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { createTestDatabase } from '@jugendamt/db/testing';
import { withEventsTable } from '@jugendamt/event-store/testing';
import { collectExportFiles, importFiles, importSettings, readIngestSettings } from '@jugendamt/ingest-pipeline';
import * as kpi from '@jugendamt/projections';
import { generatedSet } from './ingest/generated-set.js';
import { measure, median, perSecond } from './support/measure.js';
import { markdownTable, ratio } from './support/table.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const QUERY_RUNS = Number(process.env['BENCH_QUERY_RUNS'] ?? 20);
const SCALE = Number(process.env['BENCH_SCALE'] ?? 50);
const SEED = Number(process.env['BENCH_SEED'] ?? 1);
const T = DEFAULT_TENANT_ID;
const root = fileURLToPath(new URL('../../', import.meta.url));

type Query = (db: Kysely<Database>, asOf: Date | undefined) => Promise<unknown>;

/** One query per KPI of docs/kpis.md, over the last full year of the generated history. */
function kpiQueries(year: string): Record<string, Query> {
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  return {
    '1 sub-process counts by team × code × month': (db, asOf) => kpi.subProcessCounts(db, { tenantId: T, asOf, ...period, by: ['team', 'subProcess'], granularity: 'month' }),
    '1 14plus counts by unit × type × quarter': (db, asOf) =>
      kpi.chronicleCounts(db, { tenantId: T, asOf, ...period, granularity: 'quarter', countedTypes: kpi.DEFAULT_CATALOGUES['chronicle-types'].counted }),
    '2 aids by setting × paragraph × social area': (db, asOf) => kpi.aidCounts(db, { tenantId: T, asOf, ...period, by: ['setting', 'paragraph', 'socialArea'] }),
    '2 stock on 31.12. by team': (db, asOf) => kpi.aidCounts(db, { tenantId: T, asOf, from: period.to, to: period.to, by: ['team'] }),
    '3 return rate by paragraph × team': (db, asOf) => kpi.returnRate(db, { tenantId: T, asOf, ...period, by: ['paragraph', 'team'] }),
    '4 fluctuation, office and teams': (db, asOf) => kpi.staffFluctuation(db, { tenantId: T, asOf, ...period }),
    '5 caseload per FTE on 31.12.': (db, asOf) => kpi.caseloadPerFte(db, { tenantId: T, asOf, on: period.to }),
    '6 staffing requirement by team': (db, asOf) => kpi.staffingRequirement(db, { tenantId: T, asOf, ...period }),
    '7 costs by paragraph × team × month': (db, asOf) => kpi.costs(db, { tenantId: T, asOf, ...period, by: ['paragraph', 'team'], granularity: 'month' }),
    '8 durations and endings by paragraph × setting': (db, asOf) => kpi.endings(db, { tenantId: T, asOf, ...period, by: ['paragraph', 'setting'] }),
    '7 costs by social area × month': (db, asOf) => kpi.costs(db, { tenantId: T, asOf, ...period, by: ['socialArea'], granularity: 'month' }),
    '9 use per young inhabitant by social area': (db, asOf) => kpi.usePerYoungInhabitant(db, { tenantId: T, asOf, year: Number(year), by: ['socialArea'] }),
    '9 use per young inhabitant of the office (areas without population checked)': (db, asOf) => kpi.usePerYoungInhabitant(db, { tenantId: T, asOf, year: Number(year), by: [] }),
    '9 use per young inhabitant by social area × setting': (db, asOf) => kpi.usePerYoungInhabitant(db, { tenantId: T, asOf, year: Number(year), by: ['socialArea', 'setting'] }),
    '10 social-area budgets of the year': (db, asOf) => kpi.socialAreaBudgets(db, { tenantId: T, asOf, year: Number(year) }),
    '10 social-area budgets to 15.06. (part of a month)': (db, asOf) => kpi.socialAreaBudgets(db, { tenantId: T, asOf, year: Number(year), to: `${year}-06-15` }),
    ...dataQualityNotes(year),
  };
}

/** Each KPI answer's data-quality note (docs/data-quality.md) over the window its handler gives it: one more query per answer. */
function dataQualityNotes(year: string): Record<string, Query> {
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const windows: Record<kpi.KpiWithQualityNote, { from: string; to: string }> = {
    aids: period,
    'aid-stock': { from: period.to, to: period.to },
    endings: period,
    'return-rate': period,
    caseload: { from: period.to, to: period.to },
    'sub-process-counts': period,
    'staffing-requirement': period,
    costs: period,
    'social-area-budgets': period,
    'use-per-young-inhabitant': period,
  };
  return Object.fromEntries(
    Object.entries(windows).map(([name, window]) => [
      `note of ${name}`,
      (db: Kysely<Database>, asOf: Date | undefined) => kpi.baseQuality(db, { kpi: name as kpi.KpiWithQualityNote, tenantId: T, asOf, ...window }),
    ]),
  );
}

/** A budget for every social area of the set, so that KPI 10 reads a catalogue as an office would keep it. */
async function budgetEverySocialArea(db: Kysely<Database>, year: string): Promise<void> {
  const { rows } = await sql<{ social_area: string }>`SELECT DISTINCT social_area FROM case_versions WHERE tenant_id = ${T}`.execute(db);
  await kpi.saveCatalogue(db, T, 'budgets', { years: { [year]: Object.fromEntries(rows.map((r) => [r.social_area, 2_500_000])) } });
}

async function main(): Promise<void> {
  const folder = process.env['BENCH_FOLDER'] ?? generatedSet(root, SCALE, SEED);
  const database = await createTestDatabase('postgres');
  try {
    console.error('importing the set …');
    const summaries = await importFiles(database.db, importSettings({}, readIngestSettings({ ...process.env, PSEUDONYM_KEY: 'ab'.repeat(32) })), await collectExportFiles([folder]));
    const lastObservation = new Date(Math.max(...summaries.map((s) => s.observedAt?.getTime() ?? 0)));
    await sql`ANALYZE`.execute(database.db);
    const { count } = await withEventsTable(database.db)
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    const events = Number(count);

    const select = await measure('plain SELECT of all events', RUNS, async () => {
      await sql`SELECT * FROM events WHERE tenant_id = ${T}`.execute(database.db);
    });
    const rebuildMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = process.hrtime.bigint();
      await kpi.rebuildAll(database.db, T, kpi.PROJECTIONS);
      rebuildMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      console.error(`rebuild ${run + 1}/${RUNS}: ${Math.round(rebuildMs[run]!)} ms`);
    }
    await sql`ANALYZE`.execute(database.db);
    const rebuild = median(rebuildMs);
    console.log(`\nProjections over ${events.toLocaleString('en-US')} events (${process.env['BENCH_FOLDER'] ?? `scale ${SCALE}`}) on PostgreSQL, median of ${RUNS} runs\n`);
    console.log(
      markdownTable(
        ['what', 'events', 'median ms', 'events/s', 'vs baseline'],
        [
          ['rebuild of all projections', events, Math.round(rebuild), perSecond(events, rebuild), ratio(rebuild, select.medianMs)],
          [select.label, events, Math.round(select.medianMs), perSecond(events, select.medianMs), '1.00x'],
        ],
      ),
    );

    const year = String(lastObservation.getUTCFullYear() - 1);
    const yearBack = new Date(lastObservation.getTime() - 365 * 86_400_000);
    const rows: (string | number)[][] = [];
    await budgetEverySocialArea(database.db, year);
    for (const [name, query] of Object.entries(kpiQueries(year))) {
      const current = await measure(name, QUERY_RUNS, async () => void (await query(database.db, undefined)));
      const asOfLast = await measure(name, QUERY_RUNS, async () => void (await query(database.db, lastObservation)));
      const asOfYearBack = await measure(name, QUERY_RUNS, async () => void (await query(database.db, yearBack)));
      rows.push([name, current.medianMs.toFixed(1), asOfLast.medianMs.toFixed(1), asOfYearBack.medianMs.toFixed(1)]);
    }
    console.log(`\nKPI queries for ${year}, median of ${QUERY_RUNS} runs (ms): current, as of the last observation, as of a year before it\n`);
    console.log(markdownTable(['KPI query', 'current', 'as of last observation', 'as of a year back'], rows));
  } finally {
    await database.close();
  }
}

await main();
