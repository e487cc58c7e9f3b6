import { api } from '../../api/client';
import type { KpiReading } from '../kpi-types';
import { captionOf, groupedTable, summarize } from '../tables';

/** KPI 1, 14plus: chronicle entries by Sachgebiet and Eintragsart. */
const chronicleCounts: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/chronicle-counts', { params: { query: scope.query } })).data!;
    // The route's rows are always by Sachgebiet × Eintragsart: named here, not by a `by=`.
    const rows = answer.rows.map((row) => ({ ...row, group: { Sachgebiet: row.group.unit, Eintragsart: row.group.entryType } }));
    const table = groupedTable('14plus-vorgaenge', captionOf('14plus-Einträge', scope), rows, scope, [{ key: 'count', heading: 'Einträge', kind: 'count', value: (row) => row.count }]);
    return { basis: answer.basis, tables: [table], measures: ['count'], summary: summarize(table, 'count', '14plus-Einträge', scope) };
  },
};
export default chronicleCounts;
