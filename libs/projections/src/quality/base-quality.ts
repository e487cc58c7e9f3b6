import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { berlinDayOf, REASON_ADOPTION, REASON_TRANSFER_OF_RESPONSIBILITY } from '@jugendamt/domain';
import type { KpiScope, Period } from '../kpis/kpi-query.js';
import { countFindings, PAYMENTS_DATED, type RecordBase } from './checked-records.js';
import { checkInputs } from './input-quality.js';
import type { PlausibilityRuleId, QualityRecordKind, WeakenedKpi } from './plausibility-catalogue.js';
import { activeRulesOn } from './rule-checks.js';

/** The records a KPI's figure rests on, as the rules' records (aliases of `checked-records.ts`, window `w`). */
interface KpiBase {
  readonly records: QualityRecordKind;
  readonly base: RecordBase;
  /** The base in German, after "3 von 41": plural, dative. */
  readonly label: string;
}

/** The bases of the KPIs whose answers carry a data-quality note so far (docs/data-quality.md). */
const KPI_BASES: Partial<Readonly<Record<WeakenedKpi, KpiBase>>> = {
  // docs/kpis.md 3: the denominator of the return rate.
  'return-rate': {
    records: 'aids',
    base: sql`a.educational_aid AND a.setting = 'stationär' AND a.end_on BETWEEN w.from_on AND w.to_on
      AND a.reason_of_ending IS DISTINCT FROM ${REASON_TRANSFER_OF_RESPONSIBILITY} AND a.reason_of_ending IS DISTINCT FROM ${REASON_ADOPTION}`,
    label: 'beendeten stationären Hilfen',
  },
  // docs/kpis.md 5: HzE aids running on the reference date (the period's last day).
  caseload: { records: 'aids', base: sql`a.educational_aid AND a.begin_on <= w.to_on AND (a.end_on IS NULL OR a.end_on >= w.to_on)`, label: 'am Stichtag laufenden Hilfen zur Erziehung' },
  // docs/kpis.md 7: the payments of the period (contributions and refunds are no rule's records).
  costs: { records: 'payments', base: PAYMENTS_DATED, label: 'Zahlungen des Zeitraums' },
};

export type KpiWithQualityNote = keyof typeof KPI_BASES;

export interface BaseQualityQuery extends KpiScope, Period {
  readonly kpi: KpiWithQualityNote;
  /** One team's base; without it, the office's. */
  readonly team?: string | undefined;
}

/** How good a KPI's base is: its records, and of them those each rule weakening the KPI hit. */
export interface BaseQuality {
  readonly records: number;
  readonly rules: readonly { readonly rule: PlausibilityRuleId; readonly name: string; readonly affected: number }[];
  /** The same in German, one sentence per rule, e.g. `3 von 41 beendeten stationären Hilfen: Stationäre Hilfe beendet ohne Aufenthalt nach Hilfeende`. */
  readonly notes: readonly string[];
}

/**
 * The data-quality note of a KPI answer (docs/data-quality.md): its base read as the KPI reads
 * it, as known at `asOf`, checked by the active rules that weaken the KPI.
 */
export async function baseQuality(db: Kysely<Database>, query: BaseQualityQuery): Promise<BaseQuality> {
  const spec = KPI_BASES[query.kpi]!;
  const inputs = await checkInputs(db, query.tenantId);
  const rules = activeRulesOn(spec.records, inputs.rules).filter((id) => inputs.rules.rules[id].weakens.includes(query.kpi));
  const day = berlinDayOf(query.asOf ?? new Date());
  const window = { key: query.kpi, from: query.from, to: query.to, knownAt: query.asOf ?? null, checkDay: day < query.to ? day : query.to };
  const counts = await countFindings(db, { tenantId: query.tenantId, kind: spec.records, windows: [window], inputs, only: rules, base: spec.base, byTeam: query.team !== undefined });
  const mine = counts.filter((c) => query.team === undefined || c.team === query.team);
  const records = mine.reduce((n, c) => n + c.checked, 0);
  const affected = (id: PlausibilityRuleId) => mine.reduce((n, c) => n + (c.findings[id] ?? 0), 0);
  const found = rules.map((rule) => ({ rule, name: inputs.rules.rules[rule].name, affected: affected(rule) }));
  return { records, rules: found, notes: found.map((r) => `${r.affected} von ${records} ${spec.label}: ${r.name}`) };
}
