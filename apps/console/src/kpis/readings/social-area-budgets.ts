import { api } from '../../api/client';
import type { KpiReading } from '../kpi-types';
import { captionOf, groupedTable, OFFICE, summarize } from '../tables';

const euros = (cents: number | null) => (cents === null ? null : cents / 100);

/** KPI 10: each social area's budget against its net spending and the linear forecast, and the office's. */
const socialAreaBudgets: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/social-area-budgets', { params: { query: { ...scope.query, year: scope.query.year! } } })).data!;
    const office = { ...answer.office, socialArea: OFFICE };
    const rows = [office, ...answer.rows].map((row) => ({ ...row, group: { socialArea: row.socialArea } }));
    const byArea = { ...scope, query: { ...scope.query, by: 'socialArea' } };
    const table = groupedTable(
      'sozialraumbudgets',
      captionOf('Sozialraumbudgets', scope),
      rows,
      byArea,
      [
        { key: 'budget', heading: 'Budget', kind: 'euro', value: (row) => euros(row.budgetCents) },
        { key: 'spent', heading: 'Netto verausgabt', kind: 'euro', value: (row) => euros(row.spentCents) },
        { key: 'utilisation', heading: 'Ausschöpfung (%)', kind: 'rate', value: (row) => row.utilisation },
        { key: 'forecast', heading: 'Hochrechnung', kind: 'euro', value: (row) => euros(row.forecastCents) },
        { key: 'deviation', heading: 'Abweichung zum Budget', kind: 'euro', value: (row) => euros(row.forecastDeviationCents) },
        { key: 'months', heading: 'Abgeschlossene Monate', kind: 'count', value: (row) => row.completeMonths },
      ],
      'ohne Sozialraum',
    );
    return { basis: answer.basis, qualityNotes: answer.dataQuality.notes, tables: [table], measures: ['spent', 'budget'], summary: summarize(table, 'utilisation', 'Ausschöpfung der Budgets', scope) };
  },
};
export default socialAreaBudgets;
