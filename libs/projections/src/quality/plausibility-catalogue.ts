/**
 * The plausibility rules of docs/data-quality.md. Each rule's check lives in code
 * (`rule-checks.ts`); the catalogue is what an office decides about it: its name as the team
 * leaders read it, whether it is checked, the KPIs it weakens and the limits it applies.
 */

/** The kinds of record a rule looks at, as the exports deliver them. */
export const QUALITY_RECORD_KINDS = ['aids', 'sub-processes', 'payments'] as const;
export type QualityRecordKind = (typeof QUALITY_RECORD_KINDS)[number];

/** The rules the code can check, each on one kind of record. */
export const PLAUSIBILITY_RULES = {
  'aid-ended-without-reason': 'aids',
  'stationary-ended-without-residence': 'aids',
  'aid-type-not-catalogued': 'aids',
  'aid-of-unknown-case': 'aids',
  'aid-running-after-case-end': 'aids',
  'sub-process-open-too-long': 'sub-processes',
  'payment-without-case': 'payments',
} as const satisfies Record<string, QualityRecordKind>;

export type PlausibilityRuleId = keyof typeof PLAUSIBILITY_RULES;

/** The rules that check one kind of record. */
export type RulesOn<Kind extends QualityRecordKind> = { [R in PlausibilityRuleId]: (typeof PLAUSIBILITY_RULES)[R] extends Kind ? R : never }[PlausibilityRuleId];

/** Whether `Rule` is the one rule on a kind: a reading that counts on it writes `Holds<OnlyRuleOn<…>>`, which fails to compile once another rule comes. */
export type OnlyRuleOn<Kind extends QualityRecordKind, Rule extends PlausibilityRuleId> = [RulesOn<Kind>] extends [Rule] ? true : false;
export type Holds<T extends true> = T;
export const PLAUSIBILITY_RULE_IDS = Object.keys(PLAUSIBILITY_RULES) as PlausibilityRuleId[];

/** The KPIs a rule can weaken: the names the API answers under (`/api/v1/kpis/<name>`). */
export const WEAKENED_KPIS = [
  'aid-stock',
  'aids',
  'endings',
  'return-rate',
  'caseload',
  'sub-process-counts',
  'staffing-requirement',
  'costs',
  'social-area-budgets',
  'use-per-young-inhabitant',
] as const;
export type WeakenedKpi = (typeof WEAKENED_KPIS)[number];

export interface PlausibilityRule {
  /** As the team leaders read it, in German. */
  readonly name: string;
  /** The records it looks at: fixed by its check, stated so the catalogue reads on its own. */
  readonly records: QualityRecordKind;
  /** The KPIs whose base it weakens: their answers count the records it hits. */
  readonly weakens: readonly WeakenedKpi[];
  /** An office may stop checking a rule without losing its wording. */
  readonly active: boolean;
}

export interface PlausibilityRulesCatalogue {
  readonly rules: Readonly<Record<PlausibilityRuleId, PlausibilityRule>>;
  /** Days a sub-process may stay open (`sub-process-open-too-long`): per code, else `default`. */
  readonly openDays: { readonly default: number; readonly byCode: Readonly<Record<string, number>> };
}

export const DEFAULT_PLAUSIBILITY_RULES: PlausibilityRulesCatalogue = {
  rules: {
    'aid-ended-without-reason': { name: 'Hilfe beendet ohne Beendigungsgrund', records: 'aids', weakens: ['endings', 'return-rate'], active: true },
    'stationary-ended-without-residence': { name: 'Stationäre Hilfe beendet ohne Aufenthalt nach Hilfeende', records: 'aids', weakens: ['return-rate'], active: true },
    'aid-type-not-catalogued': { name: 'Hilfeart nicht im Hilfeartenkatalog', records: 'aids', weakens: ['aids', 'aid-stock'], active: true },
    'aid-of-unknown-case': { name: 'Hilfe zu unbekanntem Fall', records: 'aids', weakens: ['aids', 'use-per-young-inhabitant'], active: true },
    'aid-running-after-case-end': { name: 'Hilfe läuft über das Fallende hinaus', records: 'aids', weakens: ['caseload', 'aid-stock'], active: true },
    'sub-process-open-too-long': { name: 'Teilprozess länger offen als vorgesehen', records: 'sub-processes', weakens: ['sub-process-counts', 'staffing-requirement'], active: true },
    'payment-without-case': { name: 'Zahlung ohne passendes Aktenzeichen', records: 'payments', weakens: ['costs', 'social-area-budgets'], active: true },
  },
  openDays: { default: 90, byCode: {} },
};
