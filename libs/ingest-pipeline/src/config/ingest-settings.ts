import { join } from 'node:path';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { numberSetting } from '@jugendamt/settings';
import { DEFAULT_FUTURE_TOLERANCE_MS, DEFAULT_READ_IN_WORKER_FROM_BYTES, DEFAULT_THRESHOLDS } from '../import/import-settings.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../jobs/import-runner.js';
import { retentionPeriods, type RetentionPeriods } from '../retention/retention-periods.js';
import { retentionSchedule, type RetentionSchedule } from '../retention/retention-schedule.js';
import { pseudonymKeySettings, type PseudonymKeySettings } from './pseudonym-key.js';

export interface InboxSettings {
  /** INBOX_DIR, else `inbox` under DATA_DIR. */
  readonly dir: string;
  /** INBOX_WATCH=off: files are only imported when asked for. */
  readonly watch: boolean;
  /** INBOX_POLLING=on: for network shares that send no file events. */
  readonly polling: boolean;
  readonly pollMs: number | undefined;
  readonly settleMs: number | undefined;
  /** Days the imported and the rejected files stay on their shelves. */
  readonly keepDays: { readonly done: number; readonly rejected: number };
}

export interface JobSettings {
  /** REDIS_URL: BullMQ when set, the embedded runner otherwise. */
  readonly redisUrl: string | undefined;
  readonly retry: RetryPolicy;
  readonly lockDurationMs: number | undefined;
  readonly stalledIntervalMs: number | undefined;
  /** SHUTDOWN_GRACE_MS: how long a stopping process lets its running import finish. */
  readonly shutdownGraceMs: number;
}

/** What the import machinery takes from the environment (docs/operations in README.md), parsed once when a process starts. */
export interface IngestSettings {
  /** TENANT_ID: the office this process imports for, unless told another. */
  readonly tenantId: string;
  /** EXPORT_PROFILE: the mapping profile file; none: the default profile. */
  readonly exportProfilePath: string | undefined;
  readonly pseudonymKeys: PseudonymKeySettings;
  readonly retention: RetentionPeriods;
  readonly retentionSchedule: RetentionSchedule | undefined;
  readonly deletionThreshold: number;
  readonly quarantineThreshold: number;
  readonly readInWorkerFromBytes: number;
  readonly futureToleranceMs: number;
  /** EXPORT_ALLOWED_AGE_DAYS: how old a source's last export may be before /admin/sources calls it late. */
  readonly exportAllowedAgeDays: number;
  /** INGEST_NICENESS: the CPU priority an import process (CLI, worker) gives itself, 0–19; 0 keeps the normal one. */
  readonly niceness: number;
  readonly inbox: InboxSettings;
  readonly jobs: JobSettings;
}

/**
 * Reads every import setting at once, so that a typo stops the start with the setting's name
 * instead of failing the first import of the night.
 */
export function readIngestSettings(env: NodeJS.ProcessEnv): IngestSettings {
  const retention = retentionPeriods(env);
  return {
    tenantId: env['TENANT_ID'] || DEFAULT_TENANT_ID,
    exportProfilePath: env['EXPORT_PROFILE'] || undefined,
    pseudonymKeys: pseudonymKeySettings(env),
    retention,
    retentionSchedule: retentionSchedule(env, retention),
    deletionThreshold: shareSetting(env, 'DELETION_THRESHOLD', DEFAULT_THRESHOLDS.deletionThreshold),
    quarantineThreshold: shareSetting(env, 'QUARANTINE_THRESHOLD', DEFAULT_THRESHOLDS.quarantineThreshold),
    readInWorkerFromBytes: numberSetting(env, 'READ_IN_WORKER_FROM_BYTES', DEFAULT_READ_IN_WORKER_FROM_BYTES),
    futureToleranceMs: numberSetting(env, 'FUTURE_OBSERVATION_TOLERANCE_MINUTES', DEFAULT_FUTURE_TOLERANCE_MS / 60_000) * 60_000,
    exportAllowedAgeDays: numberSetting(env, 'EXPORT_ALLOWED_AGE_DAYS', 1, { min: 1 }),
    niceness: numberSetting(env, 'INGEST_NICENESS', 10, { max: 19 }),
    inbox: {
      dir: env['INBOX_DIR'] || join(env['DATA_DIR'] || 'data', 'inbox'),
      watch: env['INBOX_WATCH'] !== 'off',
      polling: env['INBOX_POLLING'] === 'on',
      pollMs: numberSetting(env, 'INBOX_POLL_MS', undefined, { min: 100 }),
      settleMs: numberSetting(env, 'INBOX_SETTLE_MS', undefined),
      keepDays: { done: numberSetting(env, 'INBOX_KEEP_DAYS', 30, { min: 1 }), rejected: numberSetting(env, 'INBOX_REJECTED_KEEP_DAYS', 30, { min: 1 }) },
    },
    jobs: {
      redisUrl: env['REDIS_URL'] || undefined,
      retry: {
        attempts: numberSetting(env, 'IMPORT_JOB_ATTEMPTS', DEFAULT_RETRY_POLICY.attempts, { min: 1 }),
        backoffMs: numberSetting(env, 'IMPORT_JOB_BACKOFF_MS', DEFAULT_RETRY_POLICY.backoffMs),
      },
      lockDurationMs: numberSetting(env, 'IMPORT_JOB_LOCK_MS', undefined, { min: 1 }),
      stalledIntervalMs: numberSetting(env, 'IMPORT_JOB_STALLED_CHECK_MS', undefined, { min: 1 }),
      shutdownGraceMs: numberSetting(env, 'SHUTDOWN_GRACE_MS', 60_000),
    },
  };
}

/** A share from 0 to 1 (0.1 = 10 %). */
function shareSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return numberSetting(env, name, fallback, { max: 1, whole: false });
}
