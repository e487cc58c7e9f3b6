import { baseQuality, type KpiWithQualityNote } from '@jugendamt/projections';
import type { ReportTable } from '../report-table.js';
import type { ReportScope } from './report-scope.js';

/**
 * The KPIs whose base the report notes, as its tables name them, and when they are counted:
 * over the year, or on its last day (the Stichtag KPIs).
 */
const NOTED: readonly (readonly [KpiWithQualityNote, string, 'year' | 'year-end'])[] = [
  ['aids', 'Summe der Hilfen', 'year'],
  ['aid-stock', 'Bestand der Hilfen (31.12.)', 'year-end'],
  ['endings', 'Dauer und Beendigungen', 'year'],
  ['return-rate', 'Rückführungsquote', 'year'],
  ['caseload', 'Fachkraft-Fall-Relation (31.12.)', 'year-end'],
  ['sub-process-counts', 'Teilprozesse', 'year'],
  ['staffing-requirement', 'Personalbedarf', 'year'],
  ['costs', 'Kosten', 'year'],
  // Spent from 01.01. to 31.12.: the payments of the year.
  ['social-area-budgets', 'Sozialraumbudgets', 'year'],
  // The Fallzahl of the year.
  ['use-per-young-inhabitant', 'Inanspruchnahme', 'year'],
];

/**
 * The report's notes on its bases (docs/data-quality.md): for each KPI, the records of its base
 * and those each plausibility rule that weakens it hit, as known at the report's asOf.
 */
export async function dataQualityTable(scope: ReportScope): Promise<ReportTable> {
  const notes = await Promise.all(
    NOTED.map(async ([kpi, label, counted]) => {
      const period = counted === 'year-end' ? { from: scope.to, to: scope.to } : { from: scope.from, to: scope.to };
      const quality = await baseQuality(scope.db, { kpi, tenantId: scope.tenantId, asOf: scope.asOf, ...period });
      return quality.rules.map((rule) => ({ row: label, rule: rule.name, affected: rule.affected, records: quality.records }));
    }),
  );
  return {
    id: 'datenqualitaet',
    title: 'Datenqualität der Grundlagen',
    level: 'office',
    columns: [
      { key: 'row', heading: 'Kennzahl', kind: 'text' },
      { key: 'rule', heading: 'Plausibilitätsregel', kind: 'text' },
      { key: 'affected', heading: 'Betroffene Datensätze', kind: 'count' },
      { key: 'records', heading: 'Datensätze der Grundlage', kind: 'count' },
    ],
    rows: notes.flat(),
  };
}
