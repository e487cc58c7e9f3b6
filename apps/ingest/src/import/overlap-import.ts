import { dedupeOverlap } from '@jugendamt/domain';
import { applyChanges, type ApplyContext } from './apply-changes.js';
import type { FileOutcome } from './file-outcome.js';
import type { FileReport } from './file-report.js';
import type { ImportSettings } from './import-settings.js';
import { loadRecords } from './record-state-repository.js';
import { SOURCE_HANDLERS } from './source-handlers.js';
import { reportUnlinkedChronicleEntries } from './unlinked-chronicle-entries.js';
import { duplicateIdFinding, type ValidatedRow } from './validated-rows.js';

/** Rows compared and appended at a time: large enough for set-wise SQL, small enough for flat memory. */
const CHUNK_ROWS = 5_000;

/**
 * Deltas and journals only add: a row is new, changed or a repeat of the overlap. They are
 * applied chunk by chunk as the file streams past, so an initial load of years of sub-processes
 * needs no more memory than a night's file. The caller's transaction still makes it all or
 * nothing: a file found broken at its end is rolled back.
 */
export async function importOverlap(ctx: ApplyContext, settings: ImportSettings, rows: AsyncIterable<ValidatedRow>, report: FileReport): Promise<FileOutcome> {
  const profile = settings.profile.sources[ctx.source];
  const { classify } = SOURCE_HANDLERS[ctx.source];
  const linesById = new Map<string, number>();
  let chunk: ValidatedRow[] = [];
  let eventsAppended = 0;
  let rowsUnchanged = 0;

  const flush = async () => {
    const known = await loadRecords<unknown>(ctx.trx, ctx.tenantId, ctx.source, chunk.map((row) => row.id));
    const byId = new Map(chunk.map((row) => [row.id, row]));
    const changes = dedupeOverlap(new Map([...known].map(([id, k]) => [id, k.state])), new Map(chunk.map((row) => [row.id, row.record])), classify);
    for (const change of changes) for (const note of byId.get(change.recordId)?.notes ?? []) report.add(note);
    if (ctx.source === '14plus_chronik') await reportUnlinkedChronicleEntries(ctx, changes, byId, report);
    eventsAppended += await applyChanges(ctx, changes, known);
    rowsUnchanged += chunk.length - changes.length;
    chunk = [];
  };

  for await (const row of rows) {
    const first = linesById.get(row.id);
    if (first !== undefined) {
      report.quarantine(row.id, [duplicateIdFinding(profile, row.line, first, 'the later row is quarantined')]);
      continue;
    }
    linesById.set(row.id, row.line);
    chunk.push(row);
    if (chunk.length >= CHUNK_ROWS) await flush();
  }
  if (chunk.length) await flush();
  return { eventsAppended, rowsUnchanged };
}
