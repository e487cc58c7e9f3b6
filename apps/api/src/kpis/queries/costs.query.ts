import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { aidCounts, COST_DIMENSIONS, costs, type CostRow } from '@jugendamt/projections';
import type { Principal } from '../../access/role.js';
import { ofTeam, withTeam, type KpiAnswer } from '../kpi-answer.js';
import { KpiContext } from '../kpi-context.js';
import { asOfParam, dimensionsParam, granularityParam, periodParams, resolvePeriod, teamParam } from '../kpi-params.js';

export const costsFields = z.object({ ...periodParams, granularity: granularityParam, by: dimensionsParam(COST_DIMENSIONS), team: teamParam, asOf: asOfParam });
export const costsParams = costsFields.transform(resolvePeriod);

export interface CostPerAid {
  readonly paragraph: string | null;
  readonly grossCents: number;
  /** HzE aids of the paragraph running in the period. */
  readonly aids: number;
  /** Gross expenditure ÷ aids, in whole cents; null without aids. */
  readonly centsPerAid: number | null;
}

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
    const running = new Map(ofTeam(aids, team).map((row) => [row.group.paragraph ?? null, row.running]));
    const costPerAid = ofTeam(byParagraph, team).map((row) => {
      const paragraph = row.group.paragraph ?? null;
      const count = running.get(paragraph) ?? 0;
      return { paragraph, grossCents: row.grossCents, aids: count, centsPerAid: count === 0 ? null : Math.round(row.grossCents / count) };
    });
    return { kpi: 'costs', parameters: { ...query, by, team }, basis, rows: ofTeam(rows, team), costPerAid };
  }
}
