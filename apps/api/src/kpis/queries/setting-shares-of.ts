import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { settingShares, type SettingShares } from '@jugendamt/domain';
import { aidCounts } from '@jugendamt/projections';
import { ofTeam } from '../kpi-answer.js';

/** KPIS.md 2: the setting shares of the aids running in a period (a day: the stock), for the office or a team. */
export async function settingSharesOf(
  db: Kysely<Database>,
  query: { tenantId: string; from: string; to: string; asOf: Date | undefined; team: string | undefined; includeEducationalCounselling: boolean },
): Promise<SettingShares> {
  const by = query.team === undefined ? (['setting', 'paragraph'] as const) : (['setting', 'paragraph', 'team'] as const);
  const rows = ofTeam(await aidCounts(db, { tenantId: query.tenantId, from: query.from, to: query.to, asOf: query.asOf, by }), query.team);
  return settingShares(
    rows.map((row) => ({ setting: row.group.setting ?? null, paragraph: row.group.paragraph ?? null, count: row.running })),
    query.includeEducationalCounselling,
  );
}
