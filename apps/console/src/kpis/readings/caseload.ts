import { api } from '../../api/client';
import type { KpiReading } from '../kpi-types';
import { captionOf, groupedTable, summarize } from '../tables';

/** KPI 5: aids per case-worker FTE of each team on a reference day. */
const caseload: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/caseload', { params: { query: scope.query } })).data!;
    const rows = answer.rows.map((row) => ({ ...row, group: { team: row.team } }));
    const table = groupedTable('fachkraft-fall-relation', captionOf('Fachkraft-Fall-Relation', scope), rows, scope, [
      { key: 'aids', heading: 'Laufende Hilfen', kind: 'count', value: (row) => row.aids },
      { key: 'caseWorkerFte', heading: 'Fachkräfte (VZÄ)', kind: 'fte', digits: 3, value: (row) => row.caseWorkerFte },
      { key: 'aidsPerFte', heading: 'Hilfen je VZÄ', kind: 'ratio', digits: 1, value: (row) => row.aidsPerFte },
      { key: 'ratio', heading: 'Relation', kind: 'text', value: (row) => row.ratio },
    ]);
    return {
      basis: answer.basis,
      qualityNotes: answer.dataQuality.notes,
      tables: [table],
      measures: ['aidsPerFte'],
      summary: summarize(table, 'aidsPerFte', 'Hilfen je Fachkraft-Vollzeitstelle', scope),
    };
  },
};
export default caseload;
