import type { DatabaseHandle } from '@jugendamt/db';

/**
 * `npm run bench:api` measures what the offices' isolation and the access log cost by
 * running the API without them beside the API as it is. BENCHMARK_BASELINE lists what to
 * leave out (`office-isolation`, `access-log`); nothing else sets it, and the API says so
 * loudly at start, for a production API without either breaks the data protection rules.
 */
export interface BenchmarkBaseline {
  readonly withoutOfficeIsolation: boolean;
  readonly withoutAccessLog: boolean;
}

export function benchmarkBaseline(env: NodeJS.ProcessEnv): BenchmarkBaseline {
  const parts = new Set(
    (env['BENCHMARK_BASELINE'] ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );
  for (const part of parts) if (part !== 'office-isolation' && part !== 'access-log') throw new Error(`BENCHMARK_BASELINE knows office-isolation and access-log, not "${part}"`);
  return { withoutOfficeIsolation: parts.has('office-isolation'), withoutAccessLog: parts.has('access-log') };
}

/** Without the isolation, the API queries as the login it was given, as before migration 0017. */
export function servedDatabase(database: DatabaseHandle, baseline: BenchmarkBaseline): DatabaseHandle {
  return baseline.withoutOfficeIsolation ? { ...database, app: database.db } : database;
}
