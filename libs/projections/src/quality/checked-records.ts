import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '@jugendamt/db';
import { servingGeneration } from '../kpis/kpi-query.js';
import { knownAt } from '../kpis/knowledge-time.js';
import { knownAtCutoff, windowsTable, type CheckWindow } from './check-windows.js';
import type { PlausibilityRuleId, QualityRecordKind } from './plausibility-catalogue.js';
import { activeRulesOn, anyOf, ruleCondition, type CheckInputs } from './rule-checks.js';

/** Which records of a kind a window checks; without it, those live in the window (docs/data-quality.md). */
export type RecordBase = RawBuilder<unknown>;

/** An aid is live in a window from its begin to its end. */
export const AIDS_LIVE: RecordBase = sql`a.begin_on <= w.to_on AND (a.end_on IS NULL OR a.end_on >= w.from_on)`;
/** A sub-process from its begin to its completion; a cancelled one is no work done. */
export const SUB_PROCESSES_LIVE: RecordBase = sql`s.status <> 'storniert' AND s.begun_on <= w.to_on AND (s.completed_on IS NULL OR s.completed_on >= w.from_on)`;
/** A payment on its Datum; cancelled ones and their cancellations paid nothing. */
export const PAYMENTS_DATED: RecordBase = sql`e.entry_type = 'ZAHLUNG' AND NOT e.cancelled AND NOT e.cancelling AND e.entry_date BETWEEN w.from_on AND w.to_on`;

/** The checked records of a kind, in the aliases the rules read, with their team and id. */
interface KindSource {
  readonly team: RawBuilder<unknown>;
  readonly id: RawBuilder<unknown>;
  readonly from: RawBuilder<unknown>;
}

async function sourceOf(db: Kysely<Database>, tenantId: string, kind: QualityRecordKind, windows: readonly CheckWindow[], base: RecordBase | undefined): Promise<KindSource> {
  const w = windowsTable(windows);
  // One window's knowledge time spelt out: as known now, the planner then uses the indexes of current versions.
  const knownThen = (alias: string) => (windows.length === 1 ? knownAt(alias, windows[0]!.knownAt ?? undefined) : knownAtCutoff(alias));
  const cases = await servingGeneration(db, tenantId, 'aid-history');
  if (kind === 'aids') {
    return {
      team: sql`a.team`,
      id: sql`a.aid_id`,
      from: sql`${w}
        JOIN aid_versions a ON a.tenant_id = ${tenantId} AND a.generation = ${cases} AND ${knownThen('a')} AND ${base ?? AIDS_LIVE}
        LEFT JOIN case_versions c ON c.tenant_id = ${tenantId} AND c.generation = ${cases} AND c.case_id = a.case_id AND ${knownThen('c')}`,
    };
  }
  if (kind === 'sub-processes') {
    const generation = await servingGeneration(db, tenantId, 'sub-process-history');
    return {
      team: sql`s.team`,
      id: sql`s.sub_process_id`,
      from: sql`${w} JOIN sub_process_versions s ON s.tenant_id = ${tenantId} AND s.generation = ${generation} AND ${knownThen('s')} AND ${base ?? SUB_PROCESSES_LIVE}`,
    };
  }
  const generation = await servingGeneration(db, tenantId, 'chronicle-history');
  // One case per Aktenzeichen, the smallest id in byte order, as the costs link it (docs/kpis.md 7).
  // Picked once per window and hash-joined: looked up payment by payment, with no index on the
  // Aktenzeichen, a large city's year of payments took minutes.
  return {
    team: sql`c.team`,
    id: sql`e.entry_no`,
    from: sql`${w}
      JOIN chronicle_entry_versions e ON e.tenant_id = ${tenantId} AND e.generation = ${generation} AND ${knownThen('e')} AND ${base ?? PAYMENTS_DATED}
      LEFT JOIN (
        SELECT DISTINCT ON (w.key, c.file_reference) w.key, c.file_reference, c.case_id, c.team
        FROM ${windowsTable(windows)}
        JOIN case_versions c ON c.tenant_id = ${tenantId} AND c.generation = ${cases} AND ${knownThen('c')}
        ORDER BY w.key, c.file_reference, c.case_id COLLATE "C") c ON c.key = w.key AND c.file_reference = e.file_reference`,
  };
}

/** Records checked and hit, per window and team (null: a payment linked to no case). */
export interface FindingCounts {
  readonly window: string;
  readonly team: string | null;
  readonly kind: QualityRecordKind;
  readonly checked: number;
  /** Records hit by at least one active rule. */
  readonly affected: number;
  readonly findings: Partial<Record<PlausibilityRuleId, number>>;
}

export interface CountFindingsQuery {
  readonly tenantId: string;
  readonly kind: QualityRecordKind;
  readonly windows: readonly CheckWindow[];
  readonly inputs: CheckInputs;
  /** Only these rules (each active and on the kind); without it, every active rule on the kind. */
  readonly only?: readonly PlausibilityRuleId[];
  readonly base?: RecordBase;
  /** Per team; false: the windows' totals under team null. */
  readonly byTeam?: boolean;
}

export async function countFindings(db: Kysely<Database>, query: CountFindingsQuery): Promise<FindingCounts[]> {
  if (query.windows.length === 0) return [];
  const active = activeRulesOn(query.kind, query.inputs.rules);
  const rules = query.only ? active.filter((id) => query.only!.includes(id)) : active;
  const source = await sourceOf(db, query.tenantId, query.kind, query.windows, query.base);
  const team = query.byTeam === false ? sql`NULL::text` : source.team;
  const { rows } = await sql<Record<string, string | null> & { key: string; team: string | null; checked: string; affected: string }>`
    SELECT ${sql.join([
      sql`w.key`,
      sql`${team} AS team`,
      sql`count(*) AS checked`,
      sql`count(*) FILTER (WHERE ${anyOf(rules, query.inputs)}) AS affected`,
      ...rules.map((id) => sql`count(*) FILTER (WHERE ${ruleCondition(id, query.inputs)}) AS ${sql.ref(id)}`),
    ])}
    FROM ${source.from}
    GROUP BY 1, 2`.execute(db);
  return rows.map((row) => ({
    window: row.key,
    team: row.team,
    kind: query.kind,
    checked: Number(row.checked),
    affected: Number(row.affected),
    findings: Object.fromEntries(rules.map((id) => [id, Number(row[id])])),
  }));
}

/** The ids of the records a rule hits in one window: for the list of what to fix, never answered as such. */
export async function affectedRecords(db: Kysely<Database>, query: Omit<CountFindingsQuery, 'byTeam'>): Promise<{ id: string; team: string | null; rules: PlausibilityRuleId[] }[]> {
  if (query.windows.length === 0) return [];
  const active = activeRulesOn(query.kind, query.inputs.rules);
  const rules = query.only ? active.filter((id) => query.only!.includes(id)) : active;
  if (rules.length === 0) return [];
  const source = await sourceOf(db, query.tenantId, query.kind, query.windows, query.base);
  const { rows } = await sql<Record<string, boolean | string | null> & { id: string; team: string | null }>`
    SELECT ${sql.join([sql`${source.id} AS id`, sql`${source.team} AS team`, ...rules.map((id) => sql`${ruleCondition(id, query.inputs)} AS ${sql.ref(id)}`)])}
    FROM ${source.from}
    WHERE ${anyOf(rules, query.inputs)}
    ORDER BY 1`.execute(db);
  return rows.map((row) => ({ id: row.id as string, team: row.team as string | null, rules: rules.filter((id) => row[id] === true) }));
}
