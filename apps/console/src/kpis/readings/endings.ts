import { api } from '../../api/client';
import type { KpiReading } from '../kpi-types';
import { captionOf, distributionTable, groupedTable, groupName, summarize } from '../tables';

/** KPI 8: durations, planned-ending and breakdown rates with their counts, and the reasons of ending. */
const endings: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/endings', { params: { query: scope.query } })).data!;
    const table = groupedTable('beendigungen', captionOf('Beendete Hilfen', scope), answer.rows, scope, [
      { key: 'ended', heading: 'Beendet', kind: 'count', value: (row) => row.ended },
      { key: 'meanDays', heading: 'Ø Dauer (Tage)', kind: 'days', value: (row) => row.meanDays },
      { key: 'medianDays', heading: 'Median (Tage)', kind: 'days', value: (row) => row.medianDays },
      { key: 'base', heading: 'Basis der Quoten', kind: 'count', value: (row) => row.base },
      { key: 'planned', heading: 'gemäß Hilfeplan', kind: 'count', value: (row) => row.planned },
      { key: 'breakdown', heading: 'abweichend (Abbruch)', kind: 'count', value: (row) => row.breakdown },
      { key: 'plannedEndingRate', heading: 'Quote gemäß Hilfeplan (%)', kind: 'rate', value: (row) => row.plannedEndingRate },
      { key: 'breakdownRate', heading: 'Abbruchquote (%)', kind: 'rate', value: (row) => row.breakdownRate },
    ]);
    const reasons = distributionTable(
      'beendigungsgruende',
      captionOf('Beendigungsgründe', scope),
      'Beendigungsgrund',
      answer.rows.map((row, index) => ({ label: groupName(table, table.rows[index]!), counts: row.reasons })),
    );
    return {
      basis: answer.basis,
      qualityNotes: answer.dataQuality.notes,
      tables: [table, reasons],
      measures: ['plannedEndingRate', 'breakdownRate'],
      summary: summarize(table, 'breakdownRate', 'Abbruchquote', scope),
    };
  },
};
export default endings;
