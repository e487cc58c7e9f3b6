import { existsSync } from 'node:fs';
import { inOffice, type DatabaseHandle } from '@jugendamt/db';
import { eventsReadableWithin } from '@jugendamt/event-store';
import { parseExportFileName, type ExportSource } from '@jugendamt/domain';
import { catchUpAll, projectionNamed, rebuildAll, type Projection } from '@jugendamt/projections';
import type { ImportSummary } from '../import/finding.js';
import { importFile } from '../import/import-file.js';
import { findImportOfContent, findImport } from '../import/import-repository.js';
import type { ImportProgress, ImportSettings } from '../import/import-settings.js';
import type { Inbox } from '../inbox/inbox.js';
import type { ExclusiveLock } from './exclusive-lock.js';
import type { ImportJob, ImportJobResult, JobImport } from './import-job.js';
import { unlinkAfterRetention } from '../retention/unlink-after-retention.js';
import { tidyHeld } from './tidy-held.js';

export interface ImportJobDeps {
  readonly database: DatabaseHandle;
  readonly settings: ImportSettings;
  readonly inbox: Inbox;
  readonly exclusively: ExclusiveLock;
}

const LOG_READABLE_WAIT_MS = 10_000;

/** A job that cannot succeed however often it runs: no retry, straight to the failed list. */
export class HopelessJob extends Error {}

/**
 * What every import job does, whether BullMQ or the embedded runner runs it. Files of one
 * source are imported under one lock, oldest first: a job for a file first imports what
 * waits of its source from before it, so files apply in observation order whichever worker
 * picks which job. A job whose file another job already took is done without a second import.
 */
export function runImportJob(deps: ImportJobDeps, job: ImportJob, onProgress?: (progress: ImportProgress) => void): Promise<ImportJobResult> {
  // A job is its office's: row-level security shows its queries that office alone.
  return inOffice(deps.settings.tenantId, () => runInOffice(deps, job, onProgress));
}

async function runInOffice(deps: ImportJobDeps, job: ImportJob, onProgress?: (progress: ImportProgress) => void): Promise<ImportJobResult> {
  const result = await importsOf(deps, job, onProgress);
  // The KPIs answer from the projections: they follow every applied file at once. Its events
  // are hidden from readers while any older transaction runs (another office's import, say):
  // the catch-up waits for that a while; what is still hidden then, the next one takes.
  if (result.imports.some((i) => i.status === 'applied')) {
    await eventsReadableWithin(deps.database.app, LOG_READABLE_WAIT_MS, deps.settings.tenantId);
    await catchUpAll(deps.database.app, deps.settings.tenantId);
  }
  return result;
}

async function importsOf(deps: ImportJobDeps, job: ImportJob, onProgress?: (progress: ImportProgress) => void): Promise<ImportJobResult> {
  switch (job.kind) {
    case 'source':
      return importWaiting(deps, job.source, undefined, onProgress);
    // Copies of the snapshot delivered while it waited leave `held/` with it.
    case 'confirm':
      return withHeldTidied(deps, await applyConfirmed(deps, job.importId, onProgress));
    case 'reject':
      return withHeldTidied(deps, await shelveRejected(deps, job.importId));
    case 'rebuild':
      return rebuildProjections(deps, job.projections);
    case 'unlink': {
      const { dryRun, counts, note } = await unlinkAfterRetention(deps.database.db, { tenantId: deps.settings.tenantId, periods: deps.settings.retention ?? {}, dryRun: job.dryRun, by: 'job' });
      return { imports: [], unlinked: { dryRun, counts }, ...(note ? { note } : {}) };
    }
    case 'file': {
      const name = parseExportFileName(job.file);
      if (name.ok) {
        const result = await importWaiting(deps, name.value.source, name.value.observedAt, onProgress);
        if (result.imports.some((i) => i.file === job.file)) return result;
        return { ...result, note: `${job.file} is no longer in the inbox: another job imported it` };
      }
      // A name that says neither source nor night: its import is the rejection that says so.
      const path = deps.inbox.pathOf(job.file);
      if (!existsSync(path)) return { imports: [], note: `${job.file} is no longer in the inbox` };
      return { imports: [await importAndShelve(deps, path, deps.settings, onProgress)] };
    }
  }
}

