import { sql, type RawBuilder } from 'kysely';
import type { PlausibilityRuleId, PlausibilityRulesCatalogue, QualityRecordKind } from './plausibility-catalogue.js';
import { PLAUSIBILITY_RULES } from './plausibility-catalogue.js';

/** What a check may read besides the record: the catalogues of the office. */
export interface CheckInputs {
  readonly rules: PlausibilityRulesCatalogue;
  /** The Hilfearten the aid-type catalogue names. */
  readonly cataloguedAidTypes: readonly string[];
}

/**
 * Each rule as a condition on its kind's row (aliases of `checked-records.ts`: `a` aid, `c`
 * its case or a payment's case, `s` sub-process, `e` 14plus entry, `w` the window). A value
 * that is not there is the finding; a value outside a code list is an import finding already.
 */
const CHECKS: { readonly [Id in PlausibilityRuleId]: (inputs: CheckInputs) => RawBuilder<unknown> } = {
  'aid-ended-without-reason': () => sql`a.end_on IS NOT NULL AND a.reason_of_ending IS NULL`,
  'stationary-ended-without-residence': () => sql`a.end_on IS NOT NULL AND a.setting = 'stationär' AND a.residence_after IS NULL`,
  'aid-type-not-catalogued': ({ cataloguedAidTypes }) => sql`NOT (a.aid_type = ANY(${[...cataloguedAidTypes]}::text[]))`,
  'aid-of-unknown-case': () => sql`c.case_id IS NULL`,
  // The case had ended by the day checked, the aid did not, or later: its days after the case's
  // end are likely not real. A month before the case's end is not hit by an end known later.
  'aid-running-after-case-end': () => sql`c.end_on < w.check_day AND (a.end_on IS NULL OR a.end_on > c.end_on)`,
  'sub-process-open-too-long': ({ rules }) =>
    sql`s.status = 'offen' AND w.check_day - s.begun_on > coalesce((${JSON.stringify(rules.openDays.byCode)}::jsonb ->> s.sub_process_code)::int, ${rules.openDays.default}::int)`,
  'payment-without-case': () => sql`c.case_id IS NULL`,
};

/** The active rules on a kind of record, in catalogue order. */
export function activeRulesOn(kind: QualityRecordKind, rules: PlausibilityRulesCatalogue): PlausibilityRuleId[] {
  return (Object.keys(PLAUSIBILITY_RULES) as PlausibilityRuleId[]).filter((id) => PLAUSIBILITY_RULES[id] === kind && rules.rules[id].active);
}

export function ruleCondition(id: PlausibilityRuleId, inputs: CheckInputs): RawBuilder<unknown> {
  return sql`(${CHECKS[id](inputs)})`;
}

/** A record is affected when any of the rules hits it; no rule: none is. */
export function anyOf(ids: readonly PlausibilityRuleId[], inputs: CheckInputs): RawBuilder<unknown> {
  return ids.length
    ? sql`(${sql.join(
        ids.map((id) => ruleCondition(id, inputs)),
        sql` OR `,
      )})`
    : sql`false`;
}
