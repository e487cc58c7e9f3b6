import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { berlinDayOf } from '@jugendamt/domain';
import type { KpiScope, Period } from '../kpis/kpi-query.js';
import { wholeMonths } from '../kpis/period-grouping.js';
import { countFindings, PAYMENTS_DATED, SUB_PROCESSES_LIVE } from './checked-records.js';
import { checkInputs } from './input-quality.js';
import { KPI_BASES } from './kpi-bases.js';
import { paymentsCountedBySums, paymentsFromSums } from './payments-from-sums.js';
import { subProcessWork } from './sub-process-work.js';
import type { PlausibilityRuleId, WeakenedKpi } from './plausibility-catalogue.js';
import { activeRulesOn } from './rule-checks.js';

/** Every KPI a rule can weaken carries a note (docs/data-quality.md). */
export type KpiWithQualityNote = WeakenedKpi;

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
  const spec = KPI_BASES[query.kpi];
  const inputs = await checkInputs(db, query.tenantId);
  const rules = activeRulesOn(spec.records, inputs.rules).filter((id) => inputs.rules.rules[id].weakens.includes(query.kpi));
  const day = berlinDayOf(query.asOf ?? new Date());
  const window = { key: query.kpi, from: query.from, to: query.to, knownAt: query.asOf ?? null, checkDay: day < query.to ? day : query.to };
  const byTeam = query.team !== undefined;
  // The payments of whole months are counted in the costs' sums; a rule the sums cannot tell is read from the payments.
  const fromSums = spec.base === PAYMENTS_DATED && paymentsCountedBySums(query, rules);
  // So are the sub-processes in work, when the base is that work (the sub-process KPIs' base).
  const workFromSums = spec.base === SUB_PROCESSES_LIVE && wholeMonths(query) && rules.every((rule) => rule === 'sub-process-open-too-long');
  const counts = fromSums
    ? await paymentsFromSums(db, { tenantId: query.tenantId, from: query.from, to: query.to, asOf: query.asOf, rules, byTeam })
    : workFromSums
      ? await subProcessWork(db, { tenantId: query.tenantId, from: query.from, to: query.to, asOf: query.asOf, window, inputs, rules, byTeam })
      : await countFindings(db, { tenantId: query.tenantId, kind: spec.records, windows: [window], inputs, only: rules, base: spec.base, byTeam });
  const mine = counts.filter((c) => query.team === undefined || c.team === query.team);
  const records = mine.reduce((n, c) => n + c.checked, 0);
  const affected = (id: PlausibilityRuleId) => mine.reduce((n, c) => n + (c.findings[id] ?? 0), 0);
  const found = rules.map((rule) => ({ rule, name: inputs.rules.rules[rule].name, affected: affected(rule) }));
  return { records, rules: found, notes: found.map((r) => `${r.affected} von ${records} ${spec.label}: ${r.name}`) };
}
