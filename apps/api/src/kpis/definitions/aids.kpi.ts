import { z } from 'zod';
import type { SettingShares } from '@jugendamt/domain';
import { AID_DIMENSIONS, aidCounts, type AidCountsRow } from '@jugendamt/projections';
import { dataQuality, groupOf, kpiAnswer, sharesOfAids } from '../answer-schemas.js';
import { ofTeam, withTeam, type NotedKpiAnswer } from '../kpi-answer.js';
import { defineKpi } from '../kpi-definition.js';
import { asOfParam, dimensionsParam, flagParam, periodParams, resolvePeriod, teamParam } from '../kpi-params.js';
import { settingSharesBy, type GroupShares } from '../setting-shares-of.js';
import { aidsTables } from '../../reports/tables/aid-tables.js';

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
export const aidsKpi = defineKpi({
  route: 'aids',
  method: 'aids',
  summary: 'Hilfen nach Leistungsform (KPI 2): aids running, begun and ended in a period, with shares',
  answers: 'Aids by the dimensions asked, the setting shares of the office (or team) and of every group',
  fields: aidsFields,
  params: aidsParams,
  answer: aidsAnswer,
  reportTables: aidsTables,
  async compute(kpis, caller, params): Promise<Answer> {
    const { team, includeEducationalCounselling, ...query } = params;
    const { tenantId } = caller;
    await kpis.checkTeam(tenantId, team);
    const by = withTeam(query.by, team);
    const [rows, { shares, byGroup }, quality, basis] = await Promise.all([
      aidCounts(kpis.db, { ...query, by, tenantId }),
      settingSharesBy(kpis.db, { ...query, by, tenantId, team, includeEducationalCounselling }),
      kpis.quality(tenantId, 'aids', { ...query, team }),
      kpis.basis(tenantId, query.asOf, { built: { 'aid-history': ['aid-types'] } }),
    ]);
    return { kpi: 'aids', parameters: { ...query, by, team, includeEducationalCounselling }, basis, rows: ofTeam(rows, team), shares, sharesByGroup: byGroup, dataQuality: quality };
  },
});
