import { z } from 'zod';
import { AID_DIMENSIONS, CATALOGUE_NAMES, PLAUSIBILITY_RULE_IDS } from '@jugendamt/projections';

/**
 * The answers of the KPI endpoints as OpenAPI shows them. Each query declares its answer's
 * schema beside its type and checks one against the other (`satisfies z.ZodType<Answer>`), so
 * a field the answer gains or loses fails the build until the document follows.
 */

const basis = z
  .object({
    asOf: z.string().nullable().describe('The knowledge time asked for (ISO timestamp), or null: everything observed.'),
    observedUntil: z.record(z.string(), z.string()).describe('Per export source, the observation time of the newest applied export the answer rests on.'),
    catalogues: z
      .array(z.object({ name: z.enum(CATALOGUE_NAMES), version: z.number().int(), entries: z.unknown().describe('The catalogue as used') }))
      .describe('The catalogues behind the figures, with the versions used.'),
  })
  .describe('What the answer rests on: as known when, from which exports, by which rules.');

/** A KPI answer: its figures (`rows`) and what they rest on, plus what the KPI serves besides. */
export function kpiAnswer<R extends z.ZodType, E extends z.ZodRawShape = Record<never, never>>(kpi: string, row: R, extra: E = {} as E) {
  return z
    .object({
      kpi: z.literal(kpi),
      parameters: z.record(z.string(), z.unknown()).describe('The request as understood: resolved period and granularity, dimensions, filters.'),
      basis,
      rows: z.array(row),
    })
    .extend(extra);
}

/** A group's values by dimension; null where the fact has none. */
export const groupOf = <D extends string>(dimensions: readonly [D, ...D[]]) =>
  z.partialRecord(z.enum(dimensions), z.string().nullable()).describe(`The group's value of each dimension asked (${dimensions.join(', ')}); null where there is none.`);

/** A group's values by dimension, each always given. */
export const givenGroupOf = <D extends string>(dimensions: readonly [D, ...D[]]) =>
  z.partialRecord(z.enum(dimensions), z.string()).describe(`The group's value of each dimension asked (${dimensions.join(', ')}).`);

/** One decimal, half away from zero; null where the base is 0. */
export const rate = (what: string) => z.number().nullable().describe(`${what}, one decimal; null without a base.`);

export const settingShares = z.object({
  ambulant: z.number().int(),
  teilstationär: z.number().int(),
  stationär: z.number().int(),
  shareStationary: rate('Anteil stationärer Hilfen: stationär ÷ (ambulant + teilstationär + stationär) × 100'),
  ambulantPerStationary: z.number().nullable().describe('ambulant ÷ stationär, two decimals; null without stationary aids.'),
  fosterShare: rate('Pflegequote: § 33 ÷ all stationär × 100'),
});

/** What the answers on aids serve besides their rows (docs/kpis.md 2 and Clarifications). */
export const sharesOfAids = {
  shares: settingShares.describe('The setting shares of the office, or of the team drilled down to; § 28 only with includeEducationalCounselling.'),
  sharesByGroup: z
    .array(settingShares.extend({ group: groupOf(AID_DIMENSIONS) }))
    .describe('The setting shares of every group of the dimensions asked other than setting and paragraph (per team, per social area, …); one group {} without such a dimension.'),
};

/** How good a KPI's base is (docs/data-quality.md): its records and those each rule weakening the KPI hit. */
export const dataQuality = z
  .object({
    records: z.number().int().describe("The records of the figure's base (of the team asked, else the office), as known at asOf."),
    rules: z
      .array(z.object({ rule: z.enum(PLAUSIBILITY_RULE_IDS), name: z.string(), affected: z.number().int().describe('Records of the base the rule hits.') }))
      .readonly()
      .describe('Every active plausibility rule that weakens this KPI.'),
    notes: z.array(z.string()).readonly().describe('The same in German, one sentence per rule: "3 von 41 beendeten stationären Hilfen: …".'),
  })
  .describe('How good the base of the figures is: records of it hit by a plausibility rule that weakens this KPI.');
