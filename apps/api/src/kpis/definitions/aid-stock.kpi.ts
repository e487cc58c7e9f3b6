import { z } from 'zod';
import type { SettingShares } from '@jugendamt/domain';
import { AID_DIMENSIONS, aidCounts, type AidCountsRow } from '@jugendamt/projections';
import { dataQuality, groupOf, kpiAnswer, sharesOfAids } from '../answer-schemas.js';
import { ofTeam, withTeam, type NotedKpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, dimensionsParam, flagParam, referenceDateParam, teamParam } from '../kpi-params.js';
import { settingSharesBy, type GroupShares } from '../setting-shares-of.js';

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

export const aidStockAnswer = kpiAnswer('aid-stock', z.object({ group: groupOf(AID_DIMENSIONS), stock: z.number().int().describe('HzE aids running on the reference date.') }), {
  ...sharesOfAids,
  dataQuality,
}) satisfies z.ZodType<Answer>;

/** docs/kpis.md 2: the stock of HzE aids running on a reference date. */
export const aidStockKpi = defineKpi({
  route: 'aids/stock',
  method: 'aidStock',
  summary: 'Stock of aids on a reference date (KPI 2), with shares',
  answers: 'The stock by the dimensions asked, the setting shares of the office (or team) and of every group',
  fields: aidStockFields,
  params: aidStockFields,
  answer: aidStockAnswer,
  async compute(kpis, caller, params): Promise<Answer> {
    const { team, includeEducationalCounselling, on, asOf } = params;
    const { tenantId } = caller;
    await kpis.checkTeam(tenantId, team);
    const by = withTeam(params.by, team);
    const day = { from: on, to: on, asOf };
    const [rows, { shares, byGroup }, quality, basis] = await Promise.all([
      aidCounts(kpis.db, { ...day, by, tenantId }),
      settingSharesBy(kpis.db, { ...day, by, tenantId, team, includeEducationalCounselling }),
      kpis.quality(tenantId, 'aid-stock', { ...day, team }),
      kpis.basis(tenantId, asOf, { built: { 'aid-history': ['aid-types'] } }),
    ]);
    const stock = ofTeam(rows, team).map((row) => ({ group: row.group, stock: row.running }));
    return { kpi: 'aid-stock', parameters: { on, by, team, includeEducationalCounselling, asOf }, basis, rows: stock, shares, sharesByGroup: byGroup, dataQuality: quality };
  },
});
