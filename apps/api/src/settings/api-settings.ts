import { databaseConfigFromEnv, type DatabaseConfig } from '@jugendamt/db';
import { readIngestSettings, type IngestSettings } from '@jugendamt/ingest-pipeline';
import { numberSetting } from '@jugendamt/settings';
import { MIN_RETENTION_DAYS } from '../access-log/access-log-retention.js';
import { oidcSignInSettingsFromEnv, type OidcSignInSettings } from '../access/oidc-sign-in-settings.js';
import { oidcSettingsFromEnv, type OidcSettings } from '../access/oidc-verifier.js';
import { benchmarkBaseline, type BenchmarkBaseline } from '../startup/benchmark-baseline.js';

/** Large-city exports are about 100 MB; this leaves room for growth and a few years of history in one file. */
const DEFAULT_UPLOAD_MAX_BYTES = 512 * 1024 * 1024;

/** Everything the API takes from its environment (README.md, "Settings"). */
export interface ApiSettings {
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
  readonly database: DatabaseConfig;
  /** DATA_DIR, named in the start-up lines of the embedded default. */
  readonly dataDir: string;
  readonly ingest: IngestSettings;
  /** IMPORT_ON_START: a folder, `none`, or unset (the bundled samples on the embedded default). */
  readonly importOnStart: string | undefined;
  readonly projectionCatchUpMs: number;
  readonly tokenCacheMs: number;
  readonly sessionMs: number;
  readonly accessLogRetentionDays: number;
  readonly rateLimitPerMinute: number;
  readonly uploadMaxBytes: number;
  /** CONSOLE_DIR: the built web console; unset, the one built beside the API. */
  readonly consoleDir: string | undefined;
  readonly oidc: OidcSettings | undefined;
  readonly oidcSignIn: OidcSignInSettings | undefined;
  readonly baseline: BenchmarkBaseline;
}

/**
 * Read once when the API starts (main.ts; tests and benchmarks give their own environment):
 * a setting that cannot be read stops the start with its name, not the first request that needs it.
 */
export function readApiSettings(env: NodeJS.ProcessEnv): ApiSettings {
  const accessLogRetentionDays = numberSetting(env, 'ACCESS_LOG_RETENTION_DAYS', 730);
  if (accessLogRetentionDays < MIN_RETENTION_DAYS) throw new Error(`ACCESS_LOG_RETENTION_DAYS must be at least ${MIN_RETENTION_DAYS}, not ${accessLogRetentionDays}`);
  return {
    port: numberSetting(env, 'PORT', 3000),
    host: env['HOST'] ?? '127.0.0.1',
    logLevel: env['LOG_LEVEL'] ?? 'info',
    database: databaseConfigFromEnv(env),
    dataDir: env['DATA_DIR'] || './data',
    ingest: readIngestSettings(env),
    importOnStart: env['IMPORT_ON_START'],
    projectionCatchUpMs: numberSetting(env, 'PROJECTION_CATCH_UP_MS', 30_000),
    tokenCacheMs: numberSetting(env, 'TOKEN_CACHE_MS', 10_000),
    sessionMs: numberSetting(env, 'SESSION_HOURS', 8) * 3_600_000,
    accessLogRetentionDays,
    rateLimitPerMinute: numberSetting(env, 'RATE_LIMIT_PER_MINUTE', 1200, { min: 1 }),
    uploadMaxBytes: numberSetting(env, 'UPLOAD_MAX_BYTES', DEFAULT_UPLOAD_MAX_BYTES, { min: 1 }),
    consoleDir: env['CONSOLE_DIR'] || undefined,
    oidc: oidcSettingsFromEnv(env),
    oidcSignIn: oidcSignInSettingsFromEnv(env),
    baseline: benchmarkBaseline(env),
  };
}
