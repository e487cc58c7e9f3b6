import { defaultRows, writeExportFile, type ExportRowValues } from './export-files.js';

/** When each night's exports were observed (their file names say so). */
export const QUALITY_NIGHTS = {
  /** 15.12.2025 02:15 Berlin. */
  december: new Date('2025-12-15T01:15:00Z'),
  /** 20.01.2026 02:15 Berlin. */
  january: new Date('2026-01-20T01:15:00Z'),
  /** 10.02.2026 02:15 Berlin: fixes H3's Hilfeart, closes TP1, brings the case of E4. */
  february: new Date('2026-02-10T01:15:00Z'),
} as const;

const ENDED_AS_PLANNED = 'Beendigung gemäß Hilfeplan';
const BACK_HOME = 'im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten';

/**
 * A small office with a gap planted for every plausibility rule, over three nights
 * (docs/data-quality.md); the tests that use it count its findings by hand. Cases F1 and F3 are
 * Team Nord's (F3 ended on 30.11.2025), F2 Team Süd's; F4 (Süd) comes in February.
 *
 * - H1 (F1, Nord): Heimerziehung, running: clean.
 * - H2 (F1, Nord): Heimerziehung, ends 10.01.2026 without Beendigungsgrund and Aufenthalt; February fills both.
 * - H3 (F2, Süd): Hilfeart "Sonderhilfe" the catalogue does not know; February corrects it to SPFH.
 * - H4 (F9, Süd): its case is in no export.
 * - H5 (F3, Nord): SPFH running past its case's end.
 * - H6 (F2, Süd): Erziehungsbeistand, ends 15.01.2026 with a reason (ambulant: no Aufenthalt needed).
 * - TP1 (Nord, 04.03) open since 01.09.2025, closed on 05.02.2026; TP2 (Süd, 04.03) open since
 *   01.11.2025; TP3 (Nord, 01.01) 10.–12.12.2025.
 * - Payments: E1 (F1, 05.12.2025), E2 (no case, 10.12.2025), E3 (F2, 12.01.2026), E4 (Aktenzeichen
 *   of F4, 15.01.2026, before F4 is exported); E5 a Kostenbeitrag without case, not a payment.
 */
