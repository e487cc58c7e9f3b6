import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '@jugendamt/db';
import { NO_SETTING } from '@jugendamt/domain';
import { knownAt, knownBy } from './knowledge-time.js';
import { servingGeneration, type KpiScope, type Period } from './kpi-query.js';
import { periodLabel, wholeMonths, type Granularity } from './period-grouping.js';
import type { CountRow } from './sub-process-counts.js';

/** Entries that count: neither cancelled nor cancelling (docs/kpis.md 1 and 7). */
const COUNTING = sql`NOT e.cancelled AND NOT e.cancelling`;

export interface ChronicleCountsQuery extends KpiScope, Period {
  readonly granularity: Granularity;
  /** The counted entry types (catalogue `chronicle-types`; default all but VERMERK). */
  readonly countedTypes: readonly string[];
}

/** docs/kpis.md 1, 14plus: chronicle entries by Sachgebiet × Eintragsart × period of `Datum`; whole months from the monthly sums. */
export async function chronicleCounts(db: Kysely<Database>, query: ChronicleCountsQuery): Promise<CountRow<'unit' | 'entryType'>[]> {
  const generation = await servingGeneration(db, query.tenantId, 'chronicle-history');
  return wholeMonths(query) ? chronicleCountsFromSums(db, query, generation) : chronicleCountsFromFacts(db, query, generation);
}

export async function chronicleCountsFromSums(db: Kysely<Database>, query: ChronicleCountsQuery, generation: number): Promise<CountRow<'unit' | 'entryType'>[]> {
  const { rows } = await sql<{ unit: string; entry_type: string; period: string; count: string }>`
    SELECT s.unit, s.entry_type, ${periodLabel(sql.ref('s.month'), query.granularity)} AS period, sum(s.entries) AS count
    FROM chronicle_sum_changes s
    WHERE s.tenant_id = ${query.tenantId} AND s.generation = ${generation} AND ${knownBy('s', query.asOf)}
      AND s.entry_type = ANY(${[...query.countedTypes]}::text[]) AND s.month BETWEEN ${query.from}::date AND ${query.to}::date
    GROUP BY s.unit, s.entry_type, period
    HAVING sum(s.entries) <> 0
    ORDER BY period, s.unit, s.entry_type`.execute(db);
  return rows.map((r) => ({ group: { unit: r.unit, entryType: r.entry_type }, period: r.period, count: Number(r.count) }));
}

/** Any period, from the entries themselves. Both paths agree on whole months (tested). */
export async function chronicleCountsFromFacts(db: Kysely<Database>, query: ChronicleCountsQuery, generation: number): Promise<CountRow<'unit' | 'entryType'>[]> {
  const period = periodLabel(sql.ref('e.entry_date'), query.granularity);
  const { rows } = await sql<{ unit: string; entry_type: string; period: string; count: string }>`
    SELECT e.unit, e.entry_type, ${period} AS period, count(*) AS count
    FROM chronicle_entry_versions e
    WHERE e.tenant_id = ${query.tenantId} AND e.generation = ${generation} AND ${knownAt('e', query.asOf)} AND ${COUNTING}
      AND e.entry_type = ANY(${[...query.countedTypes]}::text[])
      AND e.entry_date BETWEEN ${query.from}::date AND ${query.to}::date
    GROUP BY e.unit, e.entry_type, period
    ORDER BY period, e.unit, e.entry_type`.execute(db);
  return rows.map((r) => ({ group: { unit: r.unit, entryType: r.entry_type }, period: r.period, count: Number(r.count) }));
}

export const COST_DIMENSIONS = ['paragraph', 'setting', 'aidType', 'team', 'socialArea'] as const;
export type CostDimension = (typeof COST_DIMENSIONS)[number];

export interface CostsQuery extends KpiScope, Period {
  readonly by: readonly CostDimension[];
  readonly granularity: Granularity;
}

export interface CostRow {
  /**
   * The group's values; setting `ohne Leistungsform` for entries outside HzE, paragraph
   * `unbekannt` for a Hilfeart that names none; team and social area null for entries linked to
   * no case.
   */
  readonly group: Readonly<Partial<Record<CostDimension, string | null>>>;
  readonly period: string;
  /** Σ Betrag of ZAHLUNG, in cents. */
  readonly grossCents: number;
  /** Σ |Betrag| of KOSTENBEITRAG and ERSTATTUNG, in cents. */
  readonly incomeCents: number;
  readonly netCents: number;
}

/** A cost dimension's value: an entry without a setting is reported under `ohne Leistungsform` (docs/kpis.md Clarifications). */
function costDimension(dimension: CostDimension, value: RawBuilder<unknown>): RawBuilder<unknown> {
  return dimension === 'setting' ? sql`coalesce(${value}, ${sql.lit(NO_SETTING)})` : value;
}

/** The dimensions that come from the linked case rather than from the entry. */
const CASE_DIMENSIONS: readonly CostDimension[] = ['team', 'socialArea'];

const byCase = (by: readonly CostDimension[]) => by.some((d) => CASE_DIMENSIONS.includes(d));

/**
 * docs/kpis.md 7, costs from 14plus by `Datum`. Team and social area are the linked case's (the
 * Aktenzeichen normalised and pseudonymised the same way on both sides), as known at `asOf`.
 */
