import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { percent, round } from '@jugendamt/domain';
import { loadCatalogue } from '../catalogues/catalogue-store.js';
import type { KpiScope } from '../kpis/kpi-query.js';
import type { FindingCounts } from './checked-records.js';
import { monthPictures } from './month-pictures.js';
import { QUALITY_RECORD_KINDS, type PlausibilityRuleId, type PlausibilityRulesCatalogue, type QualityRecordKind } from './plausibility-catalogue.js';
import { monthBefore, monthsFrom, monthWindow } from './quality-months.js';
import { activeRulesOn, type CheckInputs } from './rule-checks.js';

/** How many months before a month its trend compares with. */
export const TREND_MONTHS = 3;

export interface InputQualityQuery extends KpiScope {
  /** Months as `YYYY-MM`, both inclusive. */
  readonly from: string;
  readonly to: string;
  /** One team only; the office's figures stay those of all teams. */
  readonly team?: string | undefined;
}

/** One month's picture of a team or the office (docs/data-quality.md). */
export interface QualityMonth {
  readonly month: string;
  /** When the month's records were read: its end, or asOf if earlier (ISO timestamp); null: as known now. */
  readonly knownAt: string | null;
  readonly checked: number;
  readonly checkedByKind: Readonly<Record<QualityRecordKind, number>>;
  /** Records hit by at least one active rule. */
  readonly affected: number;
  /** affected ÷ checked × 100, one decimal; null with nothing checked. */
  readonly share: number | null;
  readonly findings: Readonly<Partial<Record<PlausibilityRuleId, number>>>;
  /** share − the month before's, in percentage points; null where either has none. */
  readonly shareChange: number | null;
  /** The mean share of the up to three months before (those with records), one decimal; null: none. */
  readonly shareBefore: number | null;
}

export interface TeamQuality {
  /** null: ohne Team, payments whose Aktenzeichen matches no case. */
  readonly team: string | null;
  readonly months: readonly QualityMonth[];
}

export interface InputQuality {
  readonly from: string;
  readonly to: string;
  readonly rulesVersion: number;
  readonly rules: PlausibilityRulesCatalogue['rules'];
  readonly office: readonly QualityMonth[];
  readonly teams: readonly TeamQuality[];
}

/** What the checks read besides the records: the rules and the aid types of the current catalogues. */
export async function checkInputs(db: Kysely<Database>, tenantId: string): Promise<CheckInputs & { rulesVersion: number; aidTypesVersion: number }> {
  const [rules, aidTypes] = await Promise.all([loadCatalogue(db, tenantId, 'plausibility-rules'), loadCatalogue(db, tenantId, 'aid-types')]);
  return { rules: rules.content, rulesVersion: rules.version, cataloguedAidTypes: Object.keys(aidTypes.content.entries), aidTypesVersion: aidTypes.version };
}

interface Tally {
  checkedByKind: Record<QualityRecordKind, number>;
  affected: number;
  findings: Partial<Record<PlausibilityRuleId, number>>;
}

function emptyTally(active: readonly PlausibilityRuleId[]): Tally {
  return { checkedByKind: { aids: 0, 'sub-processes': 0, payments: 0 }, affected: 0, findings: Object.fromEntries(active.map((id) => [id, 0])) };
}

function addTo(tally: Tally, counts: FindingCounts): void {
  tally.checkedByKind[counts.kind] += counts.checked;
  tally.affected += counts.affected;
  for (const [id, n] of Object.entries(counts.findings)) tally.findings[id as PlausibilityRuleId] = (tally.findings[id as PlausibilityRuleId] ?? 0) + n;
}

/** The months of a series with their trend; the lead months only serve the trend. */
function series(months: readonly string[], lead: number, tallies: ReadonlyMap<string, Tally>, knownAt: ReadonlyMap<string, string | null>, active: readonly PlausibilityRuleId[]): QualityMonth[] {
  const shares = months.map((month) => {
    const tally = tallies.get(month) ?? emptyTally(active);
    const checked = Object.values(tally.checkedByKind).reduce((n, c) => n + c, 0);
    return { month, tally, checked, share: percent(tally.affected, checked) };
  });
  return shares.slice(lead).map(({ month, tally, checked, share }, i) => {
    const at = i + lead;
    const previous = at > 0 ? shares[at - 1]!.share : null;
    const before = shares
      .slice(Math.max(0, at - TREND_MONTHS), at)
      .map((s) => s.share)
      .filter((s): s is number => s !== null);
    return {
      month,
      knownAt: knownAt.get(month) ?? null,
      checked,
      checkedByKind: tally.checkedByKind,
      affected: tally.affected,
      share,
      findings: tally.findings,
      shareChange: share !== null && previous !== null ? round(share - previous, 1) : null,
      shareBefore: before.length ? round(before.reduce((n, s) => n + s, 0) / before.length, 1) : null,
    };
  });
}

/**
 * When every source delivered had its first export applied (by `asOf`): the initial load, whose
 * exports of one night come minutes apart (WebFM at 02:15, 14plus at 02:30). Null: none yet.
 */
async function firstObservation(db: Kysely<Database>, query: KpiScope): Promise<Date | null> {
  const { rows } = await sql<{ first: Date | null }>`
    SELECT max(first) AS first FROM (
      SELECT min(observed_at) AS first FROM imports
      WHERE tenant_id = ${query.tenantId} AND status = 'applied'
        ${query.asOf ? sql`AND observed_at <= ${query.asOf.toISOString()}::timestamptz` : sql``}
      GROUP BY source) firsts`.execute(db);
  return rows[0]?.first ? new Date(rows[0].first) : null;
}

/**
 * Input quality per team and month (docs/data-quality.md): the records live in each month as
 * known at its end (or at `asOf`), the findings of each active rule, the share of records hit
 * and its trend against the months before.
 */
export async function inputQuality(db: Kysely<Database>, query: InputQualityQuery): Promise<InputQuality> {
  const inputs = await checkInputs(db, query.tenantId);
  let first = query.from;
  for (let i = 0; i < TREND_MONTHS; i++) first = monthBefore(first);
  const months = monthsFrom(first, query.to);
  const firstKnown = await firstObservation(db, query);
  const windows = months.map((month) => monthWindow(month, query.asOf, firstKnown));
  const counts = await monthPictures(db, { tenantId: query.tenantId, windows, inputs });

  const active = QUALITY_RECORD_KINDS.flatMap((kind) => activeRulesOn(kind, inputs.rules));
  const office = new Map<string, Tally>();
  const teams = new Map<string | null, Map<string, Tally>>();
  for (const c of counts) {
    const officeTally = office.get(c.window) ?? emptyTally(active);
    office.set(c.window, officeTally);
    addTo(officeTally, c);
    const byMonth = teams.get(c.team) ?? new Map<string, Tally>();
    teams.set(c.team, byMonth);
    const teamTally = byMonth.get(c.window) ?? emptyTally(active);
    byMonth.set(c.window, teamTally);
    addTo(teamTally, c);
  }
  const knownAt = new Map(windows.map((w) => [w.key, w.knownAt?.toISOString() ?? null]));
  const lead = TREND_MONTHS;
  const teamNames = [...teams.keys()].filter((team) => query.team === undefined || team === query.team).sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'de')));
  return {
    from: query.from,
    to: query.to,
    rulesVersion: inputs.rulesVersion,
    rules: inputs.rules.rules,
    office: series(months, lead, office, knownAt, active),
    teams: teamNames.map((team) => ({ team, months: series(months, lead, teams.get(team)!, knownAt, active) })),
  };
}
