import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { parseExportFileName, type ExportSource } from '@jugendamt/domain';
import { sha256OfFile } from '../reading/hash-file.js';
import type { ApplyContext } from './apply-changes.js';
import type { FileOutcome } from './file-outcome.js';
import { readableFileSize } from './collect-export-files.js';
import { FileReport, type ReadingReport } from './file-report.js';
import type { Finding, ImportStatus, ImportSummary } from './finding.js';
import { appliedAt, findImportOfContent, latestAppliedObservation, lockSource, recordImport, type RecordedImport } from './import-repository.js';
import { DEFAULT_FUTURE_TOLERANCE_MS, type ImportProgress, type ImportSettings } from './import-settings.js';
import { LinkingReport, linkedRows } from './linked-rows.js';
import { importOverlap } from './overlap-import.js';
import { importPopulation } from './population-import.js';
import { RecordLinks } from './record-links.js';
import { notingLines } from './record-lines.js';
import { importSnapshot } from './snapshot-import.js';
import { PSEUDONYM_KINDS } from './source-handlers.js';
import type { ValidatedRow } from './validated-rows.js';
import { readValidatedRows } from './validated-rows-in-worker.js';
import { WritesBehind } from './writes-behind.js';

/** Thrown inside the file's transaction to roll back what was applied and record why. */
class Abandoned {
  constructor(readonly summary: ImportSummary) {}
}

/**
 * Imports one export file: all of it in one transaction, or nothing.
 *
 * The order of checks follows what loses least: a file observed in the future is rejected
 * (applied, it would make every real later file stale), one not newer than what is applied
 * for its source is a duplicate (its bytes were applied before) or stale, a broken file or
 * one with too many bad rows is rejected, a snapshot that would delete too much is held. A
 * population file is stale per Stichtag instead (population-import.ts). The source is locked
 * for the whole file, so two workers never apply files of one source at once.
 */
