import { SECRET } from '@jugendamt/domain';
import { yearOverYear } from '../../kpis/key-figures/year-over-year.js';
import type { ReportTable } from '../report-table.js';
import type { ReportScope } from './report-scope.js';

const UNIT_LABELS = { '': 'Anzahl', '%': '%', '€': '€', '1:x': 'Fälle je VZÄ', 'je 10.000': 'je 10.000 u. 21' } as const;

/**
 * The office's key figures beside the year before. Its figures come from the other tables' KPIs,
 * not their cells, so in a published report a row resting on a count of 1 or 2 is hidden here
 * itself (docs/kpis.md, suppression).
 */
export async function yearOverYearTables(scope: ReportScope): Promise<ReportTable[]> {
  const hideSmallCounts = scope.publication;
  const year = Number(scope.from.slice(0, 4));
  const rows = await yearOverYear({ db: scope.db, tenantId: scope.tenantId, asOf: scope.asOf, year });
  return [
    {
      id: 'vorjahresvergleich',
      title: 'Vergleich mit dem Vorjahr',
      level: 'office',
      columns: [
        { key: 'row', heading: 'Kennzahl', kind: 'text' },
        { key: 'unit', heading: 'Einheit', kind: 'text' },
        { key: 'previous', heading: String(year - 1), kind: 'figure' },
        { key: 'current', heading: String(year), kind: 'figure' },
        { key: 'change', heading: 'Veränderung', kind: 'figure' },
        { key: 'changePercent', heading: 'Veränderung (%)', kind: 'rate' },
      ],
      rows: rows.map((r) => {
        const hidden = hideSmallCounts && r.smallCounts;
        const shown = (value: number | null) => (hidden && value !== null ? SECRET : value);
        return { row: r.label, unit: r.unit === '%' ? '%' : UNIT_LABELS[r.unit], previous: shown(r.previous), current: shown(r.value), change: shown(r.change), changePercent: shown(r.changePercent) };
      }),
    },
  ];
}
