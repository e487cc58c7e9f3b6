import { api } from '../../api/client';
import type { KpiReading } from '../kpi-types';
import { captionOf, groupedTable, summarize } from '../tables';

/** KPI 2: the Fallzahl of a year, stock on 31.12. plus the aids ended in the year. */
const casesOfYear: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/cases-of-year', { params: { query: { ...scope.query, year: scope.query.year! } } })).data!;
    const table = groupedTable('fallzahl', captionOf('Fallzahl', scope), answer.rows, scope, [
      { key: 'stock', heading: 'Bestand am 31.12.', kind: 'count', value: (row) => row.stock },
      { key: 'ended', heading: 'im Jahr beendet', kind: 'count', value: (row) => row.ended },
      { key: 'cases', heading: 'Fallzahl', kind: 'count', value: (row) => row.cases },
    ]);
    return { basis: answer.basis, tables: [table], measures: ['cases'], summary: summarize(table, 'cases', 'Fallzahl', scope) };
  },
};
export default casesOfYear;