export function writeQualityOffice(dir: string): { december: string[]; january: string[]; february: string[] } {
  const aCase = (n: number, fields: ExportRowValues) => ({ ...defaultRows('webfm_faelle', 1, n)[0]!, ...fields });
  const cases = [
    aCase(1, { Team: 'ASD Team Nord' }),
    aCase(2, { Team: 'ASD Team Süd', Sozialraum: 'SR 02 Neustadt' }),
    aCase(3, { Team: 'ASD Team Nord', Fallende: '30.11.2025', 'Geändert am': '30.11.2025 09:00' }),
  ];
  const caseOfE4 = aCase(4, { Team: 'ASD Team Süd', Sozialraum: 'SR 02 Neustadt', Aktenzeichen: '51.1-2023/00098', Fallbeginn: '01.02.2026', 'Geändert am': '01.02.2026 09:00' });

  const aid = (n: number, fields: ExportRowValues) => ({ ...defaultRows('webfm_hilfen', 1, n)[0]!, ...fields });
  const h1 = aid(1, { Hilfeart: 'Heimerziehung', Beginn: '01.03.2025' });
  const h2 = aid(2, { 'Fall-ID': 'F0000001', Hilfeart: 'Heimerziehung', Beginn: '01.06.2025' });
  const h2Ended = { ...h2, Ende: '10.01.2026', 'Geändert am': '10.01.2026 10:00' };
  const h2Fixed = { ...h2Ended, Beendigungsgrund: ENDED_AS_PLANNED, 'Aufenthalt nach Hilfeende': BACK_HOME, 'Geändert am': '03.02.2026 10:00' };
  const h3 = aid(3, { 'Fall-ID': 'F0000002', Hilfeart: 'Sonderhilfe', Paragraph: '§ 27 SGB VIII', Beginn: '01.10.2025', Team: 'ASD Team Süd' });
  const h3Fixed = { ...h3, Hilfeart: 'SPFH', Paragraph: '§ 31 SGB VIII', 'Geändert am': '04.02.2026 10:00' };
  const h4 = aid(4, { 'Fall-ID': 'F0000009', Hilfeart: 'Vollzeitpflege', Paragraph: '§ 33 SGB VIII', Beginn: '01.11.2025', Team: 'ASD Team Süd' });
  const h5 = aid(5, { 'Fall-ID': 'F0000003', Hilfeart: 'SPFH', Paragraph: '§ 31 SGB VIII', Beginn: '01.01.2025' });
  const h6 = aid(6, { 'Fall-ID': 'F0000002', Hilfeart: 'Erziehungsbeistand', Paragraph: '§ 30 SGB VIII', Beginn: '01.12.2025', Team: 'ASD Team Süd' });
  const h6Ended = { ...h6, Ende: '15.01.2026', Beendigungsgrund: ENDED_AS_PLANNED, 'Geändert am': '15.01.2026 10:00' };

  const subProcess = (n: number, fields: ExportRowValues) => ({ ...defaultRows('webfm_teilprozesse', 1, n)[0]!, 'Fall-ID': 'F0000001', ...fields });
  const tp1 = subProcess(1, { 'Begonnen am': '01.09.2025 09:00' });
  const tp1Closed = { ...tp1, Status: 'abgeschlossen', 'Abgeschlossen am': '05.02.2026 11:00' };
  const tp2 = subProcess(2, { 'Fall-ID': 'F0000002', Team: 'ASD Team Süd', 'Begonnen am': '01.11.2025 09:00' });
  const tp3 = subProcess(3, { Kernprozess: '01 Eingang', Teilprozess: '01.01 Erstkontakt', 'Begonnen am': '10.12.2025 09:00', 'Abgeschlossen am': '12.12.2025 11:00', Status: 'abgeschlossen' });

  const entry = (n: number, reference: string, day: string, fields: ExportRowValues = {}) => ({
    ...defaultRows('14plus_chronik', 1, n)[0]!,
    Aktenzeichen: reference,
    Datum: day,
    'Erfasst am': `${day} 10:00`,
    ...fields,
  });
  const december = [entry(1, '51.1 - 2023/1', '05.12.2025'), entry(2, '51.1 - 2023/99', '10.12.2025')];
  const january = [
    entry(3, '51.1 - 2023/2', '12.01.2026'),
    entry(4, '51.1 - 2023/98', '15.01.2026'),
    entry(5, '51.1 - 2023/97', '16.01.2026', { Sachgebiet: 'WJH Kostenbeitrag', Eintragsart: 'KOSTENBEITRAG', Betrag: '-100,00', 'Zeitraum von': '', 'Zeitraum bis': '' }),
  ];

  const night = (stamp: string, faelle: ExportRowValues[], hilfen: ExportRowValues[], teilprozesse: ExportRowValues[], chronik: ExportRowValues[]) => [
    writeExportFile(dir, `webfm_faelle_${stamp}_0215.csv`, 'webfm_faelle', faelle),
    writeExportFile(dir, `webfm_hilfen_${stamp}_0215.csv`, 'webfm_hilfen', hilfen),
    writeExportFile(dir, `webfm_teilprozesse_${stamp}_0215.csv`, 'webfm_teilprozesse', teilprozesse),
    // February's 14plus export is not delivered: nothing was recorded.
    ...(chronik.length ? [writeExportFile(dir, `14plus_chronik_${stamp}_0215.csv`, '14plus_chronik', chronik)] : []),
  ];
  return {
    december: night('20251215', cases, [h1, h2, h3, h4, h5, h6], [tp1, tp2, tp3], december),
    january: night('20260120', cases, [h1, h2Ended, h3, h4, h5, h6Ended], [tp1, tp2], january),
    february: night('20260210', [...cases, caseOfE4], [h1, h2Fixed, h3Fixed, h4, h5, h6Ended], [tp1Closed, tp2], []),
  };
}
