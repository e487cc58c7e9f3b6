import { api } from '../../api/client';
import type { KpiReading } from '../kpi-types';
import { captionOf, groupedTable, summarize } from '../tables';

/** KPI 6: required FTE from the counted processes, the actual FTE and the coverage per team. */
const staffingRequirement: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/staffing-requirement', { params: { query: scope.query } })).data!;
    const rows = answer.rows.map((row) => ({ ...row, group: { team: row.team } }));
    const table = groupedTable('personalbedarf', captionOf('Personalbedarf', scope), rows, scope, [
      { key: 'processMinutes', heading: 'Prozesszeit (Minuten)', kind: 'minutes', value: (row) => row.processMinutes },
      { key: 'requiredFte', heading: 'Bedarf (VZÄ)', kind: 'fte', digits: 2, value: (row) => row.requiredFte },
      { key: 'averageFte', heading: 'Ø Fachkräfte (VZÄ)', kind: 'fte', digits: 3, value: (row) => row.averageFte },
      { key: 'coverage', heading: 'Deckung (%)', kind: 'rate', value: (row) => row.coverage },
      // A code without a process time is not silently counted as 0 minutes (docs/kpis.md 6): it is named.
      {
        key: 'withoutProcessTime',
        heading: 'Teilprozesse ohne Prozesszeit',
        kind: 'text',
        value: (row) => row.withoutProcessTime.map(({ code, count }) => `${code}: ${count}`).join(', ') || null,
      },
    ]);
    return {
      basis: answer.basis,
      qualityNotes: answer.dataQuality.notes,
      tables: [table],
      measures: ['requiredFte', 'averageFte'],
      summary: summarize(table, 'coverage', 'Deckung des Personalbedarfs', scope),
    };
  },
};
export default staffingRequirement;
