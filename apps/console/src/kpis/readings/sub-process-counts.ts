import { api } from '../../api/client';
import type { KpiReading } from '../kpi-types';
import { captionOf, groupedTable, summarize } from '../tables';

/** KPI 1: completed sub-processes by team, core process or code, and period. */
const subProcessCounts: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/sub-process-counts', { params: { query: scope.query } })).data!;
    const table = groupedTable('teilprozesse', captionOf('Abgeschlossene Teilprozesse', scope), answer.rows, scope, [
      { key: 'count', heading: 'Abgeschlossene Teilprozesse', kind: 'count', value: (row) => row.count },
    ]);
    return { basis: answer.basis, qualityNotes: answer.dataQuality.notes, tables: [table], measures: ['count'], summary: summarize(table, 'count', 'Abgeschlossene Teilprozesse', scope) };
  },
};
export default subProcessCounts;
