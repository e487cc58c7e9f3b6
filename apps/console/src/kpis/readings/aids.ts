import { api } from '../../api/client';
import type { KpiReading } from '../kpi-types';
import { captionOf, groupedTable, summarize } from '../tables';
import { sharesTable } from '../setting-shares';

/** KPI 2: aids running, begun and ended in a period, and the setting shares. */
const aids: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/aids', { params: { query: scope.query } })).data!;
    const table = groupedTable('hilfen', captionOf('Hilfen zur Erziehung', scope), answer.rows, scope, [
      { key: 'running', heading: 'Laufende Hilfen (Summe)', kind: 'count', value: (row) => row.running },
      { key: 'begun', heading: 'davon begonnen', kind: 'count', value: (row) => row.begun },
      { key: 'ended', heading: 'davon beendet', kind: 'count', value: (row) => row.ended },
    ]);
    return {
      basis: answer.basis,
      qualityNotes: answer.dataQuality.notes,
      tables: [table, sharesTable(answer.sharesByGroup, scope, 'laufende Hilfen')],
      measures: ['running', 'begun', 'ended'],
      summary: summarize(table, 'running', 'Laufende Hilfen zur Erziehung', scope),
    };
  },
};
export default aids;
