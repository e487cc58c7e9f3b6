import autocannon from 'autocannon';
import { startApiProcess } from './api-process.js';
import { median } from './measure.js';
import { markdownTable, ratio } from './table.js';

/** The API as it runs, and without what data protection adds (BENCHMARK_BASELINE, apps/api/src/startup/benchmark-baseline.ts). */
const VARIANTS = [
  { label: 'as it runs (row-level security, access log)', baseline: '' },
  { label: 'without row-level security', baseline: 'office-isolation' },
  { label: 'without the access log', baseline: 'access-log' },
  { label: 'without either', baseline: 'office-isolation,access-log' },
] as const;

export interface IsolationCostOptions {
  readonly root: string;
  readonly databaseUrl: string;
  readonly env: NodeJS.ProcessEnv;
  readonly token: string;
  readonly year: number;
  readonly connections: number;
  readonly seconds: number;
  readonly rounds: number;
  /** Sequential requests of one client per endpoint and round: the cost per request, little disturbed by the machine's load. */
  readonly singleClientRequests: number;
}

/**
 * Each variant in an API process of its own, taking turns round after round (a noisy
 * machine then spreads over all of them alike); per variant and endpoint the median over
 * the rounds of p50, p99 and requests/s at the given concurrency. A cached answer still
 * costs the token's office, the knowledge stamp's query and the log's entry; an answer
 * asked afresh (no-cache) runs every KPI query under the policies.
 */
export async function isolationCost(options: IsolationCostOptions): Promise<string> {
  const period = `period=${options.year}`;
  const endpoints: Record<string, { path: string; fresh: boolean }> = {
    '/health': { path: '/health', fresh: false },
    'aid stock by team, cached': { path: `/api/v1/kpis/aids/stock?on=${options.year}-12-31&by=team`, fresh: false },
    'costs by paragraph × month, cached': { path: `/api/v1/kpis/costs?${period}&by=paragraph&granularity=month`, fresh: false },
    'return rate by paragraph, afresh': { path: `/api/v1/kpis/return-rate?${period}&by=paragraph`, fresh: true },
  };
  const figures = new Map<string, { p50: number[]; p99: number[]; rps: number[]; single: number[] }>();
  for (let round = 0; round < options.rounds; round++) {
    for (const variant of VARIANTS) {
      const api = await startApiProcess(options.root, options.databaseUrl, { ...options.env, BENCHMARK_BASELINE: variant.baseline });
      try {
        for (const [label, { path, fresh }] of Object.entries(endpoints)) {
          const headers = { authorization: `Bearer ${options.token}`, 'accept-encoding': 'gzip, deflate', ...(fresh ? { 'cache-control': 'no-cache' } : {}) };
          // The first answer fills the cache; what is measured is the steady state.
          await (await fetch(`${api.url}${path}`, { headers })).arrayBuffer();
          const single: number[] = [];
          for (let request = 0; request < options.singleClientRequests; request++) {
            const started = performance.now();
            await (await fetch(`${api.url}${path}`, { headers })).arrayBuffer();
            single.push(performance.now() - started);
          }
          const result = await autocannon({ url: `${api.url}${path}`, connections: options.connections, duration: options.seconds, headers });
          if (result.non2xx + result.errors) throw new Error(`${variant.label}, ${label}: ${result.non2xx + result.errors} failed`);
          const key = `${variant.label}\n${label}`;
          const entry = figures.get(key) ?? { p50: [], p99: [], rps: [], single: [] };
          entry.single.push(...single);
          entry.p50.push(result.latency.p50);
          entry.p99.push(result.latency.p99);
          entry.rps.push(result.requests.average);
          figures.set(key, entry);
          console.error(`round ${round + 1}, ${variant.label}, ${label}: p99 ${result.latency.p99} ms`);
        }
      } finally {
        await api.stop();
      }
    }
  }
  const rows: (string | number)[][] = [];
  for (const label of Object.keys(endpoints)) {
    const baseP99 = median(figures.get(`${VARIANTS[3].label}\n${label}`)!.p99);
    for (const variant of VARIANTS) {
      const entry = figures.get(`${variant.label}\n${label}`)!;
      rows.push([label, variant.label, median(entry.p50), median(entry.p99), Math.round(median(entry.rps)), ratio(median(entry.p99), baseP99), median(entry.single).toFixed(2)]);
    }
  }
  return markdownTable(['endpoint', 'API', 'p50 ms', 'p99 ms', 'requests/s', 'p99 vs without either', `1 client, median ms`], rows);
}
