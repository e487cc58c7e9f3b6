/**
 * `npm run bench:api`: the read API, in a process of its own, over a generated large-city set
 * on real PostgreSQL. Per endpoint: 50 concurrent clients (autocannon) asking the same
 * question, which the answer cache serves after the first; next to it, the same question
 * computed afresh (Cache-Control: no-cache), one client, median of several; `/health` as the
 * baseline of the same run. Clients accept gzip, as browsers and fetch do. Then the annual
 * report in each format, median of several. Then what row-level security and the access
 * log cost: the API with and without each, side by side (support/isolation-cost.ts). Last,
 * reads while an import runs: KPI routes idle and during a night's import of new sub-processes,
 * on a database of its own (support/reads-during-import.ts).
 */
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { createTestDatabase, type TestDatabase } from '@jugendamt/db/testing';
import { collectExportFiles, importFiles, importSettings, readIngestSettings } from '@jugendamt/ingest-pipeline';
import { catchUpAll } from '@jugendamt/projections';
import { issueToken } from '@jugendamt/api';
import { startApiProcess } from './support/api-process.js';
import { generatedSet } from './ingest/generated-set.js';
import { isolationCost } from './support/isolation-cost.js';
import { holdBackSubProcesses, readsDuringImport } from './support/reads-during-import.js';
import { median } from './support/measure.js';
import { markdownTable, ratio } from './support/table.js';

const SCALE = Number(process.env['BENCH_SCALE'] ?? 50);
const SEED = Number(process.env['BENCH_SEED'] ?? 1);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const REPORT_RUNS = Number(process.env['BENCH_REPORT_RUNS'] ?? 5);
const FRESH_RUNS = Number(process.env['BENCH_FRESH_RUNS'] ?? 7);
const ISOLATION_ROUNDS = Number(process.env['BENCH_ISOLATION_ROUNDS'] ?? 3);
const ISOLATION_SECONDS = Number(process.env['BENCH_ISOLATION_SECONDS'] ?? 5);
const ISOLATION_SINGLE_REQUESTS = Number(process.env['BENCH_ISOLATION_SINGLE_REQUESTS'] ?? 31);
const DURING_IMPORT_ROWS = Number(process.env['BENCH_DURING_IMPORT_ROWS'] ?? 172_000);
const DURING_IMPORT_IDLE_SECONDS = Number(process.env['BENCH_DURING_IMPORT_IDLE_SECONDS'] ?? 20);
const DURING_IMPORT_CATCH_UP_MS = Number(process.env['BENCH_DURING_IMPORT_CATCH_UP_MS'] ?? 2_000);
const root = fileURLToPath(new URL('../../', import.meta.url));
const apiEnv = { PSEUDONYM_KEY: 'ab'.repeat(32), DATABASE_POOL_SIZE: '20' };
/** The KPI routes the clients ask in turn while an import runs (labels of `endpoints`). */
const DURING_IMPORT_ROUTES = ['sub-process counts by team × code × month', 'aids by setting × paragraph', 'return rate by paragraph', 'caseload on 31.12.'];

