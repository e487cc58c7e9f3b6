import type { AnswerOf, KpiScope, KpiTable } from './kpi-types';
import { captionOf, groupedTable } from './tables';

type SharesOfGroup = AnswerOf<'/api/v1/kpis/aids'>['sharesByGroup'][number];

/** The setting shares of every group (team, social area) or of the whole office: the aids and the stock read them alike. */
export function sharesTable(shares: readonly SharesOfGroup[], scope: KpiScope, counted: string): KpiTable {
  // Shares are of the groups other than setting and paragraph: those two split what a share divides.
  const by = (scope.query.by ?? '')
    .split(',')
    .filter((dimension) => dimension !== 'setting' && dimension !== 'paragraph')
    .join(',');
  const groupsScope = { ...scope, query: { ...scope.query, by } };
  return groupedTable('anteile', captionOf(`Leistungsformen (${counted})`, scope), shares, groupsScope, [
    { key: 'ambulant', heading: 'ambulant', kind: 'count', value: (row) => row.ambulant },
    { key: 'teilstationaer', heading: 'teilstationär', kind: 'count', value: (row) => row['teilstationär'] },
    { key: 'stationaer', heading: 'stationär', kind: 'count', value: (row) => row['stationär'] },
    { key: 'shareStationary', heading: 'Anteil stationär (%)', kind: 'rate', value: (row) => row.shareStationary },
    { key: 'ambulantPerStationary', heading: 'ambulant je stationär', kind: 'ratio', value: (row) => row.ambulantPerStationary },
    { key: 'fosterShare', heading: 'Pflegequote (%)', kind: 'rate', value: (row) => row.fosterShare },
  ]);
}