export async function importFile(db: Kysely<Database>, settings: ImportSettings, path: string, onProgress?: (progress: ImportProgress) => void): Promise<ImportSummary> {
  const startedAt = new Date();
  const file = basename(path);
  const importId = randomUUID();
  // A pipe or a device in place of a file would be read for ever: refused before hashing.
  const bytesTotal = await readableFileSize(path);
  const sha256 = await sha256OfFile(path);
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
  const tolerance = settings.futureToleranceMs ?? DEFAULT_FUTURE_TOLERANCE_MS;
  if (observedAt.getTime() > startedAt.getTime() + tolerance) {
    const message =
      `file rejected: observed ${observedAt.toISOString()}, more than ${tolerance / 60_000} minutes after this server's clock ` +
      `(${startedAt.toISOString()}); applied, it would make every later ${source} export stale. Check the file name and the exporting system's clock; nothing applied`;
    return finish({ ...known, status: 'rejected', message, findings: [fileFinding('observed-in-future', message)] });
  }

  const behind = new WritesBehind();
  try {
    return await db.transaction().execute(async (trx) => {
      await lockSource(trx, settings.tenantId, source);
      const verdict = await verdictBeforeReading(trx, settings, source, observedAt, sha256);
      if ('status' in verdict) return finish({ ...known, ...verdict }, trx);

      const report = new FileReport();
      const rows = linkedRowsOf(trx, settings, source, startedAt, !verdict.appliedBefore, report, (reading) =>
        readValidatedRows(path, bytesTotal, settings, source, observedAt, reading, (rowsRead, bytesRead) => onProgress?.({ file, rowsRead, bytesRead, bytesTotal })),
      );
      const ctx: ApplyContext = { trx, tenantId: settings.tenantId, source, observedAt, importId };
      const outcome = await importByKind(ctx, settings, settings.legacyKeying ? rows : notingLines(ctx, rows, behind), report);
      const counted = { ...known, rowsRead: report.rowsRead, rowsQuarantined: report.rowsQuarantined };

      if (report.fileProblems.length || !outcome) {
        throw new Abandoned({ ...counted, status: 'rejected', message: `file rejected: ${report.fileProblems.join('; ')}`, findings: report.findings });
      }
      if (outcome.stale) throw new Abandoned({ ...counted, status: 'stale', message: outcome.stale, findings: report.findings });
      const badShare = report.rowsRead ? report.rowsQuarantined / report.rowsRead : 0;
      if (badShare > settings.quarantineThreshold) {
        const message =
          `file rejected: ${report.rowsQuarantined} of ${report.rowsRead} rows (${percent(badShare)}) are bad, ` + `more than the allowed ${percent(settings.quarantineThreshold)}; nothing applied`;
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
      const sameAs = verdict.sameContentAs ? `; the same content as ${verdict.sameContentAs.fileName} (import ${verdict.sameContentAs.importId}), observed later` : '';
      const message = `applied: ${outcome.eventsAppended} events from ${report.rowsRead} rows${sameAs}`;
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
    throw behind.causeOf(error);
  }
}

function importByKind(ctx: ApplyContext, settings: ImportSettings, rows: AsyncIterable<ValidatedRow>, report: FileReport): Promise<FileOutcome | undefined> {
  switch (settings.profile.sources[ctx.source].kind) {
    case 'snapshot':
      return importSnapshot(ctx, settings, rows, report);
    case 'population':
      return importPopulation(ctx, settings, rows, report);
    default:
      return importOverlap(ctx, settings, rows, report);
  }
}

/**
 * The file's rows under their records' surrogates (see linkedRows). Only the test that builds
 * a database as imports left it before migration 0015 reads them under their pseudonyms.
 */
function linkedRowsOf(
  trx: Kysely<Database>,
  settings: ImportSettings,
  source: ExportSource,
  today: Date,
  firstImportOfSource: boolean,
  report: FileReport,
  read: (reading: ReadingReport) => AsyncGenerator<ValidatedRow>,
): AsyncIterable<ValidatedRow> {
  if (settings.legacyKeying) return read(report);
  const idKind = PSEUDONYM_KINDS[settings.profile.sources[source].idField];
  const reading = new LinkingReport(report, idKind);
  const options = { source, idKind, retention: settings.retention ?? {}, today, firstImportOfSource };
  return linkedRows(new RecordLinks(trx, settings.tenantId), read(reading), reading, options);
}

type Refusal = { status: ImportStatus; message: string; findings: Finding[] };

/**
 * Whether the file is to be read at all. The observation time decides, not the bytes alone: a
 * file newer than what is applied for its source is read and compared even when its bytes equal
 * an older file's (last week's snapshot delivered again after this week's is the state now;
 * deltas and journals repeat rows anyway and append each event once). A file not newer than
 * what is applied changes nothing: a duplicate if its content was applied, stale otherwise.
 */
async function verdictBeforeReading(
  db: Kysely<Database>,
  settings: ImportSettings,
  source: ExportSource,
  observedAt: Date,
  sha256: string,
): Promise<Refusal | { sameContentAs?: RecordedImport; appliedBefore: boolean }> {
  const same = await findImportOfContent(db, settings.tenantId, sha256);
  // A held file comes back when the administrator confirms it: then it is no duplicate.
  if (same?.status === 'held' && !settings.confirmDeletions) {
    const message = `still held: the same content waits for confirmation as ${same.fileName} (import ${same.importId}); nothing applied`;
    return { status: 'held', message, findings: [fileFinding('mass-deletion', message, 'warning')] };
  }
  const applied = same?.status === 'applied' ? same : undefined;
  const latest = await latestAppliedObservation(db, settings.tenantId, source);
  if (!latest || observedAt.getTime() > latest.getTime()) return { sameContentAs: applied, appliedBefore: latest !== undefined };
  if (applied) {
    const message = `same content as ${applied.fileName} (import ${applied.importId}, ${applied.status}): nothing to do`;
    return { status: 'duplicate', message, findings: [fileFinding('duplicate-file', message, 'info')] };
  }
  // A population file is stale per Stichtag, not whole (population-import.ts): an older one
  // still brings the Stichtage no newer file stated. One observation is applied once, though.
  if (settings.profile.sources[source].kind === 'population' && !(await appliedAt(db, settings.tenantId, source, observedAt))) {
    return { appliedBefore: true };
  }
  const message = `stale: observed ${observedAt.toISOString()}, but ${source} is applied up to ${latest.toISOString()}; not applied`;
  return { status: 'stale', message, findings: [fileFinding('stale-file', message, 'warning')] };
}

function fileFinding(code: string, message: string, severity: Finding['severity'] = 'error'): Finding {
  return { severity, code, message };
}

function percent(share: number): string {
  return `${(share * 100).toLocaleString('de-DE', { maximumFractionDigits: 1 })} %`;
}
