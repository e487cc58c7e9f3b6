import { api } from '../../api/client';
import type { KpiReading, KpiScope } from '../kpi-types';
import { captionOf, groupedTable, summarize } from '../tables';

const euros = (cents: number) => cents / 100;

/** KPI 7: gross, income and net from 14plus, and the cost per aid of each HzE paragraph. */
const costs: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/costs', { params: { query: scope.query } })).data!;
    const table = groupedTable(
      'kosten',
      captionOf('Kosten', scope),
      answer.rows,
      scope,
      [
        { key: 'gross', heading: 'Ausgaben brutto', kind: 'euro', value: (row) => euros(row.grossCents) },
        { key: 'income', heading: 'Einnahmen', kind: 'euro', value: (row) => euros(row.incomeCents) },
        { key: 'net', heading: 'Nettoausgaben', kind: 'euro', value: (row) => euros(row.netCents) },
      ],
      // The API leaves the team empty for entries linked to no case, the paragraph for entries without one.
      'ohne Fallbezug',
    );
    return {
      basis: answer.basis,
      qualityNotes: answer.dataQuality.notes,
      tables: [table, costPerAid(answer.costPerAid, scope)],
      measures: ['net'],
      summary: summarize(table, 'net', 'Nettoausgaben', scope),
    };
  },
};
export default costs;

function costPerAid(rows: readonly { paragraph: string | null; grossCents: number; aids: number; centsPerAid: number }[], scope: KpiScope) {
  // Cost per aid is by paragraph whatever `by=` asked: its own group, not the page's.
  const byParagraph = { ...scope, query: { ...scope.query, by: 'paragraph' } };
  return groupedTable(
    'kosten-je-hilfe',
    captionOf('Kosten je Hilfe', scope),
    rows.map((row) => ({ ...row, group: { paragraph: row.paragraph } })),
    byParagraph,
    [
      { key: 'gross', heading: 'Ausgaben brutto', kind: 'euro', value: (row) => euros(row.grossCents) },
      { key: 'aids', heading: 'Laufende Hilfen', kind: 'count', value: (row) => row.aids },
      { key: 'perAid', heading: 'Kosten je Hilfe', kind: 'euro', value: (row) => euros(row.centsPerAid) },
    ],
  );
}
