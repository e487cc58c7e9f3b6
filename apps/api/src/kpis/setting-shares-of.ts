import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { settingShares, type SettingShares } from '@jugendamt/domain';
import { aidCounts, type AidCountsRow, type AidDimension } from '@jugendamt/projections';
import { ofTeam } from './kpi-answer.js';

/** The setting shares of one group of aids: its values of the dimensions asked, other than setting and paragraph. */
export interface GroupShares extends SettingShares {
  readonly group: AidCountsRow['group'];
}

interface SharesQuery {
  readonly tenantId: string;
  readonly from: string;
  readonly to: string;
  readonly asOf: Date | undefined;
  readonly team: string | undefined;
  readonly includeEducationalCounselling: boolean;
}

/** Setting and paragraph are what the shares are made of: the groups are those of the other dimensions. */
const groupDimensions = (by: readonly AidDimension[]) => by.filter((d) => d !== 'setting' && d !== 'paragraph');

/** By the dimensions in order, as a reader looks them up; a group without a value (no social area known) last. */
function compareGroups(dimensions: readonly AidDimension[], a: AidCountsRow['group'], b: AidCountsRow['group']): number {
  for (const d of dimensions) {
    const [x, y] = [a[d] ?? null, b[d] ?? null];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x.localeCompare(y, 'de', { numeric: true });
  }
  return 0;
}

/**
 * docs/kpis.md 2: the setting shares of the aids running in a period (a day: the stock), for the
 * office or a team, and for every group the dimensions asked make (per team, per social area,
 * …; docs/kpis.md Clarifications). One query: the office's shares are its groups' counts together.
 */
export async function settingSharesBy(db: Kysely<Database>, query: SharesQuery & { readonly by: readonly AidDimension[] }): Promise<{ shares: SettingShares; byGroup: GroupShares[] }> {
  const groups = groupDimensions(query.team === undefined || query.by.includes('team') ? query.by : [...query.by, 'team']);
  const rows = ofTeam(await aidCounts(db, { tenantId: query.tenantId, from: query.from, to: query.to, asOf: query.asOf, by: [...groups, 'setting', 'paragraph'] }), query.team);
  const sharesOf = (of: readonly AidCountsRow[]) =>
    settingShares(
      of.map((row) => ({ setting: row.group.setting ?? null, paragraph: row.group.paragraph ?? null, count: row.running })),
      query.includeEducationalCounselling,
    );
  const rowsOfGroup = new Map<string, { group: AidCountsRow['group']; rows: AidCountsRow[] }>();
  for (const row of rows) {
    const group = Object.fromEntries(groups.map((d) => [d, row.group[d] ?? null]));
    const key = JSON.stringify(groups.map((d) => group[d]));
    const entry = rowsOfGroup.get(key) ?? { group, rows: [] as AidCountsRow[] };
    entry.rows.push(row);
    rowsOfGroup.set(key, entry);
  }
  const byGroup = [...rowsOfGroup.values()].map(({ group, rows: ofGroup }) => ({ group, ...sharesOf(ofGroup) })).sort((a, b) => compareGroups(groups, a.group, b.group));
  return { shares: sharesOf(rows), byGroup };
}

/** docs/kpis.md 2: the setting shares of the aids running in a period (a day: the stock), for the office or a team. */
export async function settingSharesOf(db: Kysely<Database>, query: SharesQuery): Promise<SettingShares> {
  return (await settingSharesBy(db, { ...query, by: [] })).shares;
}