async function importWaiting(deps: ImportJobDeps, source: ExportSource, upTo: Date | undefined, onProgress?: (progress: ImportProgress) => void): Promise<ImportJobResult> {
  return deps.exclusively(`import-job:${deps.settings.tenantId}:${source}`, async () => {
    const waiting = (await deps.inbox.waiting(source)).filter((file) => !upTo || file.observedAt.getTime() <= upTo.getTime());
    const imports: JobImport[] = [];
    for (const file of waiting) imports.push(await importAndShelve(deps, file.path, deps.settings, onProgress));
    return waiting.length ? { imports } : { imports, note: `no ${source} file waits in the inbox` };
  });
}

async function applyConfirmed(deps: ImportJobDeps, importId: string, onProgress?: (progress: ImportProgress) => void): Promise<ImportJobResult> {
  const held = await heldImport(deps, importId);
  return deps.exclusively(`import-job:${deps.settings.tenantId}:${held.source}`, async () => {
    const path = deps.inbox.pathOf(held.fileName, 'held');
    if (!existsSync(path)) {
      const applied = await findImportOfContent(deps.database.app, deps.settings.tenantId, held.sha256);
      if (applied?.status === 'applied') return { imports: [], note: `${held.fileName} was applied before (import ${applied.importId})` };
      throw new HopelessJob(`${held.fileName} is no longer in ${deps.inbox.pathOf('', 'held')}: drop it into the inbox again`);
    }
    return { imports: [await importAndShelve(deps, path, { ...deps.settings, confirmDeletions: true }, onProgress)] };
  });
}

async function heldImport(deps: ImportJobDeps, importId: string) {
  const held = await findImport(deps.database.app, deps.settings.tenantId, importId);
  if (!held || held.status !== 'held' || !held.source) throw new HopelessJob(`import ${importId} is not held`);
  return { ...held, source: held.source };
}

/**
 * The decision is recorded by whoever rejected; the file moves here, under the source's lock,
 * so it cannot slip between the import that holds it and its shelving in `held/`.
 */
async function shelveRejected(deps: ImportJobDeps, importId: string): Promise<ImportJobResult> {
  const held = await heldImport(deps, importId);
  return deps.exclusively(`import-job:${deps.settings.tenantId}:${held.source}`, async () => {
    const path = deps.inbox.pathOf(held.fileName, 'held');
    if (!existsSync(path)) return { imports: [], note: `${held.fileName} is no longer in ${deps.inbox.pathOf('', 'held')}` };
    await deps.inbox.shelve(path, 'rejected');
    return { imports: [], note: `${held.fileName} moved to ${deps.inbox.pathOf('', 'rejected')}` };
  });
}

async function withHeldTidied(deps: ImportJobDeps, result: ImportJobResult): Promise<ImportJobResult> {
  await tidyHeld(deps);
  return result;
}

/** One rebuild at a time per office: two would build generations only to retire each other. */
async function rebuildProjections(deps: ImportJobDeps, names: readonly string[]): Promise<ImportJobResult> {
  const { database, settings } = deps;
  let projections: Projection[];
  try {
    projections = names.map(projectionNamed);
  } catch (error) {
    throw new HopelessJob((error as Error).message);
  }
  return deps.exclusively(`projections-rebuild:${settings.tenantId}`, async () => ({ imports: [], rebuilt: await rebuildAll(database.app, settings.tenantId, projections) }));
}

/**
 * Imports one file and moves it to the shelf of its verdict. Should the worker die between
 * the two, the file waits again; its next import finds the content applied and says so.
 */
async function importAndShelve(deps: ImportJobDeps, path: string, settings: ImportSettings, onProgress?: (progress: ImportProgress) => void): Promise<JobImport> {
  const summary = await importFile(deps.database.app, settings, path, onProgress);
  await deps.inbox.shelve(path, summary.status);
  return jobImportOf(summary);
}

function jobImportOf(s: ImportSummary): JobImport {
  return {
    importId: s.importId,
    file: s.file,
    status: s.status,
    rowsRead: s.rowsRead,
    eventsAppended: s.eventsAppended,
    rowsQuarantined: s.rowsQuarantined,
    message: s.message,
  };
}
