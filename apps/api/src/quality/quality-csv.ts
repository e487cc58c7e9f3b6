import { PLAUSIBILITY_RULE_IDS, type PlausibilityRuleId } from '@jugendamt/projections';
import { spreadsheetCsv, type CsvCell } from '../http/spreadsheet-csv.js';
import type { FindingsToFixList, InputQualityAnswer } from './quality-answer.js';

type QualityMonth = InputQualityAnswer['office'][number];

/**
 * The sheet the Fachadministration sends to a team leader: one line per month with the
 * records checked, those hit, the share and its trend, then one column per active rule.
 * German headings, numbers as German Excel reads them; no record is named.
 */
export function teamQualityCsv(answer: InputQualityAnswer, team: string): Buffer {
  // A team without records in the months still gets its sheet: every month, nothing checked.
  const months: readonly QualityMonth[] =
    answer.teams.find((t) => t.team === team)?.months ?? answer.office.map((m) => ({ ...m, checked: 0, affected: 0, share: null, shareChange: null, shareBefore: null, findings: {} }));
  const rules = PLAUSIBILITY_RULE_IDS.filter((id) => answer.rules[id]?.active) as PlausibilityRuleId[];
  const header = [
    'Team',
    'Monat',
    'Geprüfte Datensätze',
    'Betroffene Datensätze',
    'Anteil betroffen (%)',
    'Veränderung zum Vormonat (Prozentpunkte)',
    'Anteil der drei Vormonate (%)',
    ...rules.map((id) => answer.rules[id]!.name),
  ];
  const rows: CsvCell[][] = months.map((m) => [team, m.month, m.checked, m.affected, m.share, m.shareChange, m.shareBefore, ...rules.map((id) => m.findings[id] ?? 0)]);
  return spreadsheetCsv([header, ...rows]);
}

const RECORDS_DE: Readonly<Record<string, string>> = { aids: 'Hilfe', 'sub-processes': 'Teilprozess', payments: 'Zahlung' };

/** What the team corrects: one line per record, where it stands in the export, and the rules it breaks. */
export function findingsToFixCsv({ findings, rules }: FindingsToFixList): Buffer {
  const rows: CsvCell[][] = findings.map((f) => [f.team ?? 'ohne Team', RECORDS_DE[f.records] ?? f.records, f.rules.map((id) => rules[id]?.name ?? id).join(', '), f.file, f.line]);
  return spreadsheetCsv([['Team', 'Datensatz', 'Regel', 'Datei', 'Zeile'], ...rows]);
}
