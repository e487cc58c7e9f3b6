import { sql } from 'kysely';
import type { ChronicleEntryRecord, RecordChange } from '@jugendamt/domain';
import type { ApplyContext } from './apply-changes.js';
import type { FileReport } from './file-report.js';
import type { ValidatedRow } from './validated-rows.js';

/**
 * A 14plus entry is linked to its WebFM case by the (normalised, pseudonymised) Aktenzeichen.
 * An entry without a case is kept, since costs must add up, and reported once: when it is new.
 * The link is judged against the cases known when the entry arrives; projections link again
 * on every rebuild, so a case imported later still finds its entries.
 */
export async function casesOfEntries(ctx: ApplyContext, rows: Iterable<ValidatedRow>): Promise<Set<string>> {
  const references = new Set<string>();
  for (const row of rows) references.add((row.record as ChronicleEntryRecord).fileReference);
  if (references.size === 0) return references;
  const { rows: linked } = await sql<{ file_reference: string }>`
    SELECT DISTINCT state->>'fileReference' AS file_reference FROM ingest_record_state
    WHERE tenant_id = ${ctx.tenantId} AND source = 'webfm_faelle' AND state->>'fileReference' = ANY(${[...references]}::text[])`.execute(ctx.trx);
  return new Set(linked.map((r) => r.file_reference));
}

/** Reports the new entries whose Aktenzeichen names none of the `cases` (from `casesOfEntries`). */
export function reportUnlinkedChronicleEntries(changes: readonly RecordChange<unknown>[], rows: ReadonlyMap<string, ValidatedRow>, cases: ReadonlySet<string>, report: FileReport): void {
  for (const change of changes) {
    const entry = change.state as ChronicleEntryRecord | null;
    if (!entry || cases.has(entry.fileReference)) continue;
    report.add({
      severity: 'warning',
      code: 'unlinked-chronicle-entry',
      line: rows.get(change.recordId)?.line,
      field: 'fileReference',
      column: 'Aktenzeichen',
      message: `Chronik-Nr ${entry.entryNo}: no WebFM case with this Aktenzeichen is known; the entry is kept and counted for costs`,
    });
  }
}
