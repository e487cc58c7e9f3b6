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

/**
 * Every KPI, in the order the controller serves them, OpenAPI lists them and the annual report
 * shows their tables (the planners' sheets keep their numbers from year to year).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition takes its own parameters; a list of them can name no one type
export const KPIS: readonly KpiDefinition<any, unknown>[] = [
  aidsKpi,
  aidStockKpi,
  casesOfYearKpi,
  returnRateKpi,
  endingsKpi,
  subProcessCountsKpi,
  chronicleCountsKpi,
  staffingRequirementKpi,
  staffFluctuationKpi,
  caseloadKpi,
  costsKpi,
  usePerYoungInhabitantKpi,
  socialAreaBudgetsKpi,
  yearOverYearKpi,
];