function endpoints(year: number): Record<string, string> {
  const period = `period=${year}`;
  return {
    '/health (baseline)': '/health',
    'sub-process counts by team × code × month': `/api/v1/kpis/sub-process-counts?${period}&by=team,subProcess&granularity=month`,
    '14plus counts by quarter': `/api/v1/kpis/chronicle-counts?${period}&granularity=quarter`,
    'aids by setting × paragraph': `/api/v1/kpis/aids?${period}&by=setting,paragraph`,
    'aid stock on 31.12. by team': `/api/v1/kpis/aids/stock?on=${year}-12-31&by=team`,
    'return rate by paragraph': `/api/v1/kpis/return-rate?${period}&by=paragraph`,
    'staff fluctuation': `/api/v1/kpis/staff-fluctuation?${period}`,
    'caseload on 31.12.': `/api/v1/kpis/caseload?on=${year}-12-31`,
    'staffing requirement': `/api/v1/kpis/staffing-requirement?${period}`,
    'costs by paragraph × month': `/api/v1/kpis/costs?${period}&by=paragraph&granularity=month`,
    'endings by paragraph': `/api/v1/kpis/endings?${period}&by=paragraph`,
    'aids by setting, as of a year back': `/api/v1/kpis/aids?${period}&by=setting&asOf=${year}-06-30`,
    'use per young inhabitant by social area': `/api/v1/kpis/use-per-young-inhabitant?year=${year}&by=socialArea`,
    'use per young inhabitant, as of a year back': `/api/v1/kpis/use-per-young-inhabitant?year=${year}&asOf=${year}-06-30`,
    'social-area budgets': `/api/v1/kpis/social-area-budgets?year=${year}`,
    'year over year (every key figure, two years)': `/api/v1/kpis/year-over-year?year=${year}`,
    'input quality per team, 12 months': `/api/v1/quality?from=${year}-01&to=${year}-12`,
    'input quality, as of a year back': `/api/v1/quality?from=${year}-01&to=${year}-06&asOf=${year}-06-30`,
    'what to fix, half a year, with file and line': `/api/v1/quality/to-fix?from=${year}-07&to=${year}-12`,
  };
}

