import { z } from 'zod';
import { SETTINGS } from '@jugendamt/domain';
import type { CatalogueName, Catalogues } from './default-catalogues.js';
import { PLAUSIBILITY_RULES, WEAKENED_KPIS, type PlausibilityRuleId } from '../quality/plausibility-catalogue.js';

const paragraph = z.string().regex(/^§ \d+[a-z]?$/, 'a paragraph as "§ 34" or "§ 35a" (one blank after §)');
const setting = z.enum(SETTINGS);
const distinct = (items: readonly string[]) => new Set(items).size === items.length;

const aidTypes = z.strictObject({
  entries: z
    .record(
      z.string().trim().min(1),
      z.strictObject({ paragraph: paragraph.optional(), setting: setting.optional() }).refine((entry) => entry.paragraph || entry.setting, 'an entry names a paragraph, a setting or both'),
    )
    .describe('Hilfeart (as the export writes it) → paragraph and/or setting'),
  settingByParagraph: z.record(paragraph, setting).describe('Setting of the aid types no entry names, by paragraph'),
});

const chronicleTypes = z.strictObject({
  counted: z.array(z.string().trim().min(1)).min(1).refine(distinct, 'each type once').describe('14plus entry types that count as process steps'),
});

const staffing = z.strictObject({
  fluctuationRoles: z.array(z.string().trim().min(1)).min(1).refine(distinct, 'each role once').describe('Roles whose comings and goings are the fluctuation'),
  caseWorkerRole: z.string().trim().min(1).describe('The role whose FTE carries cases and processes'),
  systemTimeShare: z.number().min(0).lt(1).describe('Surcharge for time outside the counted processes, e.g. 0.25'),
  netAnnualWorkingMinutes: z.number().int().positive().describe('Net working minutes of a full-time post in a year, e.g. 96000'),
});

const processTimes = z.strictObject({
  minutes: z.record(z.string().regex(/^\d{2}\.\d{2}$/, 'a sub-process code as "04.03"'), z.number().positive()).describe('Minutes per sub-process code'),
});

/** Whole cents: a float's cents lie within a millionth of a cent of an integer. */
const wholeCents = (euros: number) => Math.abs(euros * 100 - Math.round(euros * 100)) < 1e-6;

const budgets = z.strictObject({
  years: z
    .record(
      z.string().regex(/^\d{4}$/, 'a year as four digits, e.g. "2025"'),
      z.record(z.string().trim().min(1), z.number().nonnegative().refine(wholeCents, 'euros with at most two decimals, e.g. 1250000.50')),
    )
    .describe('Year (four digits) → social area (as the exports write it) → budget in euros'),
});

const plausibilityRule = (records: (typeof PLAUSIBILITY_RULES)[PlausibilityRuleId]) =>
  z.strictObject({
    name: z.string().trim().min(1).describe('As the team leaders read it'),
    records: z.literal(records).describe('The records the check looks at (fixed by the check)'),
    weakens: z.array(z.enum(WEAKENED_KPIS)).refine(distinct, 'each KPI once').describe('KPIs whose base the rule weakens'),
    active: z.boolean().describe('Whether the rule is checked'),
  });

const plausibilityRules = z.strictObject({
  // Every rule the code checks, each once: a rule is switched off, never dropped.
  rules: z.strictObject(
    Object.fromEntries(Object.entries(PLAUSIBILITY_RULES).map(([id, records]) => [id, plausibilityRule(records)])) as { [Id in PlausibilityRuleId]: ReturnType<typeof plausibilityRule> },
  ),
  openDays: z
    .strictObject({
      default: z.number().int().positive(),
      byCode: z.record(z.string().regex(/^\d{2}\.\d{2}$/, 'a sub-process code as "04.03"'), z.number().int().positive()),
    })
    .describe('Days a sub-process may stay open: per code, else the default'),
});

/**
 * What an office may store as each catalogue: the check of an edit before it becomes a
 * version, so a typo is refused with the field it is in instead of skewing a KPI.
 */
export const CATALOGUE_SCHEMAS = {
  'aid-types': aidTypes,
  'chronicle-types': chronicleTypes,
  staffing,
  'process-times': processTimes,
  budgets,
  'plausibility-rules': plausibilityRules,
} satisfies { readonly [N in CatalogueName]: z.ZodType<Catalogues[N]> };

export const CATALOGUE_NAMES = Object.keys(CATALOGUE_SCHEMAS) as CatalogueName[];

export function isCatalogueName(name: string): name is CatalogueName {
  return (CATALOGUE_NAMES as string[]).includes(name);
}
