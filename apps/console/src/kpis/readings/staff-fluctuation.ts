import { api } from '../../api/client';
import type { KpiReading } from '../kpi-types';
import { captionOf, groupedTable, OFFICE, summarize } from '../tables';

/** KPI 4: fluctuation of the office (the row without a team) and of each team. */
const staffFluctuation: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/staff-fluctuation', { params: { query: scope.query } })).data!;
    const rows = answer.rows.map((row) => ({ ...row, group: { team: row.team } }));
    const table = groupedTable(
      'fluktuation',
      captionOf('Fluktuation', scope),
      rows,
      scope,
      [
        { key: 'averageHeadcount', heading: 'Ø Personal (Köpfe)', kind: 'count', digits: 2, value: (row) => row.averageHeadcount },
        { key: 'averageFte', heading: 'Ø Personal (VZÄ)', kind: 'fte', digits: 3, value: (row) => row.averageFte },
        { key: 'joiners', heading: 'Zugänge', kind: 'count', value: (row) => row.joiners },
        { key: 'leavers', heading: 'Abgänge', kind: 'count', value: (row) => row.leavers },
        { key: 'leaversFte', heading: 'Abgänge (VZÄ)', kind: 'fte', digits: 3, value: (row) => row.leaversFte },
        { key: 'rate', heading: 'Fluktuation (%)', kind: 'rate', value: (row) => row.rate },
        { key: 'rateFte', heading: 'Fluktuation VZÄ (%)', kind: 'rate', value: (row) => row.rateFte },
        { key: 'headcountAtEnd', heading: 'Köpfe am Ende', kind: 'count', value: (row) => row.headcountAtEnd },
        { key: 'fteAtEnd', heading: 'VZÄ am Ende', kind: 'fte', digits: 3, value: (row) => row.fteAtEnd },
      ],
      OFFICE,
    );
    return { basis: answer.basis, tables: [table], measures: ['rate'], summary: summarize(table, 'rate', 'Fluktuation', scope) };
  },
};
export default staffFluctuation;
