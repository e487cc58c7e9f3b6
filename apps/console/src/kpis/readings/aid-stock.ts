import { api } from '../../api/client';
import type { KpiReading } from '../kpi-types';
import { captionOf, groupedTable, summarize } from '../tables';
import { sharesTable } from '../setting-shares';

/** KPI 2: the stock of aids on a reference day, and the setting shares. */
const aidStock: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/aids/stock', { params: { query: { ...scope.query, on: scope.query.on! } } })).data!;
    const table = groupedTable('hilfebestand', captionOf('Hilfebestand', scope), answer.rows, scope, [{ key: 'stock', heading: 'Laufende Hilfen', kind: 'count', value: (row) => row.stock }]);
    return {
      basis: answer.basis,
      qualityNotes: answer.dataQuality.notes,
      tables: [table, sharesTable(answer.sharesByGroup, scope, 'Bestand')],
      measures: ['stock'],
      summary: summarize(table, 'stock', 'Hilfebestand', scope),
    };
  },
};
export default aidStock;
