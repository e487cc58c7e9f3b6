import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { returnRate, RETURN_RATE_DIMENSIONS, type ReturnRateRow } from '@jugendamt/projections';
import type { Principal } from '../../access/role.js';
import { ofTeam, withTeam, type KpiAnswer } from '../kpi-answer.js';
import { KpiContext } from '../kpi-context.js';
import { asOfParam, dimensionsParam, periodParams, resolvePeriod, teamParam } from '../kpi-params.js';

export const returnRateFields = z.object({ ...periodParams, by: dimensionsParam(RETURN_RATE_DIMENSIONS), team: teamParam, asOf: asOfParam });
export const returnRateParams = returnRateFields.transform(resolvePeriod);

type Answer = KpiAnswer<ReturnRateRow>;

/** KPIS.md 3: Rückführungsquote of stationary aids ended in the period, with where the young people live afterwards. */
export class ReturnRateQuery extends Query<Answer> {
  constructor(readonly caller: Principal, readonly params: z.output<typeof returnRateParams>) {
    super();
  }
}

@QueryHandler(ReturnRateQuery)
export class ReturnRateHandler implements IQueryHandler<ReturnRateQuery> {
  constructor(private readonly kpis: KpiContext) {}

  async execute({ caller, params }: ReturnRateQuery): Promise<Answer> {
    const { team, ...query } = params;
    await this.kpis.checkTeam(caller.tenantId, team);
    const by = withTeam(query.by, team);
    const [rows, basis] = await Promise.all([
      returnRate(this.kpis.db, { ...query, by, tenantId: caller.tenantId }),
      this.kpis.basis(caller.tenantId, query.asOf, { built: { 'aid-history': ['aid-types'] } }),
    ]);
    return { kpi: 'return-rate', parameters: { ...query, by, team }, basis, rows: ofTeam(rows, team) };
  }
}
