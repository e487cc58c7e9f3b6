import { z } from 'zod';
import { PLAUSIBILITY_RULE_IDS, QUALITY_RECORD_KINDS, WEAKENED_KPIS } from '@jugendamt/projections';
import { rate } from '../kpis/answer-schemas.js';

const count = z.number().int();
const findings = z.partialRecord(z.enum(PLAUSIBILITY_RULE_IDS), count).describe('Findings per active rule; a record may be hit by several.');

export const qualityMonth = z.object({
  month: z.string().describe('YYYY-MM'),
  knownAt: z.string().nullable().describe("When the month's records were read: its end (midnight Europe/Berlin), or asOf if earlier; null: as known now."),
  checked: count.describe('Records live in the month: aids running, sub-processes open or completed in it, payments dated in it.'),
  checkedByKind: z.object(Object.fromEntries(QUALITY_RECORD_KINDS.map((kind) => [kind, count])) as Record<(typeof QUALITY_RECORD_KINDS)[number], typeof count>),
  affected: count.describe('Records hit by at least one active rule.'),
  share: rate('affected ÷ checked × 100'),
  findings,
  shareChange: z.number().nullable().describe('share − the month before, in percentage points; null where either has no records.'),
  shareBefore: z.number().nullable().describe('The mean share of the up to three months before, one decimal; null: none had records.'),
});

const rule = z.object({
  name: z.string(),
  records: z.enum(QUALITY_RECORD_KINDS),
  weakens: z.array(z.enum(WEAKENED_KPIS)).readonly(),
  active: z.boolean(),
});

export const inputQualityAnswer = z.object({
  parameters: z.object({ from: z.string(), to: z.string(), asOf: z.string().optional(), team: z.string().optional() }),
  rulesVersion: count.describe('The version of the plausibility-rules catalogue the answer checked (0: as shipped).'),
  rules: z.record(z.enum(PLAUSIBILITY_RULE_IDS), rule).describe('The rules, as the catalogue names them.'),
  office: z.array(qualityMonth).readonly().describe('The office: every team, payments without case included.'),
  teams: z.array(z.object({ team: z.string().nullable().describe('null: ohne Team, payments whose Aktenzeichen matches no case.'), months: z.array(qualityMonth).readonly() })).readonly(),
});

export type InputQualityAnswer = z.output<typeof inputQualityAnswer>;

export const findingsToFixAnswer = z.object({
  parameters: z.object({ from: z.string(), to: z.string(), team: z.string().optional(), limit: z.number().int(), offset: z.number().int() }),
  total: z.number().int().describe('How many findings the list holds; `findings` is the part from `offset`, at most `limit` (the CSV holds them all).'),
  findings: z
    .array(
      z.object({
        team: z.string().nullable().describe('null: ohne Team, a payment whose Aktenzeichen matches no case.'),
        records: z.enum(QUALITY_RECORD_KINDS),
        rules: z.array(z.enum(PLAUSIBILITY_RULE_IDS)).readonly().describe('The active rules that hit the record.'),
        file: z.string().nullable().describe("The newest export that held the record (in the inbox's done/ for INBOX_KEEP_DAYS); null: imported before lines were kept."),
        line: z.number().int().nullable().describe('Its line in that file (line 1: the header).'),
        observedAt: z.string().nullable().describe('When that export was observed.'),
      }),
    )
    .readonly()
    .describe('Every record live in the months asked and hit as known now, by team, file and line; never a source id.'),
});

export type FindingsToFixAnswer = z.output<typeof findingsToFixAnswer>;

/** The whole list to fix, before the JSON answer takes its page of it (the CSV takes it all). */
export interface FindingsToFixList {
  readonly parameters: Omit<FindingsToFixAnswer['parameters'], 'limit' | 'offset'>;
  readonly findings: FindingsToFixAnswer['findings'];
  readonly rules: InputQualityAnswer['rules'];
}
