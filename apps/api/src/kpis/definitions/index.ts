import type { KpiDefinition } from '../kpi-definition.js';
import { subProcessCountsKpi } from './sub-process-counts.kpi.js';
import { chronicleCountsKpi } from './chronicle-counts.kpi.js';
import { aidsKpi } from './aids.kpi.js';
import { aidStockKpi } from './aid-stock.kpi.js';
import { casesOfYearKpi } from './cases-of-year.kpi.js';
import { returnRateKpi } from './return-rate.kpi.js';
import { staffFluctuationKpi } from './staff-fluctuation.kpi.js';
import { caseloadKpi } from './caseload.kpi.js';
import { staffingRequirementKpi } from './staffing-requirement.kpi.js';
import { costsKpi } from './costs.kpi.js';
import { endingsKpi } from './endings.kpi.js';
import { socialAreaBudgetsKpi } from './social-area-budgets.kpi.js';
import { usePerYoungInhabitantKpi } from './use-per-young-inhabitant.kpi.js';
import { yearOverYearKpi } from './year-over-year.kpi.js';

/** Every KPI route, in the order the controller serves them and OpenAPI lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition takes its own parameters; a list of them can name no one type
export const KPIS: readonly KpiDefinition<any, unknown>[] = [
  subProcessCountsKpi,
  chronicleCountsKpi,
  aidsKpi,
  aidStockKpi,
  casesOfYearKpi,
  returnRateKpi,
  staffFluctuationKpi,
  caseloadKpi,
  staffingRequirementKpi,
  costsKpi,
  endingsKpi,
  socialAreaBudgetsKpi,
  usePerYoungInhabitantKpi,
  yearOverYearKpi,
];
