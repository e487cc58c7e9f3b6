import { z } from 'zod';
import { staffingRequirement, type StaffingRequirementRow } from '@jugendamt/projections';
import { dataQuality, kpiAnswer, rate } from '../answer-schemas.js';
import type { NotedKpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, periodParams, resolvePeriod, teamParam } from '../kpi-params.js';
import { staffingRequirementTables } from '../../reports/tables/process-tables.js';

export const staffingRequirementFields = z.object({ ...periodParams, team: teamParam, asOf: asOfParam });
export const staffingRequirementParams = staffingRequirementFields.transform(resolvePeriod);

type Answer = NotedKpiAnswer<StaffingRequirementRow>;

export const staffingRequirementAnswer = kpiAnswer(
  'staffing-requirement',
  z.object({
    team: z.string(),
    processMinutes: z.number().describe('Σ count × minutes of the codes with a process time.'),
    requiredFte: z.number().describe('Required FTE, two decimals.'),
    averageFte: z.number().describe('Average case-worker FTE over the period, three decimals.'),
    coverage: rate('Average FTE ÷ required FTE × 100, of the unrounded values'),
    withoutProcessTime: z.array(z.object({ code: z.string(), count: z.number().int() })).describe('Completed sub-processes whose code has no process time.'),
  }),
  { dataQuality },
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 6: Personalbedarf per team from process counts × process times, and its coverage. */
export const staffingRequirementKpi = defineKpi({
  route: 'staffing-requirement',
  method: 'staffingRequirement',
  summary: 'Personalbedarf (KPI 6) per team, with coverage',
  answers: 'Required and actual FTE of each team, and the coverage',
  fields: staffingRequirementFields,
  params: staffingRequirementParams,
  answer: staffingRequirementAnswer,
  reportTables: staffingRequirementTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const { team, ...query } = params;
    await kpis.checkTeam(caller.tenantId, team);
    const [rows, quality, basis] = await Promise.all([
      staffingRequirement(kpis.db, { ...query, tenantId: caller.tenantId }),
      kpis.quality(caller.tenantId, 'staffing-requirement', { ...query, team }),
      kpis.basis(caller.tenantId, query.asOf, { built: { 'sub-process-history': [], 'staff-history': [] }, current: ['staffing', 'process-times'] }),
    ]);
    return { kpi: 'staffing-requirement', parameters: { ...query, team }, basis, rows: rows.filter((row) => team === undefined || row.team === team), dataQuality: quality };
  },
});
