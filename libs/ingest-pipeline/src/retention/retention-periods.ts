import type { ExportSource } from '@jugendamt/domain';
import { numberSetting } from '@jugendamt/settings';

/**
 * The sources whose records carry a person's id and end: each has its own retention period.
 * The 14plus journal and the population counts (einwohner) hold no person's id: never unlinked.
 */
export const RETAINED_SOURCES = ['webfm_faelle', 'webfm_hilfen', 'webfm_teilprozesse', 'webfm_mitarbeiter'] as const;
export type RetainedSource = (typeof RETAINED_SOURCES)[number];

/**
 * Years after its end that a record stays linked to its source id, per source; a source
 * without a period is never unlinked. There is no default: the periods are the office's
 * (its state's rules, its data-protection officer's decision), not the product's.
 */
export type RetentionPeriods = Readonly<Partial<Record<RetainedSource, number>>>;

/** The setting of each source's period, in years. */
export const RETENTION_SETTINGS: Readonly<Record<RetainedSource, string>> = {
  webfm_faelle: 'RETENTION_CASES_YEARS',
  webfm_hilfen: 'RETENTION_AIDS_YEARS',
  webfm_teilprozesse: 'RETENTION_SUB_PROCESSES_YEARS',
  webfm_mitarbeiter: 'RETENTION_STAFF_YEARS',
};

export function retentionPeriods(env: NodeJS.ProcessEnv): RetentionPeriods {
  const periods: Partial<Record<RetainedSource, number>> = {};
  for (const source of RETAINED_SOURCES) {
    const years = numberSetting(env, RETENTION_SETTINGS[source], undefined, { min: 1, max: 100 });
    if (years !== undefined) periods[source] = years;
  }
  return periods;
}

/** The record fields a period counts from (its end) and since when the record exists (its begin). */
const LIFETIME_FIELDS: Readonly<Record<RetainedSource, { readonly begin: string; readonly end: string }>> = {
  webfm_faelle: { begin: 'caseBegin', end: 'caseEnd' },
  webfm_hilfen: { begin: 'begin', end: 'end' },
  webfm_teilprozesse: { begin: 'startedAt', end: 'completedAt' },
  webfm_mitarbeiter: { begin: 'joined', end: 'left' },
};

export function lifetimeFields(source: RetainedSource): { readonly begin: string; readonly end: string } {
  return LIFETIME_FIELDS[source];
}

export function isRetainedSource(source: ExportSource): source is RetainedSource {
  return (RETAINED_SOURCES as readonly string[]).includes(source);
}

/** The first day still within the period: a record that ended before it is due for unlinking. */
export function retentionCutoff(years: number, today: Date): string {
  const cutoff = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate()));
  return cutoff.toISOString().slice(0, 10);
}

/** Whether a record's period has run out: it ended before the cutoff (ISO dates compare as text). */
export function retentionEnded(source: RetainedSource, record: Record<string, unknown>, periods: RetentionPeriods, today: Date): string | undefined {
  const years = periods[source];
  const end = record[LIFETIME_FIELDS[source].end];
  if (years === undefined || typeof end !== 'string') return undefined;
  return end.slice(0, 10) < retentionCutoff(years, today) ? end.slice(0, 10) : undefined;
}

/** Whether a record began before the cutoff: new here, it may be one that was unlinked before. */
export function beganBeforeRetention(source: RetainedSource, record: Record<string, unknown>, periods: RetentionPeriods, today: Date): string | undefined {
  const years = periods[source];
  const begin = record[LIFETIME_FIELDS[source].begin];
  if (years === undefined || typeof begin !== 'string') return undefined;
  return begin.slice(0, 10) < retentionCutoff(years, today) ? begin.slice(0, 10) : undefined;
}
