import { defaultRows, writeExportFile, type ExportRowValues } from '@jugendamt/ingest-pipeline/testing';

/**
 * A tiny office whose figures are worked out by hand in the tests that use it: two nights of
 * exports (5 and 6 January 2026), three cases, four aids, four sub-processes, two staff and
 * three 14plus entries.
 */
export function writeHandMadeOffice(dir: string): { night1: string[]; night2: string[] } {
  const cases = defaultRows('webfm_faelle', 3).map((row, i) => ({
    ...row,
    Team: i === 1 ? 'ASD Team Süd' : 'ASD Team Nord',
    Sozialraum: i === 1 ? 'SR 02 Neustadt' : 'SR 01 Altstadt',
  }));
  const aid = (n: number, fields: ExportRowValues) => ({ ...defaultRows('webfm_hilfen', 1, n)[0]!, ...fields });
  const returned = { Beendigungsgrund: 'Beendigung gemäß Hilfeplan', 'Aufenthalt nach Hilfeende': 'im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten' };
  const aidsNight1 = [
    // H1: residential care in 2025, ended as planned, back home: the return.
    aid(1, { Hilfeart: 'Heimerziehung § 34', Paragraph: '§ 34 SGB VIII', Beginn: '01.03.2025', Ende: '31.10.2025', ...returned, 'Geändert am': '31.10.2025 10:00' }),
    // H2: foster care since 2024, still running, team Süd.
    aid(2, { Hilfeart: 'Vollzeitpflege', Paragraph: '§ 33 SGB VIII', Beginn: '01.01.2024', Team: 'ASD Team Süd' }),
    // H3 and H4: ambulant aids of case 3 and case 1 begun in 2025.
    aid(3, { 'Fall-ID': 'F0000003', Hilfeart: 'SPFH', Paragraph: '§ 31 SGB VIII', Beginn: '15.06.2025' }),
    aid(4, { 'Fall-ID': 'F0000001', Hilfeart: 'Erziehungsbeistand', Paragraph: '§ 30 SGB VIII', Beginn: '01.11.2025' }),
  ];
  // The second night learns that H3 ended on 20.12.2025.
  const aidsNight2 = aidsNight1.map((row) =>
    row['Hilfe-ID'] === 'H0000003'
      ? {
          ...row,
          Ende: '20.12.2025',
          Beendigungsgrund: 'Beendigung gemäß Hilfeplan',
          'Aufenthalt nach Hilfeende': 'im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten',
          'Geändert am': '05.01.2026 09:00',
        }
      : row,
  );
  const subProcess = (n: number, fields: ExportRowValues) => ({ ...defaultRows('webfm_teilprozesse', 1, n)[0]!, 'Fall-ID': 'F0000001', ...fields });
  const subProcesses = [
    subProcess(1, { Status: 'abgeschlossen', 'Begonnen am': '03.03.2025 09:00', 'Abgeschlossen am': '10.03.2025 11:00' }),
    subProcess(2, { Status: 'abgeschlossen', 'Begonnen am': '02.05.2025 09:00', 'Abgeschlossen am': '12.05.2025 11:00' }),
    subProcess(3, { Status: 'abgeschlossen', Team: 'ASD Team Süd', 'Fall-ID': 'F0000002', 'Begonnen am': '03.02.2025 09:00', 'Abgeschlossen am': '20.02.2025 11:00' }),
    subProcess(4, { Status: 'offen', 'Begonnen am': '01.12.2025 09:00' }),
  ];
  const staff = [{ ...defaultRows('webfm_mitarbeiter', 1, 1)[0]! }, { ...defaultRows('webfm_mitarbeiter', 1, 2)[0]!, Team: 'ASD Team Süd', Stellenanteil: '0,5' }];
  const entry = (n: number, fields: ExportRowValues) => ({ ...defaultRows('14plus_chronik', 1, n)[0]!, Aktenzeichen: '51.1 - 2023/1', ...fields });
  const chronicle = [
    entry(1, { Datum: '30.04.2025', 'Erfasst am': '30.04.2025 10:00', Betrag: '1.000,00', 'Zeitraum von': '01.04.2025', 'Zeitraum bis': '30.04.2025' }),
    entry(2, { Datum: '05.05.2025', 'Erfasst am': '05.05.2025 10:00', Sachgebiet: 'WJH Kostenbeitrag', Eintragsart: 'KOSTENBEITRAG', Betrag: '-200,00', 'Zeitraum von': '', 'Zeitraum bis': '' }),
    entry(3, { Datum: '06.05.2025', 'Erfasst am': '06.05.2025 10:00', Eintragsart: 'VERMERK', Betrag: '', Hilfeart: '', 'Zeitraum von': '', 'Zeitraum bis': '' }),
  ];
  const night = (day: string, hilfen: ExportRowValues[]) => [
    writeExportFile(dir, `webfm_faelle_202601${day}_0215.csv`, 'webfm_faelle', cases),
    writeExportFile(dir, `webfm_hilfen_202601${day}_0215.csv`, 'webfm_hilfen', hilfen),
    writeExportFile(dir, `webfm_teilprozesse_202601${day}_0215.csv`, 'webfm_teilprozesse', subProcesses),
    writeExportFile(dir, `webfm_mitarbeiter_202601${day}_0215.csv`, 'webfm_mitarbeiter', staff),
    writeExportFile(dir, `14plus_chronik_202601${day}_0230.csv`, '14plus_chronik', chronicle),
  ];
  return { night1: night('05', aidsNight1), night2: night('06', aidsNight2) };
}
