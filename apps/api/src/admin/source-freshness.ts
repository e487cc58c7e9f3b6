import { berlinDayOf } from '@jugendamt/domain';
import type { ImportSchedule } from '@jugendamt/ingest';
import type { ImportRecord } from './import-history.js';

export interface FreshnessFinding {
  readonly severity: 'warning' | 'info';
  readonly code: 'never-applied' | 'export-late' | 'last-import-rejected' | 'held-for-confirmation';
  readonly message: string;
}

/** How old a source's data are, and what the administrator should look at. */
export interface SourceFreshness {
  readonly source: string;
  readonly schedule: ImportSchedule | null;
  readonly lastImport: ImportRecord | null;
  readonly lastApplied: ImportRecord | null;
  /** Calendar days (Berlin) from the newest applied export's observation to today. */
  readonly dataAgeDays: number | null;
  readonly findings: readonly FreshnessFinding[];
}

function calendarDaysBetween(from: Date, to: Date): number {
  return Math.round((Date.parse(berlinDayOf(to)) - Date.parse(berlinDayOf(from))) / 86_400_000);
}

function germanDate(date: Date): string {
  return date.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });
}

/**
 * The exports come every night: data observed yesterday are on time, anything older is late
 * by the days in between (`allowedAgeDays` moves the line for an office exporting less often).
 */
export function freshnessOf(
  source: string,
  lastImport: ImportRecord | undefined,
  lastApplied: ImportRecord | undefined,
  schedule: ImportSchedule | undefined,
  now: Date,
  allowedAgeDays = 1,
): SourceFreshness {
  const findings: FreshnessFinding[] = [];
  const observed = lastApplied?.observedAt ? new Date(lastApplied.observedAt) : undefined;
  const dataAgeDays = observed ? calendarDaysBetween(observed, now) : null;
  if (!observed) {
    findings.push({ severity: 'warning', code: 'never-applied', message: `no ${source} export has been applied yet` });
  } else if (dataAgeDays! > allowedAgeDays) {
    const late = dataAgeDays! - allowedAgeDays;
    findings.push({
      severity: 'warning',
      code: 'export-late',
      message: `the ${source} export is ${late} ${late === 1 ? 'day' : 'days'} late: the newest applied one was observed on ${germanDate(observed)}`,
    });
  }
  if (lastImport && lastImport.importId !== lastApplied?.importId && !lastImport.decision) {
    if (lastImport.status === 'rejected') {
      findings.push({ severity: 'warning', code: 'last-import-rejected', message: `the last ${source} import (${lastImport.file}) was rejected: ${lastImport.message}` });
    } else if (lastImport.status === 'held') {
      findings.push({ severity: 'warning', code: 'held-for-confirmation', message: `${lastImport.file} waits for a decision; ${lastImport.message}` });
    }
  }
  return { source, schedule: schedule ?? null, lastImport: lastImport ?? null, lastApplied: lastApplied ?? null, dataAgeDays, findings };
}
