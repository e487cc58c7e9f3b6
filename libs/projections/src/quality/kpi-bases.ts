import { sql } from 'kysely';
import { REASON_ADOPTION, REASON_TRANSFER_OF_RESPONSIBILITY } from '@jugendamt/domain';
import { PAYMENTS_DATED, SUB_PROCESSES_LIVE, type RecordBase } from './checked-records.js';
import type { QualityRecordKind, WeakenedKpi } from './plausibility-catalogue.js';

/** The records a KPI's figure rests on, as the rules' records (aliases of `checked-records.ts`, window `w`). */
export interface KpiBase {
  readonly records: QualityRecordKind;
  readonly base: RecordBase;
  /** The base in German, after "3 von 41": plural, dative. */
  readonly label: string;
}

/** docs/kpis.md 2: an HzE aid running on the reference date, the window's last day. */
const HZE_RUNNING_ON_REFERENCE_DATE: RecordBase = sql`a.educational_aid AND a.begin_on <= w.to_on AND (a.end_on IS NULL OR a.end_on >= w.to_on)`;

/**
 * The base of every KPI a rule can weaken (docs/data-quality.md), each read as the KPI's own
 * query reads it; the window is the answer's period, as its handler sets it. Typed over all
 * of `WEAKENED_KPIS`, so a KPI the catalogue may name cannot lack its note.
 */
export const KPI_BASES: Readonly<Record<WeakenedKpi, KpiBase>> = {
  // docs/kpis.md 2: Summe der Hilfen, HzE aids running in the period.
  aids: {
    records: 'aids',
    base: sql`a.educational_aid AND a.begin_on <= w.to_on AND (a.end_on IS NULL OR a.end_on >= w.from_on)`,
    label: 'im Zeitraum laufenden Hilfen zur Erziehung',
  },
  'aid-stock': { records: 'aids', base: HZE_RUNNING_ON_REFERENCE_DATE, label: 'am Stichtag laufenden Hilfen zur Erziehung' },
  // docs/kpis.md 8: HzE aids ended in the period, every reason (the rates' base only drops transfers).
  endings: { records: 'aids', base: sql`a.educational_aid AND a.end_on BETWEEN w.from_on AND w.to_on`, label: 'im Zeitraum beendeten Hilfen' },
  // docs/kpis.md 3: the denominator of the return rate.
  'return-rate': {
    records: 'aids',
    base: sql`a.educational_aid AND a.setting = 'stationär' AND a.end_on BETWEEN w.from_on AND w.to_on
      AND a.reason_of_ending IS DISTINCT FROM ${REASON_TRANSFER_OF_RESPONSIBILITY} AND a.reason_of_ending IS DISTINCT FROM ${REASON_ADOPTION}`,
    label: 'beendeten stationären Hilfen',
  },
  // docs/kpis.md 5: HzE aids running on the reference date (the period's last day).
  caseload: { records: 'aids', base: HZE_RUNNING_ON_REFERENCE_DATE, label: 'am Stichtag laufenden Hilfen zur Erziehung' },
  // docs/kpis.md 1 and 6 count completed sub-processes; one left open too long is missing from
  // them, so the base is every sub-process in work in the period, and the label says so.
  'sub-process-counts': { records: 'sub-processes', base: SUB_PROCESSES_LIVE, label: 'im Zeitraum offenen oder abgeschlossenen Teilprozessen' },
  'staffing-requirement': { records: 'sub-processes', base: SUB_PROCESSES_LIVE, label: 'im Zeitraum offenen oder abgeschlossenen Teilprozessen' },
  // docs/kpis.md 7: the payments of the period (contributions and refunds are no rule's records).
  costs: { records: 'payments', base: PAYMENTS_DATED, label: 'Zahlungen des Zeitraums' },
  // docs/kpis.md 10: spent is counted from 01.01. to the period's end; its handler sets the window so.
  'social-area-budgets': { records: 'payments', base: PAYMENTS_DATED, label: 'Zahlungen des Jahres bis zum Ende des Zeitraums' },
  // docs/kpis.md 9: the Fallzahl, the stock on 31.12. plus the aids ended in the year (window: the year).
  'use-per-young-inhabitant': {
    records: 'aids',
    base: sql`a.educational_aid AND a.begin_on <= w.to_on AND (a.end_on IS NULL OR a.end_on >= w.to_on OR a.end_on BETWEEN w.from_on AND w.to_on)`,
    label: 'Hilfen zur Erziehung der Fallzahl des Jahres',
  },
};
