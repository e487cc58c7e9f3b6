import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { staffFluctuation, type FluctuationRow } from '@jugendamt/projections';
import type { Principal } from '../../access/role.js';
import { kpiAnswer, rate } from '../answer-schemas.js';
import type { KpiAnswer } from '../kpi-answer.js';
import { KpiContext } from '../kpi-context.js';
import { asOfParam, periodParams, resolvePeriod, teamParam } from '../kpi-params.js';

export const staffFluctuationFields = z.object({ ...periodParams, team: teamParam, asOf: asOfParam });
export const staffFluctuationParams = staffFluctuationFields.transform(resolvePeriod);

type Answer = KpiAnswer<FluctuationRow>;

export const staffFluctuationAnswer = kpiAnswer(
  'staff-fluctuation',
  z.object({
    team: z.string().nullable().describe('The team; null: the whole office.'),
    averageHeadcount: z.number().describe("Mean headcount on the period's first day and each month's last day, two decimals."),
    averageFte: z.number().describe('Mean FTE on the same days, three decimals.'),
    leavers: z.number().int(),
    leaversFte: z.number(),
    joiners: z.number().int(),
    rate: rate('leavers ÷ average headcount × 100'),
    rateFte: rate("leavers' FTE ÷ average FTE × 100"),
    headcountAtEnd: z.number().int(),
    fteAtEnd: z.number(),
  }),
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 4: fluctuation of the office (team null) and of each team, in heads and FTE. */
export class StaffFluctuationQuery extends Query<Answer> {
  constructor(readonly caller: Principal, readonly params: z.output<typeof staffFluctuationParams>) {
    super();
  }
}

@QueryHandler(StaffFluctuationQuery)
export class StaffFluctuationHandler implements IQueryHandler<StaffFluctuationQuery> {
  constructor(private readonly kpis: KpiContext) {}

  async execute({ caller, params }: StaffFluctuationQuery): Promise<Answer> {
    const { team, ...query } = params;
    await this.kpis.checkTeam(caller.tenantId, team);
    const [rows, basis] = await Promise.all([
      staffFluctuation(this.kpis.db, { ...query, tenantId: caller.tenantId }),
      this.kpis.basis(caller.tenantId, query.asOf, { built: { 'staff-history': [] }, current: ['staffing'] }),
    ]);
    return { kpi: 'staff-fluctuation', parameters: { ...query, team }, basis, rows: rows.filter((row) => team === undefined || row.team === null || row.team === team) };
  }
}
