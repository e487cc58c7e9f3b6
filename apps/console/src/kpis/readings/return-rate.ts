import { api } from '../../api/client';
import type { KpiReading } from '../kpi-types';
import { captionOf, distributionTable, groupedTable, groupName, summarize } from '../tables';

/** KPI 3: the return rate with its numerator and denominator, and where the children lived after the aid. */
const returnRate: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/return-rate', { params: { query: scope.query } })).data!;
    const table = groupedTable('rueckfuehrungsquote', captionOf('Rückführungsquote', scope), answer.rows, scope, [
      { key: 'denominator', heading: 'Beendete stationäre Hilfen', kind: 'count', value: (row) => row.denominator },
      { key: 'numerator', heading: 'davon im Haushalt der Eltern', kind: 'count', value: (row) => row.numerator },
      { key: 'rate', heading: 'Rückführungsquote (%)', kind: 'rate', value: (row) => row.rate },
    ]);
    const residences = distributionTable(
      'aufenthalt',
      captionOf('Aufenthalt nach Hilfeende', scope),
      'Aufenthalt nach Hilfeende',
      answer.rows.map((row, index) => ({ label: groupName(table, table.rows[index]!), counts: row.residences })),
    );
    return { basis: answer.basis, qualityNotes: answer.dataQuality.notes, tables: [table, residences], measures: ['rate'], summary: summarize(table, 'rate', 'Rückführungsquote', scope) };
  },
};
export default returnRate;
