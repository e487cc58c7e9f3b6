import { socialAreaBudgets, type BudgetFigures } from '@jugendamt/projections';
import { OFFICE_TOTAL } from '../office-total.js';
import type { ReportTable } from '../report-table.js';
import type { ReportScope } from './report-scope.js';

/** The social areas' entries linked to no case: spending without a budget. */
const NO_SOCIAL_AREA = 'ohne Sozialraum';

const euros = (cents: number | null) => (cents === null ? null : cents / 100);

function figures(f: BudgetFigures) {
  return { budget: euros(f.budgetCents), spent: euros(f.spentCents), utilisation: f.utilisation, forecast: euros(f.forecastCents), deviation: euros(f.forecastDeviationCents) };
}

/** docs/kpis.md 10: each social area's budget of the year against its net spending and the linear forecast. */
export async function budgetTables(scope: ReportScope): Promise<ReportTable[]> {
  const budgets = await socialAreaBudgets(scope.db, { tenantId: scope.tenantId, asOf: scope.asOf, year: Number(scope.from.slice(0, 4)) });
  return [
    {
      id: 'sozialraumbudgets',
      title: 'Sozialraumbudgets',
      level: 'office',
      columns: [
        { key: 'row', heading: 'Sozialraum', kind: 'text' },
        { key: 'budget', heading: 'Budget (€)', kind: 'euro' },
        { key: 'spent', heading: 'Netto verausgabt (€)', kind: 'euro' },
        { key: 'utilisation', heading: 'Ausschöpfung (%)', kind: 'rate' },
        { key: 'forecast', heading: 'Hochrechnung (€)', kind: 'euro' },
        { key: 'deviation', heading: 'Abweichung Hochrechnung (€)', kind: 'euro' },
      ],
      rows: [{ row: OFFICE_TOTAL, ...figures(budgets.office) }, ...budgets.areas.map((area) => ({ row: area.socialArea ?? NO_SOCIAL_AREA, ...figures(area) }))],
    },
  ];
}
