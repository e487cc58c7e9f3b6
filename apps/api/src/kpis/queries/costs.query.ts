import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { aidCounts, COST_DIMENSIONS, costPerAid, costs, type CostPerAid, type CostRow } from '@jugendamt/projections';
import type { Principal } from '../../access/role.js';
import { ofTeam, withTeam, type KpiAnswer } from '../kpi-answer.js';
import { KpiContext } from '../kpi-context.js';
import { asOfParam, dimensionsParam, granularityParam, periodParams, resolvePeriod, teamParam } from '../kpi-params.js';

export const costsFields = z.object({ ...periodParams, granularity: granularityParam, by: dimensionsParam(COST_DIMENSIONS), team: teamParam, asOf: asOfParam });
export const costsParams = costsFields.transform(resolvePeriod);

type Answer = KpiAnswer<CostRow> & { readonly costPerAid: readonly CostPerAid[] };

/** KPIS.md 7: gross expenditure, income and net from 14plus, and the cost per aid of each paragraph. */
export class CostsQuery extends Query<Answer> {
  constructor(readonly caller: Principal, readonly params: z.output<typeof costsParams>) {
    super();
  }
}

@QueryHandler(CostsQuery)
export class CostsHandler implements IQueryHandler<CostsQuery> {
  constructor(private readonly kpis: KpiContext) {}

  async execute({ caller, params }: CostsQuery): Promise<Answer> {
    const { team, ...query } = params;
    const { tenantId } = caller;
    await this.kpis.checkTeam(tenantId, team);
    const by = withTeam(query.by, team);
    const whole = { tenantId, from: query.from, to: query.to, asOf: query.asOf, by: withTeam(['paragraph'] as const, team) };
    const [rows, byParagraph, aids, basis] = await Promise.all([
      costs(this.kpis.db, { ...query, by, tenantId }),
      costs(this.kpis.db, { ...whole, granularity: 'total' }),
      aidCounts(this.kpis.db, whole),
      this.kpis.basis(tenantId, query.asOf, { built: { 'chronicle-history': ['aid-types'], 'aid-history': ['aid-types'] } }),
    ]);
    const perAid = costPerAid(ofTeam(byParagraph, team), ofTeam(aids, team));
    return { kpi: 'costs', parameters: { ...query, by, team }, basis, rows: ofTeam(rows, team), costPerAid: perAid };
  }
}
