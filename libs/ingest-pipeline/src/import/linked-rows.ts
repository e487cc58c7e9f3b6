import type { ExportSource } from '@jugendamt/domain';
import { beganBeforeRetention, isRetainedSource, retentionEnded, type RetentionPeriods } from '../retention/retention-periods.js';
import type { FileReport, ReadingReport } from './file-report.js';
import type { Finding } from './finding.js';
import type { LinkKey, RecordLinks } from './record-links.js';
import { PSEUDONYM_KINDS } from './source-handlers.js';
import type { ValidatedRow } from './validated-rows.js';

/** Rows linked per round trip. */
const LINK_BATCH_ROWS = 5_000;

export interface LinkingOptions {
  readonly source: ExportSource;
  /** The id space of the source's own id; none for the 14plus journal (an entry number is no person's id). */
  readonly idKind: string | undefined;
  readonly retention: RetentionPeriods;
  /** Whether a record may still be kept is judged on the day it is imported, as the unlinking judges it. */
  readonly today: Date;
  /** On a source's first import every record is new: none is suspected of having been unlinked. */
  readonly firstImportOfSource: boolean;
}

/**
 * The reading report as the linking needs it: a quarantined row names its record by pseudonym,
 * and the rest of the import knows records by surrogate. Such names wait here until the next
 * batch is linked (see linkedRows); counts and findings reach the report at once.
 */
export class LinkingReport implements ReadingReport {
  readonly waiting = new Set<string>();

  constructor(
    readonly report: FileReport,
    private readonly idKind: string | undefined,
  ) {}

  get rowsRead(): number {
    return this.report.rowsRead;
  }

  set rowsRead(rows: number) {
    this.report.rowsRead = rows;
  }

  quarantine(recordId: string | undefined, findings: readonly Finding[]): void {
    if (recordId && this.idKind) this.waiting.add(recordId);
    this.report.quarantine(this.idKind ? undefined : recordId, findings);
  }

  fileProblem(reason: string, line?: number): void {
    this.report.fileProblem(reason, line);
  }

  addFileFinding(finding: Finding): void {
    this.report.addFileFinding(finding);
  }
}

/**
 * The validated rows with every pseudonym replaced by its record's surrogate. A record new to
 * this office whose retention period has already run out is not taken in (its data may no
 * longer be kept); one that began before the period and is new may be one unlinked before,
 * and starts anew: the report says so for both.
 */
export async function* linkedRows(links: RecordLinks, rows: AsyncIterable<ValidatedRow>, reading: LinkingReport, options: LinkingOptions): AsyncGenerator<ValidatedRow> {
  let batch: ValidatedRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= LINK_BATCH_ROWS) {
      yield* await linkBatch(links, batch, reading, options);
      batch = [];
    }
  }
  yield* await linkBatch(links, batch, reading, options);
}

async function linkBatch(links: RecordLinks, rows: readonly ValidatedRow[], reading: LinkingReport, options: LinkingOptions): Promise<ValidatedRow[]> {
  const { idKind } = options;
  const kept = idKind ? await withoutExpiredNewRecords(links, rows, reading.report, options, idKind) : rows;
  const waiting = idKind ? [...reading.waiting].map((pseudonym): LinkKey => ({ kind: idKind, pseudonym })) : [];
  const linked = await links.link(kept.flatMap(identifiersOf), waiting);
  for (const { pseudonym } of waiting) {
    const surrogate = linked.surrogateOf(idKind!, pseudonym);
    // A quarantined id the office does not know names no record to keep; it may still come
    // later in the file as a good row, so it waits on.
    if (surrogate === undefined) continue;
    reading.report.quarantinedIds.add(surrogate);
    reading.waiting.delete(pseudonym);
  }
  return kept.map((row) => ({
    ...row,
    id: idKind ? linked.surrogateOf(idKind, row.id)! : row.id,
    record: withSurrogates(row.record as Record<string, unknown>, (kind, pseudonym) => linked.surrogateOf(kind, pseudonym)!),
  }));
}

/** The rows without the new records past their retention period; those are reported, and get no link. */
async function withoutExpiredNewRecords(links: RecordLinks, rows: readonly ValidatedRow[], report: FileReport, options: LinkingOptions, idKind: string): Promise<readonly ValidatedRow[]> {
  const { source, retention, today } = options;
  if (!isRetainedSource(source) || retention[source] === undefined) return rows;
  const known = await links.link(
    [],
    rows.map((row) => ({ kind: idKind, pseudonym: row.id })),
  );
  return rows.filter((row) => {
    if (known.surrogateOf(idKind, row.id) !== undefined) return true;
    const record = row.record as Record<string, unknown>;
    const years = retention[source];
    const ended = retentionEnded(source, record, retention, today);
    if (ended) {
      report.add({
        severity: 'warning',
        code: 'past-retention',
        line: row.line,
        message: `record ended ${ended}, more than ${years} years ago, and is not known here (never imported, or unlinked after its retention period): not imported; delete or archive it in the source system`,
      });
      return false;
    }
    const began = options.firstImportOfSource ? undefined : beganBeforeRetention(source, record, retention, today);
    if (began) {
      report.add({
        severity: 'info',
        code: 'new-after-retention',
        line: row.line,
        message: `new record that began ${began}, more than ${years} years ago: if a record of this id was unlinked after its retention period, this one starts anew, without its earlier history`,
      });
    }
    return true;
  });
}

function identifiersOf(row: ValidatedRow): LinkKey[] {
  const keys: LinkKey[] = [];
  for (const [field, value] of Object.entries(row.record as Record<string, unknown>)) {
    const kind = PSEUDONYM_KINDS[field];
    if (kind && typeof value === 'string') keys.push({ kind, pseudonym: value });
  }
  return keys;
}

/** The record with its identifiers' surrogates, fields in their order (state hashes depend on it). */
function withSurrogates(record: Record<string, unknown>, surrogateOf: (kind: string, pseudonym: string) => string): Record<string, unknown> {
  const linked: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    const kind = PSEUDONYM_KINDS[field];
    linked[field] = kind && typeof value === 'string' ? surrogateOf(kind, value) : value;
  }
  return linked;
}
