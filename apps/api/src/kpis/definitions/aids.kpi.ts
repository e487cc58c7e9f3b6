import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import type { SettingShares } from '@jugendamt/domain';
import { AID_DIMENSIONS, aidCounts, type AidCountsRow } from '@jugendamt/projections';
import type { Principal } from '../../access/role.js';
import { dataQuality, groupOf, kpiAnswer, sharesOfAids } from '../answer-schemas.js';
import { ofTeam, withTeam, type NotedKpiAnswer } from '../kpi-answer.js';
import { KpiContext } from '../kpi-context.js';
import { asOfParam, dimensionsParam, flagParam, periodParams, resolvePeriod, teamParam } from '../kpi-params.js';
import { settingSharesBy, type GroupShares } from './setting-shares-of.js';

export const aidsFields = z.object({
  ...periodParams,
  by: dimensionsParam(AID_DIMENSIONS),
  team: teamParam,
  includeEducationalCounselling: flagParam.describe('Count § 28 (Erziehungsberatung) in the base of the shares.'),
  asOf: asOfParam,
});
export const aidsParams = aidsFields.transform(resolvePeriod);

type Answer = NotedKpiAnswer<AidCountsRow> & {
  /** Of the office, or of the team drilled down to. */
  readonly shares: SettingShares;
  /** Of every group of the dimensions asked other than setting and paragraph (per team, per social area, …). */
  readonly sharesByGroup: readonly GroupShares[];
};

export const aidsAnswer = kpiAnswer(
  'aids',
  z.object({
    group: groupOf(AID_DIMENSIONS),
    running: z.number().int().describe('HzE aids running in the period (Summe der Hilfen).'),
    begun: z.number().int().describe('Of them, begun in the period.'),
    ended: z.number().int().describe('Of them, ended in the period.'),
  }),
  { ...sharesOfAids, dataQuality },
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 2: HzE aids running, begun and ended in a period, with the setting shares of the running ones. */
export class AidsQuery extends Query<Answer> {
  constructor(readonly caller: Principal, readonly params: z.output<typeof aidsParams>) {
    super();
  }
}

@QueryHandler(AidsQuery)
export class AidsHandler implements IQueryHandler<AidsQuery> {
  constructor(private readonly kpis: KpiContext) {}

  async execute({ caller, params }: AidsQuery): Promise<Answer> {
    const { team, includeEducationalCounselling, ...query } = params;
    const { tenantId } = caller;
    await this.kpis.checkTeam(tenantId, team);
    const by = withTeam(query.by, team);
    const [rows, { shares, byGroup }, quality, basis] = await Promise.all([
      aidCounts(this.kpis.db, { ...query, by, tenantId }),
      settingSharesBy(this.kpis.db, { ...query, by, tenantId, team, includeEducationalCounselling }),
      this.kpis.quality(tenantId, 'aids', { ...query, team }),
      this.kpis.basis(tenantId, query.asOf, { built: { 'aid-history': ['aid-types'] } }),
    ]);
    return { kpi: 'aids', parameters: { ...query, by, team, includeEducationalCounselling }, basis, rows: ofTeam(rows, team), shares, sharesByGroup: byGroup, dataQuality: quality };
  }
}