export async function costs(db: Kysely<Database>, query: CostsQuery): Promise<CostRow[]> {
  const generation = await servingGeneration(db, query.tenantId, 'chronicle-history');
  return wholeMonths(query) ? costsFromSums(db, query, generation) : costsFromFacts(db, query, generation);
}

/** Any period: from the entries themselves. Both paths agree on whole months (tested). */
export async function costsFromFacts(db: Kysely<Database>, query: CostsQuery, generation: number): Promise<CostRow[]> {
  const aidGeneration = byCase(query.by) ? await servingGeneration(db, query.tenantId, 'aid-history') : 0;
  // A case's social area is never empty in practice; reported as null as the sums would report it.
  const column: Record<CostDimension, string> = { paragraph: 'e.paragraph', setting: 'e.setting', aidType: 'e.aid_type', team: 'c.team', socialArea: "NULLIF(c.social_area, '')" };
  const value = (d: CostDimension) => costDimension(d, sql.raw(column[d]));
  const period = periodLabel(sql.ref('e.entry_date'), query.granularity);
  const dimensions = query.by.map((d) => sql`${value(d)} AS ${sql.ref(d)}`);
  // One case per Aktenzeichen, should an office have given one twice: costs must not double.
  // The smallest case id in byte order decides, as in the sums kept per case.
  // The cases are picked once and hash-joined, not looked up entry by entry.
  const linkCase = byCase(query.by)
    ? sql`LEFT JOIN (
        SELECT DISTINCT ON (c.file_reference) c.file_reference, c.team, c.social_area FROM case_versions c
        WHERE c.tenant_id = ${query.tenantId} AND c.generation = ${aidGeneration} AND ${knownAt('c', query.asOf)}
        ORDER BY c.file_reference, c.case_id COLLATE "C") c ON c.file_reference = e.file_reference`
    : sql``;
  const { rows } = await sql<Record<string, string | null> & { period: string; gross: string; income: string }>`
    SELECT ${sql.join([
      ...dimensions,
      sql`${period} AS period`,
      sql`coalesce(sum(e.amount_cents) FILTER (WHERE e.entry_type = 'ZAHLUNG'), 0) AS gross`,
      sql`coalesce(sum(abs(e.amount_cents)) FILTER (WHERE e.entry_type IN ('KOSTENBEITRAG', 'ERSTATTUNG')), 0) AS income`,
    ])}
    FROM chronicle_entry_versions e
    ${linkCase}
    WHERE e.tenant_id = ${query.tenantId} AND e.generation = ${generation} AND ${knownAt('e', query.asOf)} AND ${COUNTING}
      AND e.entry_type IN ('ZAHLUNG', 'KOSTENBEITRAG', 'ERSTATTUNG')
      AND e.entry_date BETWEEN ${query.from}::date AND ${query.to}::date
    GROUP BY ${sql.join([...query.by.map(value), sql`period`])}
    ORDER BY ${sql.join([sql`period`, ...query.by.map(value)])}`.execute(db);
  return rows.map((r) => {
    const grossCents = Number(r.gross);
    const incomeCents = Number(r.income);
    return { group: Object.fromEntries(query.by.map((d) => [d, r[d] ?? null])), period: r.period, grossCents, incomeCents, netCents: grossCents - incomeCents };
  });
}

/** Costs of whole months: the monthly sums answer them, per team or social area from the sums kept per linked case. */
export async function costsFromSums(db: Kysely<Database>, query: CostsQuery, generation: number): Promise<CostRow[]> {
  const column: Record<CostDimension, string> = { paragraph: 's.paragraph', setting: 's.setting', aidType: 's.aid_type', team: 's.team', socialArea: 's.social_area' };
  const by = query.by;
  const sums = sql.table(byCase(by) ? 'case_cost_changes' : 'chronicle_sum_changes');
  // The sums keep a missing value as ''.
  const value = (d: CostDimension) => costDimension(d, sql`NULLIF(${sql.raw(column[d])}, '')`);
  const dimensions = by.map((d) => sql`${value(d)} AS ${sql.ref(d)}`);
  const { rows } = await sql<Record<string, string | null> & { period: string; gross: string; income: string }>`
    SELECT ${sql.join([
      ...dimensions,
      sql`${periodLabel(sql.ref('s.month'), query.granularity)} AS period`,
      sql`coalesce(sum(s.cents) FILTER (WHERE s.entry_type = 'ZAHLUNG'), 0) AS gross`,
      sql`coalesce(sum(s.abs_cents) FILTER (WHERE s.entry_type IN ('KOSTENBEITRAG', 'ERSTATTUNG')), 0) AS income`,
    ])}
    FROM ${sums} s
    WHERE s.tenant_id = ${query.tenantId} AND s.generation = ${generation} AND ${knownBy('s', query.asOf)}
      AND s.entry_type IN ('ZAHLUNG', 'KOSTENBEITRAG', 'ERSTATTUNG') AND s.month BETWEEN ${query.from}::date AND ${query.to}::date
    GROUP BY ${sql.join([...by.map((d) => sql.raw(column[d])), sql`period`])}
    HAVING sum(s.entries) <> 0
    ORDER BY ${sql.join([sql`period`, ...by.map(value)])}`.execute(db);
  return rows.map((r) => {
    const grossCents = Number(r.gross);
    const incomeCents = Number(r.income);
    return { group: Object.fromEntries(by.map((d) => [d, r[d] ?? null])), period: r.period, grossCents, incomeCents, netCents: grossCents - incomeCents };
  });
}
