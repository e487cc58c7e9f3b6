import type { Kysely } from 'kysely';
import { DEFAULT_TENANT_ID, ensureTenant, migrateToLatest, openDatabase, type Database, type DatabaseHandle } from '@jugendamt/db';
import { DEFAULT_EXPORT_PROFILE, type ExportProfile } from '@jugendamt/domain';
import { numberSetting } from '@jugendamt/settings';
import { loadExportProfile } from '../config/export-profile.js';
import { loadPseudonymKey } from '../config/pseudonym-key.js';
import { retentionPeriods } from '../retention/retention-periods.js';
import type { ImportSummary } from './finding.js';
import { importFile } from './import-file.js';
import { DEFAULT_FUTURE_TOLERANCE_MS, DEFAULT_READ_IN_WORKER_FROM_BYTES, DEFAULT_THRESHOLDS, type ImportProgress, type ImportSettings } from './import-settings.js';

export interface ImportOptions {
  readonly tenantId?: string;
  readonly profile?: ExportProfile;
  /** A profile file; without one, EXPORT_PROFILE or the default profile. */
  readonly profilePath?: string;
  readonly deletionThreshold?: number;
  readonly quarantineThreshold?: number;
  readonly confirmDeletions?: boolean;
}

/** Settings from the environment and options: the one place the CLI, `npm start` and the workers agree on. */
export function importSettings(options: ImportOptions, env: NodeJS.ProcessEnv = process.env): ImportSettings {
  const tenantId = options.tenantId ?? env['TENANT_ID'] ?? DEFAULT_TENANT_ID;
  return {
    tenantId,
    profile: options.profile ?? profileFrom(options.profilePath ?? env['EXPORT_PROFILE']),
    pseudonymKey: loadPseudonymKey(env, tenantId).key,
    retention: retentionPeriods(env),
    deletionThreshold: options.deletionThreshold ?? shareSetting(env, 'DELETION_THRESHOLD', DEFAULT_THRESHOLDS.deletionThreshold),
    quarantineThreshold: options.quarantineThreshold ?? shareSetting(env, 'QUARANTINE_THRESHOLD', DEFAULT_THRESHOLDS.quarantineThreshold),
    readInWorkerFromBytes: numberSetting(env, 'READ_IN_WORKER_FROM_BYTES', DEFAULT_READ_IN_WORKER_FROM_BYTES),
    confirmDeletions: options.confirmDeletions ?? false,
    futureToleranceMs: futureToleranceMs(env),
  };
}

/** FUTURE_OBSERVATION_TOLERANCE_MINUTES: how far ahead of this clock an export's observation may lie. */
export function futureToleranceMs(env: NodeJS.ProcessEnv = process.env): number {
  return numberSetting(env, 'FUTURE_OBSERVATION_TOLERANCE_MINUTES', DEFAULT_FUTURE_TOLERANCE_MS / 60_000) * 60_000;
}

export interface ImportObserver {
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly onFileDone?: (summary: ImportSummary) => void;
}

/** Imports files one after the other, each in its own transaction. */
export async function importFiles(db: Kysely<Database>, settings: ImportSettings, files: readonly string[], observer: ImportObserver = {}): Promise<ImportSummary[]> {
  await ensureTenant(db, settings.tenantId, settings.tenantId);
  const summaries: ImportSummary[] = [];
  for (const file of files) {
    const summary = await importFile(db, settings, file, observer.onProgress);
    summaries.push(summary);
    observer.onFileDone?.(summary);
  }
  return summaries;
}

export async function openMigratedDatabase(): Promise<DatabaseHandle> {
  const handle = await openDatabase();
  await migrateToLatest(handle.db);
  return handle;
}

function profileFrom(path: string | undefined): ExportProfile {
  return path ? loadExportProfile(path) : DEFAULT_EXPORT_PROFILE;
}

/** A typo in a threshold must stop the import, not disable a guard. */
function shareSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return numberSetting(env, name, fallback, { whole: false, max: 1 });
}
