import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { parseExportFileName, type ExportSource } from '@jugendamt/domain';
import { sha256OfFile } from '../reading/hash-file.js';
import type { ApplyContext } from './apply-changes.js';
import { FileReport } from './file-report.js';
import type { Finding, ImportStatus, ImportSummary } from './finding.js';
import { findImportOfContent, latestAppliedObservation, lockSource, recordImport } from './import-repository.js';
import type { ImportProgress, ImportSettings } from './import-settings.js';
import { importOverlap } from './overlap-import.js';
import { importSnapshot } from './snapshot-import.js';
import { readValidatedRows } from './validated-rows-in-worker.js';

/** Thrown inside the file's transaction to roll back what was applied and record why. */
class Abandoned {
  constructor(readonly summary: ImportSummary) {}
}

/**
 * Imports one export file: all of it in one transaction, or nothing.
 *
 * The order of checks follows what loses least: a file whose bytes were applied before is
 * skipped, one older than what is applied for its source is stale, a broken file or one
 * with too many bad rows is rejected, a snapshot that would delete too much is held. The
 * source is locked for the whole file, so two workers never apply files of one source at once.
 */
export async function importFile(
  db: Kysely<Database>,
  settings: ImportSettings,
  path: string,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const startedAt = new Date();
  const file = basename(path);
  const importId = randomUUID();
  const [sha256, { size: bytesTotal }] = await Promise.all([sha256OfFile(path), stat(path)]);
  const summaryBase = { importId, file, rowsRead: 0, eventsAppended: 0, rowsQuarantined: 0, rowsUnchanged: 0, deletionShare: null };
  const finish = async (summary: ImportSummary, trx: Kysely<Database> = db) => {
    await recordImport(trx, settings.tenantId, summary, sha256, startedAt);
    return summary;
  };

  const name = parseExportFileName(file);
  if (!name.ok) {
    return finish({ ...summaryBase, source: null, observedAt: null, status: 'rejected', message: name.reason, findings: [fileFinding('unknown-file', name.reason)] });
  }
  const { source, observedAt } = name.value;
  const known = { ...summaryBase, source, observedAt };

  try {
    return await db.transaction().execute(async (trx) => {
      await lockSource(trx, settings.tenantId, source);
      const refused = await refusal(trx, settings, source, observedAt, sha256);
      if (refused) return finish({ ...known, ...refused }, trx);

      const report = new FileReport();
      const rows = readValidatedRows(path, bytesTotal, settings, source, observedAt, report, (rowsRead, bytesRead) => onProgress?.({ file, rowsRead, bytesRead, bytesTotal }));
      const ctx: ApplyContext = { trx, tenantId: settings.tenantId, source, observedAt, importId };
      const snapshot = settings.profile.sources[source].kind === 'snapshot';
      const outcome = snapshot ? await importSnapshot(ctx, settings, rows, report) : await importOverlap(ctx, settings, rows, report);
      const counted = { ...known, rowsRead: report.rowsRead, rowsQuarantined: report.rowsQuarantined };

      if (report.fileProblems.length || !outcome) {
        throw new Abandoned({ ...counted, status: 'rejected', message: `file rejected: ${report.fileProblems.join('; ')}`, findings: report.findings });
      }
      const badShare = report.rowsRead ? report.rowsQuarantined / report.rowsRead : 0;
      if (badShare > settings.quarantineThreshold) {
        const message =
          `file rejected: ${report.rowsQuarantined} of ${report.rowsRead} rows (${percent(badShare)}) are bad, ` +
          `more than the allowed ${percent(settings.quarantineThreshold)}; nothing applied`;
        report.addFileFinding(fileFinding('too-many-bad-rows', message));
        throw new Abandoned({ ...counted, status: 'rejected', message, findings: report.findings });
      }
      const deletions = outcome.deletions;
      const deletionShare = deletions?.share ?? null;
      if (deletions?.held) {
        const message =
          `held for confirmation: the snapshot would delete ${deletions.vanished} of ${deletions.liveBefore} records ` +
          `(${percent(deletions.share)}), more than the allowed ${percent(settings.deletionThreshold)}; nothing applied`;
        report.addFileFinding(fileFinding('mass-deletion', message, 'warning'));
        throw new Abandoned({ ...counted, status: 'held', deletionShare, message, findings: report.findings });
      }
      const message = `applied: ${outcome.eventsAppended} events from ${report.rowsRead} rows`;
      const applied: ImportSummary = {
        ...counted,
        status: 'applied',
        eventsAppended: outcome.eventsAppended,
        rowsUnchanged: outcome.rowsUnchanged,
        deletionShare,
        message,
        findings: report.findings,
      };
      return finish(applied, trx);
    });
  } catch (error) {
    if (error instanceof Abandoned) return finish(error.summary);
    throw error;
  }
}

async function refusal(
  db: Kysely<Database>,
  settings: ImportSettings,
  source: ExportSource,
  observedAt: Date,
  sha256: string,
): Promise<{ status: ImportStatus; message: string; findings: Finding[] } | undefined> {
  const same = await findImportOfContent(db, settings.tenantId, sha256);
  // A held file comes back when the administrator confirms it: then it is no duplicate.
  if (same?.status === 'held' && !settings.confirmDeletions) {
    const message = `still held: the same content waits for confirmation as ${same.fileName} (import ${same.importId}); nothing applied`;
    return { status: 'held', message, findings: [fileFinding('mass-deletion', message, 'warning')] };
  }
  if (same && same.status !== 'held') {
    const message = `same content as ${same.fileName} (import ${same.importId}, ${same.status}): nothing to do`;
    return { status: 'duplicate', message, findings: [fileFinding('duplicate-file', message, 'info')] };
  }
  const latest = await latestAppliedObservation(db, settings.tenantId, source);
  if (latest && observedAt.getTime() <= latest.getTime()) {
    const message = `stale: observed ${observedAt.toISOString()}, but ${source} is applied up to ${latest.toISOString()}; not applied`;
    return { status: 'stale', message, findings: [fileFinding('stale-file', message, 'warning')] };
  }
  return undefined;
}

function fileFinding(code: string, message: string, severity: Finding['severity'] = 'error'): Finding {
  return { severity, code, message };
}

function percent(share: number): string {
  return `${(share * 100).toLocaleString('de-DE', { maximumFractionDigits: 1 })} %`;
}
