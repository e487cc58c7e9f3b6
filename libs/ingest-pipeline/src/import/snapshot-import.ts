import { deletionShare, diffSnapshot } from '@jugendamt/domain';
import { applyChanges, CHUNK_ROWS, type ApplyContext } from './apply-changes.js';
import type { FileOutcome } from './file-outcome.js';
import type { FileReport } from './file-report.js';
import type { ImportSettings } from './import-settings.js';
import { loadLiveRecords, saveRecordStates } from './record-state-repository.js';
import { SOURCE_HANDLERS } from './source-handlers.js';
import { duplicateIdFinding, type ValidatedRow } from './validated-rows.js';

/**
 * A snapshot is the complete state: it is read whole, then diffed against the live records.
 * Its size is the office's live records (tens of thousands), not its history, so holding it
 * in memory is bounded. Nothing is applied when the file turns out broken or too destructive.
 */
export async function importSnapshot(ctx: ApplyContext, settings: ImportSettings, rows: AsyncIterable<ValidatedRow>, report: FileReport): Promise<FileOutcome | undefined> {
  const profile = settings.profile.sources[ctx.source];
  const snapshot = new Map<string, ValidatedRow>();
  for await (const row of rows) {
    const first = snapshot.get(row.id);
    if (first || report.quarantinedIds.has(row.id)) {
      // The same id twice: neither row can be trusted, so the record stays as it was.
      if (first) report.quarantine(row.id, []);
      snapshot.delete(row.id);
      report.quarantine(row.id, [duplicateIdFinding(profile, row.line, first?.line, 'every row of this id is quarantined, the record stays as it was')]);
    } else {
      snapshot.set(row.id, row);
    }
  }
  if (report.fileProblems.length) return undefined;

  const known = await loadLiveRecords<unknown>(ctx.trx, ctx.tenantId, ctx.source);
  const live = new Map([...known].filter(([, k]) => !k.deleted).map(([id, k]) => [id, k.state]));
  const current = new Map([...snapshot].map(([id, row]) => [id, row.record]));
  const kept = report.mayHaveMergedRows ? keepMissingRecords(live, current, report) : report.quarantinedIds;
  const diff = diffSnapshot(live, current, kept, SOURCE_HANDLERS[ctx.source].classify);
  const share = deletionShare(diff);
  const held = share > settings.deletionThreshold && !settings.confirmDeletions;
  const deletions = { vanished: diff.vanished, liveBefore: diff.liveBefore, share, held };
  if (held) return { eventsAppended: 0, rowsUnchanged: 0, deletions };

  for (const change of diff.changes) for (const note of snapshot.get(change.recordId)?.notes ?? []) report.add(note);
  let eventsAppended = 0;
  // In chunks, so that no statement holds a copy of the whole office's records.
  for (let at = 0; at < diff.changes.length; at += CHUNK_ROWS) {
    const changes = diff.changes.slice(at, at + CHUNK_ROWS);
    eventsAppended += await applyChanges(ctx, changes, known);
    await saveRecordStates(ctx, changes, known);
  }
  const rowsChanged = diff.changes.filter((c) => c.state !== null).length;
  return { eventsAppended, rowsUnchanged: snapshot.size - rowsChanged, deletions };
}

/**
 * The records a file with merged rows leaves as they were: every live one it does not hold.
 * Which of them the stray quote swallowed cannot be told, so none is deleted; the next clean
 * snapshot deletes what is really gone.
 */
export function keepMissingRecords(live: ReadonlyMap<string, unknown>, current: ReadonlyMap<string, unknown>, report: FileReport): ReadonlySet<string> {
  const missing = [...live.keys()].filter((id) => !current.has(id));
  const unexplained = missing.filter((id) => !report.quarantinedIds.has(id)).length;
  if (unexplained > 0) {
    report.addFileFinding({
      severity: 'warning',
      code: 'deletions-suspended',
      message: `${unexplained} records missing from this snapshot are kept, not deleted: a stray quote merged rows, so which records the file really lacks cannot be told`,
    });
  }
  return new Set([...report.quarantinedIds, ...missing]);
}
