import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import type { SettingShares } from '@jugendamt/domain';
import { AID_DIMENSIONS, aidCounts, type AidCountsRow } from '@jugendamt/projections';
import type { Principal } from '../../access/role.js';
import { dataQuality, groupOf, kpiAnswer, sharesOfAids } from '../answer-schemas.js';
import { ofTeam, withTeam, type NotedKpiAnswer } from '../kpi-answer.js';
import { KpiContext } from '../kpi-context.js';
import { asOfParam, dimensionsParam, flagParam, referenceDateParam, teamParam } from '../kpi-params.js';
import { settingSharesBy, type GroupShares } from './setting-shares-of.js';

export const aidStockFields = z.object({
  on: referenceDateParam,
  by: dimensionsParam(AID_DIMENSIONS),
  team: teamParam,
  includeEducationalCounselling: flagParam.describe('Count § 28 (Erziehungsberatung) in the base of the shares.'),
  asOf: asOfParam,
});

export interface StockRow {
  readonly group: AidCountsRow['group'];
  readonly stock: number;
}

type Answer = NotedKpiAnswer<StockRow> & {
  /** Of the office, or of the team drilled down to. */
  readonly shares: SettingShares;
  /** Of every group of the dimensions asked other than setting and paragraph (per team, per social area, …). */
  readonly sharesByGroup: readonly GroupShares[];
};

export const aidStockAnswer = kpiAnswer(
  'aid-stock',
  z.object({ group: groupOf(AID_DIMENSIONS), stock: z.number().int().describe('HzE aids running on the reference date.') }),
  { ...sharesOfAids, dataQuality },
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 2: the stock of HzE aids running on a reference date. */
export class AidStockQuery extends Query<Answer> {
  constructor(readonly caller: Principal, readonly params: z.output<typeof aidStockFields>) {
    super();
  }
}

@QueryHandler(AidStockQuery)
export class AidStockHandler implements IQueryHandler<AidStockQuery> {
  constructor(private readonly kpis: KpiContext) {}

  async execute({ caller, params }: AidStockQuery): Promise<Answer> {
    const { team, includeEducationalCounselling, on, asOf } = params;
    const { tenantId } = caller;
    await this.kpis.checkTeam(tenantId, team);
    const by = withTeam(params.by, team);
    const day = { from: on, to: on, asOf };
    const [rows, { shares, byGroup }, quality, basis] = await Promise.all([
      aidCounts(this.kpis.db, { ...day, by, tenantId }),
      settingSharesBy(this.kpis.db, { ...day, by, tenantId, team, includeEducationalCounselling }),
      this.kpis.quality(tenantId, 'aid-stock', { ...day, team }),
      this.kpis.basis(tenantId, asOf, { built: { 'aid-history': ['aid-types'] } }),
    ]);
    const stock = ofTeam(rows, team).map((row) => ({ group: row.group, stock: row.running }));
    return { kpi: 'aid-stock', parameters: { on, by, team, includeEducationalCounselling, asOf }, basis, rows: stock, shares, sharesByGroup: byGroup, dataQuality: quality };
  }
}
