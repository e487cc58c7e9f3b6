import { baseQuality, type KpiWithQualityNote } from '@jugendamt/projections';
import type { ReportTable } from '../report-table.js';
import type { ReportScope } from './report-scope.js';

/** The KPIs whose base the report notes, as its tables name them. */
const NOTED: readonly (readonly [KpiWithQualityNote, string])[] = [
  ['return-rate', 'Rückführungsquote'],
  ['caseload', 'Fachkraft-Fall-Relation (31.12.)'],
  ['costs', 'Kosten'],
];

/**
 * The report's notes on its bases (docs/data-quality.md): for each KPI, the records of its base
 * and those each plausibility rule that weakens it hit, as known at the report's asOf.
 */
export async function dataQualityTable(scope: ReportScope): Promise<ReportTable> {
  const notes = await Promise.all(
    NOTED.map(async ([kpi, label]) => {
      // The caseload is counted on the year's last day, the others over the year.
      const period = kpi === 'caseload' ? { from: scope.to, to: scope.to } : { from: scope.from, to: scope.to };
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
