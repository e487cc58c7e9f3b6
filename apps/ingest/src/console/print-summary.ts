import type { ImportSummary } from '@jugendamt/ingest-pipeline';

const ERRORS_SHOWN_PER_FILE = 5;

/** One line per file, and its first errors beneath it: what an administrator reads in the morning. */
export function printFileSummary(s: ImportSummary, out: (line: string) => void = console.log): void {
  const counts = `${s.rowsRead} rows read, ${s.eventsAppended} events appended, ${s.rowsQuarantined} quarantined, ${s.rowsUnchanged} unchanged`;
  out(`${s.status.padEnd(9)} ${s.file}: ${counts}${s.status === 'applied' ? '' : ` — ${s.message}`}`);
  const errors = s.findings.filter((f) => f.severity === 'error');
  // Messages name their column; a file's one problem is in its summary line already.
  const shown = errors.filter((f) => f.line !== undefined && !s.message.includes(f.message));
  for (const f of shown.slice(0, ERRORS_SHOWN_PER_FILE)) out(`          line ${f.line}: ${f.message}`);
  if (shown.length > ERRORS_SHOWN_PER_FILE) out(`          … and ${shown.length - ERRORS_SHOWN_PER_FILE} more errors in the import's report`);
  const warnings = s.findings.filter((f) => f.severity === 'warning').length;
  const notes = s.findings.length - errors.length - warnings;
  if (warnings + notes > 0) out(`          ${warnings} warnings, ${notes} notes in the import's report`);
}

export function printTotals(summaries: readonly ImportSummary[], ms: number, out: (line: string) => void = console.log): void {
  const rows = summaries.reduce((n, s) => n + s.rowsRead, 0);
  const events = summaries.reduce((n, s) => n + s.eventsAppended, 0);
  const by = (status: string) => summaries.filter((s) => s.status === status).length;
  out(
    `${summaries.length} files: ${by('applied')} applied, ${by('rejected')} rejected, ${by('held')} held, ` +
      `${by('duplicate')} skipped as duplicate, ${by('stale')} stale; ${rows} rows, ${events} events in ${(ms / 1000).toFixed(1)} s ` +
      `(${Math.round(rows / Math.max(ms / 1000, 0.001))} rows/s)`,
  );
}

/** The `--json` form: the same summary, every finding included. */
export function summaryAsJson(summaries: readonly ImportSummary[]): string {
  return JSON.stringify(summaries, null, 2);
}
