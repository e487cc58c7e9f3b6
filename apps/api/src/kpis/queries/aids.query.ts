import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import type { SettingShares } from '@jugendamt/domain';
import { AID_DIMENSIONS, aidCounts, type AidCountsRow } from '@jugendamt/projections';
import type { Principal } from '../../access/role.js';
import { ofTeam, withTeam, type KpiAnswer } from '../kpi-answer.js';
import { KpiContext } from '../kpi-context.js';
import { asOfParam, dimensionsParam, flagParam, periodParams, resolvePeriod, teamParam } from '../kpi-params.js';
import { settingSharesOf } from './setting-shares-of.js';

export const aidsFields = z.object({
  ...periodParams,
  by: dimensionsParam(AID_DIMENSIONS),
  team: teamParam,
  includeEducationalCounselling: flagParam.describe('Count § 28 (Erziehungsberatung) in the base of the shares.'),
  asOf: asOfParam,
});
export const aidsParams = aidsFields.transform(resolvePeriod);

type Answer = KpiAnswer<AidCountsRow> & { readonly shares: SettingShares };

/** KPIS.md 2: HzE aids running, begun and ended in a period, with the setting shares of the running ones. */
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
    const [rows, shares, basis] = await Promise.all([
      aidCounts(this.kpis.db, { ...query, by, tenantId }),
      settingSharesOf(this.kpis.db, { ...query, tenantId, team, includeEducationalCounselling }),
      this.kpis.basis(tenantId, query.asOf, { built: { 'aid-history': ['aid-types'] } }),
    ]);
    return { kpi: 'aids', parameters: { ...query, by, team, includeEducationalCounselling }, basis, rows: ofTeam(rows, team), shares };
  }
}
