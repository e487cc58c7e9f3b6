import { dedupeOverlap } from '@jugendamt/domain';
import { EventStore, type PreparedAppend, type StreamAppend } from '@jugendamt/event-store';
import { appendEvents, CHUNK_ROWS, eventsOf, type ApplyContext } from './apply-changes.js';
import type { FileOutcome } from './file-outcome.js';
import type { FileReport } from './file-report.js';
import type { ImportSettings } from './import-settings.js';
import { knownFromLog } from './known-from-log.js';
import { SOURCE_HANDLERS } from './source-handlers.js';
import { casesOfEntries, reportUnlinkedChronicleEntries } from './unlinked-chronicle-entries.js';
import { duplicateIdFinding, type ValidatedRow } from './validated-rows.js';

/**
 * Deltas and journals only add: a row is new, changed or a repeat of the overlap. They are
 * applied chunk by chunk as the file streams past, so an initial load of years of sub-processes
 * needs no more memory than a night's file. The caller's transaction still makes it all or
 * nothing: a file found broken at its end is rolled back.
 *
 * Chunks overlap on the file's one connection: a chunk's lookups go out ahead of the previous
 * chunk's events, so this thread compares and builds the chunk while the database writes the
 * one before. The lookups therefore miss the previous chunk's events, and its ids are kept to
 * tell a repeated id; the events of every chunk before it are in the log by then.
 */
export async function importOverlap(ctx: ApplyContext, settings: ImportSettings, rows: AsyncIterable<ValidatedRow>, report: FileReport): Promise<FileOutcome> {
  const profile = settings.profile.sources[ctx.source];
  const { classify } = SOURCE_HANDLERS[ctx.source];
  let eventsAppended = 0;
  let rowsUnchanged = 0;
  let previousIds: ReadonlySet<string> = new Set();
  let prepared: readonly StreamAppend[] | PreparedAppend = [];
  const store = new EventStore(ctx.trx);

  const lookUp = (chunk: ReadonlyMap<string, ValidatedRow>) => Promise.all([knownFromLog(ctx, [...chunk.keys()]), ctx.source === '14plus_chronik' ? casesOfEntries(ctx, chunk.values()) : undefined]);

  const prepare = (chunk: ReadonlyMap<string, ValidatedRow>, [known, cases]: Awaited<ReturnType<typeof lookUp>>): PreparedAppend => {
    const current = new Map<string, unknown>();
    for (const [id, row] of chunk) {
      // A record this file wrote already: its id came twice in the file. Keeping every id of a
      // file of millions of rows would cost memory without bound; the log knows all but the last chunk's.
      if (previousIds.has(id) || known.get(id)?.observedAt.getTime() === ctx.observedAt.getTime()) {
        report.quarantine(id, [duplicateIdFinding(profile, row.line, undefined, 'the later row is quarantined')]);
      } else {
        current.set(id, row.record);
      }
    }
    const changes = dedupeOverlap(new Map([...known].map(([id, k]) => [id, k.state])), current, classify);
    for (const change of changes) for (const note of chunk.get(change.recordId)?.notes ?? []) report.add(note);
    if (cases) reportUnlinkedChronicleEntries(changes, chunk, cases, report);
    rowsUnchanged += current.size - changes.length;
    // The rows are built here too, so the previous chunk's insert is all the database waits for.
    return store.prepare(ctx.tenantId, eventsOf(ctx, changes, known));
  };

  const handOver = async (chunk: ReadonlyMap<string, ValidatedRow>) => {
    const lookup = lookUp(chunk);
    lookup.catch(() => undefined); // awaited below, after the previous chunk's write is under way
    let writingStarted!: () => void;
    const started = new Promise<void>((resolve) => (writingStarted = resolve));
    const writing = appendEvents(ctx, prepared, writingStarted);
    prepared = [];
    try {
      const found = await lookup;
      await started;
      prepared = prepare(chunk, found);
    } finally {
      eventsAppended += await writing;
    }
    previousIds = new Set(chunk.keys());
  };

  let chunk = new Map<string, ValidatedRow>();
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
  eventsAppended += await appendEvents(ctx, prepared);
  return { eventsAppended, rowsUnchanged };
}
