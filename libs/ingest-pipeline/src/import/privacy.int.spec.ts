import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEST_BACKENDS } from '@jugendamt/db/testing';
import { defaultRows, writeExportFile, type ExportRowValues } from '../testing/export-files.js';
import { ingestTestKit, type IngestTestKit } from '../testing/ingest-test-kit.js';
import { everyStoredText } from '../testing/personal-values.js';
import { collectExportFiles } from './collect-export-files.js';

const samples = fileURLToPath(new URL('../../../../samples/', import.meta.url));

/** The part of the samples' manifest.json read here: the personal values (names, birth dates, …) the generator wrote into them. */
interface SamplesManifest {
  readonly personalValues: Readonly<Record<string, readonly string[]>>;
}

/** A value as a stored value, not as letters inside a pseudonym (`Ben` may well occur in one). */
function standsAlone(text: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`).test(text);
}

/** What must never reach the database: names, birth dates, free text, and the ids in clear. */
const PERSONAL = {
  name: 'Özdemir-Weißenfels',
  firstName: 'Zoë',
  birthDate: '17.08.2011',
  provider: 'Kinderhaus Sonnenstrahl gGmbH',
  staffName: 'Krüger, Annegret',
  chronicleText: 'Zahlung für Leonie Weißenfels, Mutter ruft zurück',
};
const RAW_IDS = { caseId: 'F0000001', aidId: 'H0000001', subProcessId: 'TP00000001', staffId: 'MA0001', fileReference: '51.1-2023/00001' };

describe.each(TEST_BACKENDS)('Sozialdatenschutz (%s)', (backend) => {
  let kit: IngestTestKit;
  beforeEach(async () => {
    kit = await ingestTestKit(backend);
  });
  afterEach(async () => kit.close());

  it('stores no name, birth date, free text or id in clear, in any table, even from bad rows', async () => {
    const cases = defaultRows('webfm_faelle', 30);
    cases[0] = { ...cases[0]!, Name: PERSONAL.name, Vorname: PERSONAL.firstName, Geburtsdatum: PERSONAL.birthDate };
    // A bad row still carries personal data: its finding must not quote them.
    cases[1] = { ...cases[1]!, Name: PERSONAL.name, Geburtsdatum: PERSONAL.birthDate, Fallbeginn: 'unbekannt' };
    const aids = defaultRows('webfm_hilfen', 30).map((row) => ({ ...row, Leistungserbringer: PERSONAL.provider }));
    const staff = defaultRows('webfm_mitarbeiter', 30);
    staff[0] = { ...staff[0]!, Name: PERSONAL.staffName };
    const chronicle: ExportRowValues[] = defaultRows('14plus_chronik', 30).map((row) => ({ ...row, Text: PERSONAL.chronicleText }));
    chronicle[2] = { ...chronicle[2]!, Aktenzeichen: '51.1 - 2023/777' }; // unlinked: reported
    const summaries = await kit.importFiles([
      writeExportFile(kit.dir, 'webfm_faelle_20240101_0215.csv', 'webfm_faelle', cases),
      writeExportFile(kit.dir, 'webfm_hilfen_20240101_0215.csv', 'webfm_hilfen', aids),
      writeExportFile(kit.dir, 'webfm_teilprozesse_20240101_0215.csv', 'webfm_teilprozesse', defaultRows('webfm_teilprozesse', 30)),
      writeExportFile(kit.dir, 'webfm_mitarbeiter_20240101_0215.csv', 'webfm_mitarbeiter', staff),
      writeExportFile(kit.dir, '14plus_chronik_20240101_0230.csv', '14plus_chronik', chronicle),
    ]);
    expect(summaries.map((s) => s.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    expect(
      summaries
        .flatMap((s) => s.findings)
        .map((f) => f.code)
        .sort(),
    ).toEqual(['bad-value', 'unlinked-chronicle-entry', 'unlinked-chronicle-entry']); // entry 2's case was quarantined

    const dump = await everyStoredText(kit.db);
    expect(dump.get('events')).toContain('ASD Team Nord'); // the scan reads what was stored
    const forbidden = [...Object.values(PERSONAL), ...PERSONAL.name.split('-'), '2011-08-17', ...Object.values(RAW_IDS), '51.1 - 2023/777', '2023/777'];
    const leaks = [...dump].flatMap(([table, text]) => forbidden.filter((value) => text.includes(value)).map((value) => `${table}: ${value}`));
    expect(leaks).toEqual([]);
    // Only the year of birth is kept, as docs/kpis.md needs ages.
    const birthYears = (await kit.events()).flatMap((e) => (e.event_type === 'CaseOpened' ? [(e.payload as { state: { birthYear: number | null } }).state.birthYear] : []));
    expect(birthYears).toContain(2011);
  });

  it('keeps every personal value of the bundled samples out of every table', async () => {
    const manifest = JSON.parse(readFileSync(`${samples}manifest.json`, 'utf8')) as SamplesManifest;
    const summaries = await kit.importFiles(await collectExportFiles([samples]));
    expect(summaries.every((s) => s.status === 'applied' || s.status === 'duplicate')).toBe(true);
    const stored = [...(await everyStoredText(kit.db)).values()].join('\n');
    const values = Object.values(manifest.personalValues).flat();
    expect(values.length).toBeGreaterThan(100);
    expect(values.filter((value) => standsAlone(stored, value))).toEqual([]);
  });
});
