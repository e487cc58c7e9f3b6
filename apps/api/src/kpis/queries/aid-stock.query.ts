import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import type { SettingShares } from '@jugendamt/domain';
import { AID_DIMENSIONS, aidCounts, type AidCountsRow } from '@jugendamt/projections';
import type { Principal } from '../../access/role.js';
import { ofTeam, withTeam, type KpiAnswer } from '../kpi-answer.js';
import { KpiContext } from '../kpi-context.js';
import { asOfParam, dimensionsParam, flagParam, referenceDateParam, teamParam } from '../kpi-params.js';
import { settingSharesOf } from './setting-shares-of.js';

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

type Answer = KpiAnswer<StockRow> & { readonly shares: SettingShares };

/** KPIS.md 2: the stock of HzE aids running on a reference date. */
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
    const [rows, shares, basis] = await Promise.all([
      aidCounts(this.kpis.db, { ...day, by, tenantId }),
      settingSharesOf(this.kpis.db, { ...day, tenantId, team, includeEducationalCounselling }),
      this.kpis.basis(tenantId, asOf, { built: { 'aid-history': ['aid-types'] } }),
    ]);
    const stock = ofTeam(rows, team).map((row) => ({ group: row.group, stock: row.running }));
    return { kpi: 'aid-stock', parameters: { on, by, team, includeEducationalCounselling, asOf }, basis, rows: stock, shares };
  }
}
