import { dedupeOverlap } from '@jugendamt/domain';
import { applyChanges, type ApplyContext } from './apply-changes.js';
import type { FileOutcome } from './file-outcome.js';
import type { FileReport } from './file-report.js';
import type { ImportSettings } from './import-settings.js';
import { knownFromLog } from './known-from-log.js';
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
  let eventsAppended = 0;
  let rowsUnchanged = 0;

  const flush = async (chunk: ReadonlyMap<string, ValidatedRow>) => {
    const known = await knownFromLog(ctx, [...chunk.keys()]);
    // A record this file wrote already: its id came twice in the file. Keeping a map of every id
    // of a file of millions of rows would cost memory without bound; the log knows.
    const current = new Map<string, unknown>();
    for (const [id, row] of chunk) {
      const before = known.get(id);
      if (before?.observedAt.getTime() === ctx.observedAt.getTime()) {
        report.quarantine(id, [duplicateIdFinding(profile, row.line, undefined, 'the later row is quarantined')]);
      } else {
        current.set(id, row.record);
      }
    }
    const changes = dedupeOverlap(new Map([...known].map(([id, k]) => [id, k.state])), current, classify);
    for (const change of changes) for (const note of chunk.get(change.recordId)?.notes ?? []) report.add(note);
    if (ctx.source === '14plus_chronik') await reportUnlinkedChronicleEntries(ctx, changes, chunk, report);
    eventsAppended += await applyChanges(ctx, changes, known);
    rowsUnchanged += current.size - changes.length;
  };

  // The next chunk is read and validated while the database writes the previous one; chunks
  // still reach the database one after the other, each seeing the state its predecessor left.
  let writing: Promise<void> = Promise.resolve();
  const handOver = async (chunk: ReadonlyMap<string, ValidatedRow>) => {
    await writing;
    writing = flush(chunk);
    writing.catch(() => undefined); // awaited, and thrown, at the next hand-over or the end
  };

  let chunk = new Map<string, ValidatedRow>();
  try {
    for await (const row of rows) {
      const first = chunk.get(row.id);
      if (first) {
        report.quarantine(row.id, [duplicateIdFinding(profile, row.line, first.line, 'the later row is quarantined')]);
        continue;
      }
      chunk.set(row.id, row);
      if (chunk.size >= CHUNK_ROWS) {
        await handOver(chunk);
        chunk = new Map();
      }
    }
    await handOver(chunk);
  } finally {
    await writing;
  }
  return { eventsAppended, rowsUnchanged };
}
