import type { Kysely } from 'kysely';
import { DEFAULT_TENANT_ID, ensureTenant, migrateToLatest, openDatabase, type Database, type DatabaseHandle } from '@jugendamt/db';
import { DEFAULT_EXPORT_PROFILE, Pseudonymizer, type ExportProfile } from '@jugendamt/domain';
import { loadExportProfile } from '../config/export-profile.js';
import { loadPseudonymKey } from '../config/pseudonym-key.js';
import type { ImportSummary } from './finding.js';
import { importFile } from './import-file.js';
import { DEFAULT_THRESHOLDS, type ImportProgress, type ImportSettings } from './import-settings.js';

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
  return {
    tenantId: options.tenantId ?? env['TENANT_ID'] ?? DEFAULT_TENANT_ID,
    profile: options.profile ?? profileFrom(options.profilePath ?? env['EXPORT_PROFILE']),
    pseudonymizer: new Pseudonymizer(loadPseudonymKey(env).key),
    deletionThreshold: options.deletionThreshold ?? numberFrom(env['DELETION_THRESHOLD'], 'DELETION_THRESHOLD') ?? DEFAULT_THRESHOLDS.deletionThreshold,
    quarantineThreshold: options.quarantineThreshold ?? numberFrom(env['QUARANTINE_THRESHOLD'], 'QUARANTINE_THRESHOLD') ?? DEFAULT_THRESHOLDS.quarantineThreshold,
    confirmDeletions: options.confirmDeletions ?? false,
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

export async function openMigratedDatabase(): Promise<DatabaseHandle> {
  const handle = await openDatabase();
  await migrateToLatest(handle.db);
  return handle;
}

function profileFrom(path: string | undefined): ExportProfile {
  return path ? loadExportProfile(path) : DEFAULT_EXPORT_PROFILE;
}

/** A share between 0 and 1 from the environment; a typo must stop the import, not disable a guard. */
function numberFrom(text: string | undefined, name: string): number | undefined {
  if (!text) return undefined;
  const share = Number(text);
  if (!Number.isFinite(share) || share < 0 || share > 1) throw new Error(`${name} must be a share between 0 and 1 (e.g. 0.1), not "${text}"`);
  return share;
}
