import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { inOffice, type DatabaseHandle } from '@jugendamt/db';
import { collectExportFiles, importFiles, importSettings, type IngestSettings, type ImportSummary } from '@jugendamt/ingest-pipeline';

/**
 * The folder to import before the API serves: IMPORT_ON_START if set ("none" turns it off).
 * On the embedded default it is the bundled samples, so a newcomer's first `npm start` shows
 * real numbers; with PostgreSQL nothing is imported unless asked, as production has its schedules.
 */
export function folderToImportOnStart(database: DatabaseHandle, asked: string | undefined): string | undefined {
  if (asked === 'none' || asked === '') return undefined;
  if (asked) return resolve(asked);
  const samples = resolve('samples');
  return database.backend === 'pglite' && existsSync(samples) ? samples : undefined;
}

/** Imports the folder's exports; a second start finds them applied and skips them as duplicates. */
export async function importOnStart(database: DatabaseHandle, folder: string, ingest: IngestSettings, log: (line: string) => void = console.log): Promise<ImportSummary[]> {
  const files = await collectExportFiles([folder]);
  const settings = importSettings({}, ingest);
  const summaries = await inOffice(settings.tenantId, () => importFiles(database.app, settings, files));
  const count = (status: string) => summaries.filter((s) => s.status === status).length;
  const events = summaries.reduce((n, s) => n + s.eventsAppended, 0);
  log(
    `imported ${folder}: ${files.length} files, ${count('applied')} applied, ${count('duplicate')} already known, ` +
      `${count('rejected')} rejected, ${count('held')} held, ${count('stale')} stale; ${events} events appended`,
  );
  for (const s of summaries.filter((s) => s.status === 'rejected' || s.status === 'held')) log(`  ${s.status} ${s.file}: ${s.message}`);
  return summaries;
}