async function main(): Promise<void> {
  const folder = process.env['BENCH_FOLDER'] ?? generatedSet(root, SCALE, SEED);
  const database = await createTestDatabase('postgres', { poolSize: 20 });
  try {
    console.error('importing the set and catching up the projections …');
    const { year, token } = await officeOf(database, folder);
    if (!database.url) throw new Error('the benchmark needs PostgreSQL');
    const api = await startApiProcess(root, database.url, apiEnv);
    const url = api.url;
    // What browsers, fetch and Excel's Power Query send: a large answer then travels gzipped.
    const headers = { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate' };

    const rows: (string | number)[][] = [];
    let healthP99 = 0;
    for (const [label, path] of Object.entries(endpoints(year))) {
      const fresh: number[] = [];
      for (let run = 0; run < FRESH_RUNS; run++) {
        const started = performance.now();
        const response = await fetch(`${url}${path}`, { headers: { ...headers, 'cache-control': 'no-cache' } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        fresh.push(performance.now() - started);
      }
      const result = await autocannon({ url: `${url}${path}`, connections: CONNECTIONS, duration: SECONDS, headers });
      const failed = result.non2xx + result.errors;
      if (label.startsWith('/health')) healthP99 = result.latency.p99;
      // The first afresh: what nothing in the process holds yet (input quality keeps complete months).
      rows.push([
        label,
        result.latency.p50,
        result.latency.p99,
        Math.round(result.requests.average),
        ratio(result.latency.p99, healthP99 || result.latency.p99),
        failed,
        Math.round(median(fresh)),
        Math.round(fresh[0]!),
      ]);
      console.error(`${label}: p99 ${result.latency.p99} ms, afresh ${Math.round(median(fresh))} ms`);
    }
    console.log(`\nRead API at ${CONNECTIONS} concurrent clients, ${SECONDS} s per endpoint (${process.env['BENCH_FOLDER'] ?? `scale ${SCALE}`}), year ${year}\n`);
    console.log(markdownTable(['endpoint', 'p50 ms', 'p99 ms', 'requests/s', 'p99 vs /health', 'failed', `afresh ms (median of ${FRESH_RUNS}, 1 client)`, 'first afresh ms'], rows));

    const reportRows: (string | number)[][] = [];
    for (const format of ['json', 'csv', 'xlsx']) {
      const times: number[] = [];
      for (let run = 0; run < REPORT_RUNS; run++) {
        const started = performance.now();
        const response = await fetch(`${url}/api/v1/reports/annual/${year}?format=${format}`, { headers });
        const bytes = (await response.arrayBuffer()).byteLength;
        if (response.status !== 200) throw new Error(`annual report ${format}: ${response.status}`);
        times.push(performance.now() - started);
        if (run === 0) console.error(`annual report ${format}: ${bytes} bytes`);
      }
      reportRows.push([`annual report ${year}, ${format}`, Math.round(median(times))]);
    }
    console.log(`\nAnnual report, median of ${REPORT_RUNS} requests\n`);
    console.log(markdownTable(['request', 'median ms'], reportRows));
    await api.stop();

    if (ISOLATION_ROUNDS > 0) {
      const table = await isolationCost({
        root,
        databaseUrl: database.url,
        env: apiEnv,
        token,
        year,
        connections: CONNECTIONS,
        seconds: ISOLATION_SECONDS,
        rounds: ISOLATION_ROUNDS,
        singleClientRequests: ISOLATION_SINGLE_REQUESTS,
      });
      console.log(
        `\nRow-level security and the access log, on and off: ${CONNECTIONS} clients, ${ISOLATION_SECONDS} s per endpoint, median of ${ISOLATION_ROUNDS} rounds; ` +
          `beside it one client's ${ISOLATION_SINGLE_REQUESTS} requests in a row per round\n`,
      );
      console.log(table);
    }
  } finally {
    await database.close().catch(() => undefined);
  }
  if (DURING_IMPORT_ROWS > 0) await duringAnImport(folder);
}

/** The set imported and projected, as the API finds it: the year to ask about and a controlling token. */
async function officeOf(database: TestDatabase, folder: string): Promise<{ year: number; token: string }> {
  const summaries = await importFiles(database.db, importSettings({}, readIngestSettings({ ...process.env, PSEUDONYM_KEY: apiEnv.PSEUDONYM_KEY })), await collectExportFiles([folder]));
  await catchUpAll(database.db, DEFAULT_TENANT_ID);
  await sql`ANALYZE`.execute(database.db);
  const year = new Date(Math.max(...summaries.map((s) => s.observedAt?.getTime() ?? 0))).getUTCFullYear() - 1;
  const { token } = await issueToken(database.db, DEFAULT_TENANT_ID, 'controlling', 'benchmark');
  return { year, token };
}

/** The set less its last sub-processes, then those imported as the next night while clients ask KPI routes. */
async function duringAnImport(folder: string): Promise<void> {
  const held = holdBackSubProcesses(folder, DURING_IMPORT_ROWS);
  const database = await createTestDatabase('postgres', { poolSize: 20 });
  try {
    console.error(`importing the set less ${DURING_IMPORT_ROWS} sub-processes for the reads during an import …`);
    const { year, token } = await officeOf(database, held.folder);
    const rows = await readsDuringImport({
      root,
      databaseUrl: database.url!,
      env: apiEnv,
      token,
      routes: DURING_IMPORT_ROUTES.map((label) => endpoints(year)[label] ?? fail(`no endpoint "${label}"`)),
      night: held.night,
      connections: CONNECTIONS,
      idleSeconds: DURING_IMPORT_IDLE_SECONDS,
      catchUpMs: DURING_IMPORT_CATCH_UP_MS,
    });
    console.log(
      `\nReads during an import: ${CONNECTIONS} clients asking four KPI routes in turn, idle for ${DURING_IMPORT_IDLE_SECONDS} s, then while the ingest CLI imports ` +
        `${DURING_IMPORT_ROWS} new sub-processes (one event each) and the API catches its projections up every ${DURING_IMPORT_CATCH_UP_MS / 1000} s\n`,
    );
    console.log(markdownTable(['case', 'p50 ms', 'p99 ms', 'max ms', 'requests/s', 'failed', 'API peak RSS MB (so far)', 'events imported', 'import and catch-up ms'], rows));
  } finally {
    await database.close().catch(() => undefined);
  }
}

function fail(message: string): never {
  throw new Error(message);
}

await main();
