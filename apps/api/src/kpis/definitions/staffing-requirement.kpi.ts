import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { staffingRequirement, type StaffingRequirementRow } from '@jugendamt/projections';
import type { Principal } from '../../access/role.js';
import { dataQuality, kpiAnswer, rate } from '../answer-schemas.js';
import type { NotedKpiAnswer } from '../kpi-answer.js';
import { KpiContext } from '../kpi-context.js';
import { asOfParam, periodParams, resolvePeriod, teamParam } from '../kpi-params.js';

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
export class StaffingRequirementQuery extends Query<Answer> {
  constructor(readonly caller: Principal, readonly params: z.output<typeof staffingRequirementParams>) {
    super();
  }
}

@QueryHandler(StaffingRequirementQuery)
export class StaffingRequirementHandler implements IQueryHandler<StaffingRequirementQuery> {
  constructor(private readonly kpis: KpiContext) {}

  async execute({ caller, params }: StaffingRequirementQuery): Promise<Answer> {
    const { team, ...query } = params;
    await this.kpis.checkTeam(caller.tenantId, team);
    const [rows, quality, basis] = await Promise.all([
      staffingRequirement(this.kpis.db, { ...query, tenantId: caller.tenantId }),
      this.kpis.quality(caller.tenantId, 'staffing-requirement', { ...query, team }),
      this.kpis.basis(caller.tenantId, query.asOf, { built: { 'sub-process-history': [], 'staff-history': [] }, current: ['staffing', 'process-times'] }),
    ]);
    return { kpi: 'staffing-requirement', parameters: { ...query, team }, basis, rows: rows.filter((row) => team === undefined || row.team === team), dataQuality: quality };
  }
}
