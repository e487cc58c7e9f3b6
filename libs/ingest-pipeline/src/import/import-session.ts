import type { Kysely } from 'kysely';
import { ensureTenant, migrateToLatest, openDatabase, type Database, type DatabaseConfig, type DatabaseHandle } from '@jugendamt/db';
import { DEFAULT_EXPORT_PROFILE, type ExportProfile } from '@jugendamt/domain';
import { loadExportProfile } from '../config/export-profile.js';
import type { IngestSettings } from '../config/ingest-settings.js';
import { loadPseudonymKey } from '../config/pseudonym-key.js';
import type { ImportSummary } from './finding.js';
import { importFile } from './import-file.js';
import type { ImportProgress, ImportSettings } from './import-settings.js';

export interface ImportOptions {
  readonly tenantId?: string;
  readonly profile?: ExportProfile;
  /** A profile file; without one, the process's (EXPORT_PROFILE) or the default profile. */
  readonly profilePath?: string;
  readonly deletionThreshold?: number;
  readonly quarantineThreshold?: number;
  readonly confirmDeletions?: boolean;
}

/** The settings of one import: the process's, as options override them; the one place the CLI, `npm start` and the workers agree on. */
export function importSettings(options: ImportOptions, settings: IngestSettings): ImportSettings {
  const tenantId = options.tenantId ?? settings.tenantId;
  return {
    tenantId,
    profile: options.profile ?? profileFrom(options.profilePath ?? settings.exportProfilePath),
    pseudonymKey: loadPseudonymKey(settings.pseudonymKeys, tenantId).key,
    retention: settings.retention,
    deletionThreshold: options.deletionThreshold ?? settings.deletionThreshold,
    quarantineThreshold: options.quarantineThreshold ?? settings.quarantineThreshold,
    readInWorkerFromBytes: settings.readInWorkerFromBytes,
    confirmDeletions: options.confirmDeletions ?? false,
    futureToleranceMs: settings.futureToleranceMs,
  };
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

export async function openMigratedDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  const handle = await openDatabase(config);
  await migrateToLatest(handle.db);
  return handle;
}

function profileFrom(path: string | undefined): ExportProfile {
  return path ? loadExportProfile(path) : DEFAULT_EXPORT_PROFILE;
}
