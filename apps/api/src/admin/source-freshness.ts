import { berlinDayOf } from '@jugendamt/domain';
import type { ImportSchedule } from '@jugendamt/ingest-pipeline';
import type { ImportRecord } from './import-history.js';
import type { StaleSinceApplied, UndecidedHeld } from './import-attention.js';

export interface FreshnessFinding {
  readonly severity: 'warning' | 'info';
  readonly code: 'never-applied' | 'export-late' | 'observed-in-future' | 'stale-files' | 'last-import-rejected' | 'held-for-confirmation';
  readonly message: string;
}

/** A held file as the sources view lists it: what to decide on, and how long it has waited. */
export interface HeldFile {
  readonly importId: string;
  readonly file: string;
  readonly heldSince: string;
  readonly waitingDays: number;
}

/** How old a source's data are, and what the administrator should look at. */
export interface SourceFreshness {
  readonly source: string;
  readonly schedule: ImportSchedule | null;
  readonly lastImport: ImportRecord | null;
  readonly lastApplied: ImportRecord | null;
  /** Calendar days (Berlin) from the newest applied export's observation to today. */
  readonly dataAgeDays: number | null;
  /** Files refused as stale since the newest applied one. */
  readonly staleSinceApplied: number;
  /** Held files without a decision, oldest first. */
  readonly held: readonly HeldFile[];
  readonly findings: readonly FreshnessFinding[];
}

/** What is known of one source's imports. */
export interface SourceImports {
  readonly lastImport?: ImportRecord | undefined;
  readonly lastApplied?: ImportRecord | undefined;
  readonly stale?: StaleSinceApplied | undefined;
  readonly held?: readonly UndecidedHeld[];
  readonly schedule?: ImportSchedule | undefined;
}

export interface FreshnessRules {
  /** Days an applied observation may be old before the export counts as late (1: nightly exports). */
  readonly allowedAgeDays: number;
  /** How far ahead of the clock an observation may lie, as the ingest allows it. */
  readonly futureToleranceMs: number;
}

/**
 * Sources that do not come every night, and the days their newest observation may be old: the
 * statistics office counts the population once or twice a year, the file of the year's end
 * arriving in the new year, so only more than a year and a month without one is late.
 */
const ALLOWED_AGE_DAYS_OF_SOURCE: Readonly<Record<string, number>> = { einwohner: 400 };

function calendarDaysBetween(from: Date, to: Date): number {
  return Math.round((Date.parse(berlinDayOf(to)) - Date.parse(berlinDayOf(from))) / 86_400_000);
}

function germanDate(date: Date): string {
  return date.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });
}

function days(n: number): string {
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}

/**
 * The exports come every night: data observed yesterday are on time, anything older is late
 * by the days in between (`allowedAgeDays` moves the line for an office exporting less often;
 * population files have a line of their own).
 * A stale verdict is never silent: a source frozen by an applied observation in the future
 * shows nothing but stale files, and the view says so.
 */
export function freshnessOf(source: string, imports: SourceImports, now: Date, rules: FreshnessRules): SourceFreshness {
  const { lastImport, lastApplied, stale, held = [], schedule } = imports;
  const findings: FreshnessFinding[] = [];
  const observed = lastApplied?.observedAt ? new Date(lastApplied.observedAt) : undefined;
  const dataAgeDays = observed ? calendarDaysBetween(observed, now) : null;
  const allowedAgeDays = Math.max(rules.allowedAgeDays, ALLOWED_AGE_DAYS_OF_SOURCE[source] ?? 0);
  if (!observed) {
    findings.push({ severity: 'warning', code: 'never-applied', message: `no ${source} export has been applied yet` });
  } else if (observed.getTime() > now.getTime() + rules.futureToleranceMs) {
    findings.push({
      severity: 'warning',
      code: 'observed-in-future',
      message: `the newest applied ${source} export (${lastApplied!.file}) claims to be observed on ${germanDate(observed)}, in the future: every later ${source} export is refused as stale`,
    });
  } else if (dataAgeDays! > allowedAgeDays) {
    const late = dataAgeDays! - allowedAgeDays;
    findings.push({ severity: 'warning', code: 'export-late', message: `the ${source} export is ${days(late)} late: the newest applied one was observed on ${germanDate(observed)}` });
  }
  if (stale) {
    const files = stale.count === 1 ? `1 ${source} file was` : `${stale.count} ${source} files were`;
    findings.push({ severity: 'warning', code: 'stale-files', message: `${files} refused as stale since the newest applied one, the last ${stale.lastFile}` });
  }
  if (lastImport && lastImport.importId !== lastApplied?.importId && !lastImport.decision && lastImport.status === 'rejected') {
    findings.push({ severity: 'warning', code: 'last-import-rejected', message: `the last ${source} import (${lastImport.file}) was rejected: ${lastImport.message}` });
  }
  const waiting = held.map((h) => ({ importId: h.importId, file: h.file, heldSince: h.heldSince.toISOString(), waitingDays: Math.floor((now.getTime() - h.heldSince.getTime()) / 86_400_000) }));
  for (const [i, h] of waiting.entries()) {
    findings.push({
      severity: 'warning',
      code: 'held-for-confirmation',
      message: `${h.file} has waited ${days(h.waitingDays)} for a decision (held since ${germanDate(held[i]!.heldSince)}): ${held[i]!.message}`,
    });
  }
  return {
    source,
    schedule: schedule ?? null,
    lastImport: lastImport ?? null,
    lastApplied: lastApplied ?? null,
    dataAgeDays,
    staleSinceApplied: stale?.count ?? 0,
    held: waiting,
    findings,
  };
}
