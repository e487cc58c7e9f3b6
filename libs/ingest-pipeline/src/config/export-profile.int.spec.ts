import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EXPORT_PROFILE } from '@jugendamt/domain';
import { defaultRows, writeExportFile, type ExportRowValues } from '../testing/export-files.js';
import { ingestTestKit, type IngestTestKit } from '../testing/ingest-test-kit.js';
import { importSettings } from '../import/import-session.js';
import { readIngestSettings } from './ingest-settings.js';
import { exportProfileFrom, loadExportProfile } from './export-profile.js';

const example = fileURLToPath(new URL('../../../../docs/export-profile.example.json', import.meta.url));

describe('mapping profiles', () => {
  it('lays the documented example over the default profile', () => {
    const profile = loadExportProfile(example);
    expect(profile.sources.webfm_hilfen.fields['end']!.header).toBe('Hilfeende');
    expect(profile.sources.webfm_hilfen.fields['begin']!.header).toBe('Beginn');
    expect(profile.sources.webfm_mitarbeiter.delimiter).toBe(',');
    expect(profile.sources['14plus_chronik'].dateFormats).toEqual(['JJJJ-MM-TT', 'TT.MM.JJJJ']);
    expect(profile.sources.webfm_faelle).toBe(DEFAULT_EXPORT_PROFILE.sources.webfm_faelle);
    expect(profile.codeLists.cancellationFlag).toEqual({ values: ['J', 'N'], aliases: { Ja: 'J', Nein: 'N' } });
    expect(profile.codeLists.entryType.values).toContain('MAHNUNG');
  });

  it.each([
    [{ sources: { webfm_hilfen: { headers: { ende: 'Hilfeende' } } } }, /sources\.webfm_hilfen\.headers\.ende: unknown field; known: aidId, caseId, aidType/],
    [{ sources: { webfm_akten: {} } }, /sources: Unrecognized key: "webfm_akten"/],
    [{ sources: { webfm_hilfen: { encoding: 'latin1' } } }, /sources\.webfm_hilfen\.encoding: Invalid option: expected one of "utf-8"\|"windows-1252"/],
    [{ sources: { webfm_hilfen: { delimiter: ';;' } } }, /sources\.webfm_hilfen\.delimiter: the delimiter is one character/],
    [{ sources: { webfm_hilfen: { dateFormats: ['JJJJ-MM'] } } }, /sources\.webfm_hilfen\.dateFormats: "JJJJ-MM" must hold TT exactly once/],
    [{ sources: { webfm_hilfen: { timestampFormats: ['TT.MM.JJJJ'] } } }, /timestampFormats: "TT\.MM\.JJJJ" must hold HH, MI exactly once/],
    [{ sources: { webfm_hilfen: { headers: { end: 'Beginn' } } } }, /sources\.webfm_hilfen\.headers: "Beginn" names both begin and end/],
    [{ codeLists: { cancellationFlag: { aliases: { Ja: 'Y' } } } }, /codeLists\.cancellationFlag\.aliases\.Ja: "Y" is not a value of the list \(J, N\)/],
    [{ codeLists: { cancellationFlag: { aliases: { J: 'N' } } } }, /codeLists\.cancellationFlag\.aliases\.J: "J" is itself a value of the list/],
    [{ sources: { webfm_hilfen: { delimiter: '"' } } }, /sources\.webfm_hilfen\.delimiter: the delimiter cannot be a quote or a line end/],
    [{ sources: { webfm_hilfen: { timestampFormats: ['TT.MM.JJJJ HH:MI:SS:SS'] } } }, /timestampFormats: "TT\.MM\.JJJJ HH:MI:SS:SS" may hold SS only once/],
    [{ extends: 'musterstadt' }, /extends: Invalid input: expected "default"/],
    [{ codeLists: { colours: {} } }, /codeLists: Unrecognized key: "colours"/],
    [{ sources: {}, extra: 1 }, /\(top\): Unrecognized key: "extra"/],
  ])('names the mistake by its JSON path: %j', (mistake, message) => {
    expect(() => exportProfileFrom({ name: 'Test', ...mistake }, 'test.json')).toThrow(message);
  });

  it('accepts identity aliases and trims an alias as cells are trimmed', () => {
    const profile = exportProfileFrom({ name: 'Test', codeLists: { cancellationFlag: { aliases: { J: 'J', ' Ja ': 'J' } } } });
    expect(profile.codeLists.cancellationFlag.aliases).toEqual({ J: 'J', Ja: 'J' });
  });

  it('reads a file saved with a byte order mark', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'profile-')), 'bom.json');
    writeFileSync(path, '\uFEFF' + JSON.stringify({ name: 'Mit BOM', sources: { webfm_hilfen: { headers: { end: 'Hilfeende' } } } }));
    expect(loadExportProfile(path).sources.webfm_hilfen.fields['end']!.header).toBe('Hilfeende');
  });

  it('is taken from --profile, else from EXPORT_PROFILE, else the default', () => {
    const env = { PSEUDONYM_KEY: 'ab'.repeat(32) };
    const documented = loadExportProfile(example);
    expect(importSettings({}, readIngestSettings(env)).profile).toBe(DEFAULT_EXPORT_PROFILE);
    expect(importSettings({}, readIngestSettings({ ...env, EXPORT_PROFILE: example })).profile.name).toBe(documented.name);
    expect(() => importSettings({ profilePath: 'missing.json' }, readIngestSettings({ ...env, EXPORT_PROFILE: example }))).toThrow(/^profile missing\.json: ENOENT/);
  });

  it('requires a name and readable JSON', () => {
    expect(() => exportProfileFrom({}, 'test.json')).toThrow(/profile test\.json: name: Invalid input/);
    const path = join(fileURLToPath(new URL('.', import.meta.url)), 'does-not-exist.json');
    expect(() => loadExportProfile(path)).toThrow(/^profile .*does-not-exist\.json: ENOENT/);
  });

  describe('read end to end', () => {
    let kit: IngestTestKit;
    beforeEach(async () => {
      kit = await ingestTestKit('pglite');
    });
    afterEach(async () => kit.close());

    it('imports an office whose exports differ in headers, delimiter, date formats and code spellings', async () => {
      const profile = loadExportProfile(example);
      const renamed = (row: ExportRowValues, names: Record<string, string>) => Object.fromEntries(Object.entries(row).map(([h, v]) => [names[h] ?? h, v]));
      const aidHeaders = Object.values(profile.sources.webfm_hilfen.fields).map((f) => f.header);
      const aids = defaultRows('webfm_hilfen', 3).map((row, at) =>
        renamed(at === 0 ? { ...row, Ende: '30.11.2023', Beendigungsgrund: 'Beendigung gemäß Hilfeplan' } : row, { Ende: 'Hilfeende', Beendigungsgrund: 'Grund der Beendigung' }),
      );
      const staffHeaders = Object.values(profile.sources.webfm_mitarbeiter.fields).map((f) => f.header);
      const staff = defaultRows('webfm_mitarbeiter', 2).map((row) => renamed({ ...row, Stellenanteil: '0,5', Name: 'Krüger Annegret' }, { Stellenanteil: 'VZÄ' }));
      const entries = defaultRows('14plus_chronik', 2).map((row, at) => ({
        ...row,
        Datum: '2023-12-01',
        'Erfasst am': '2023-12-01 10:15:00',
        'Zeitraum von': '01.11.2023',
        Storniert: at ? 'Ja' : 'Nein',
        'Bezug-Nr': at ? '100001' : '',
      }));
      const summaries = await kit.importFiles(
        [
          writeExportFile(kit.dir, 'webfm_hilfen_20240101_0215.csv', 'webfm_hilfen', aids, { headers: aidHeaders }),
          writeExportFile(kit.dir, 'webfm_mitarbeiter_20240101_0215.csv', 'webfm_mitarbeiter', staff, { headers: staffHeaders, delimiter: ',' }),
          writeExportFile(kit.dir, '14plus_chronik_20240101_0230.csv', '14plus_chronik', entries),
        ],
        { profile },
      );
      expect(summaries.map((s) => [s.status, s.rowsQuarantined, s.findings.filter((f) => f.severity !== 'warning')])).toEqual([
        ['applied', 0, []],
        ['applied', 0, []],
        ['applied', 0, []],
      ]);
      const states = (await kit.events()).map((e) => (e.payload as { state: Record<string, unknown> }).state);
      expect(states).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ end: '2023-11-30', reasonOfEnding: 'Beendigung gemäß Hilfeplan' }),
          expect.objectContaining({ fte: 0.5 }),
          expect.objectContaining({ date: '2023-12-01', recordedAt: '2023-12-01T10:15:00', cancelling: true, cancelledEntryNo: 100001 }),
        ]),
      );
    });

    it("reads a population file of the office's own making: headers, ISO dates and its spelling of Geschlecht", async () => {
      const profile = exportProfileFrom({
        name: 'Statistikstelle',
        sources: { einwohner: { headers: { residents: 'Einwohner', ageTo: 'Alter bis einschl.' }, dateFormats: ['JJJJ-MM-TT'] } },
        codeLists: { populationGender: { aliases: { männlich: 'm', weiblich: 'w', divers: 'd' } } },
      });
      const headers = ['Stichtag', 'Sozialraum', 'Alter von', 'Alter bis einschl.', 'Einwohner', 'Geschlecht'];
      const rows = ['männlich', 'weiblich', 'divers'].map((gender, at) => ['2023-12-31', 'SR 01 Altstadt', '0', '2', String(10 + at), gender]);
      const [summary] = await kit.importFiles([writeExportFile(kit.dir, 'einwohner_20240115.csv', 'einwohner', rows, { headers })], { profile });
      expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 0, eventsAppended: 1 });
      const [event] = await kit.events();
      expect(event?.payload).toEqual({ state: { stichtag: '2023-12-31', socialArea: 'SR 01 Altstadt', ageFrom: 0, ageTo: 2, residents: 33 } });
    });

    it("names the profile's formats when a date does not fit them", async () => {
      const profile = loadExportProfile(example);
      const entries = defaultRows('14plus_chronik', 40).map((row, at) => ({ ...row, 'Erfasst am': '2023-12-01 10:15', Datum: at === 3 ? '2023/12/01' : '2023-12-01' }));
      const [summary] = await kit.importFiles([writeExportFile(kit.dir, '14plus_chronik_20240101_0230.csv', '14plus_chronik', entries)], { profile });
      expect(summary!.findings.filter((f) => f.severity === 'error')).toEqual([
        expect.objectContaining({ code: 'bad-value', line: 5, column: 'Datum', message: 'Datum: not a date (expected JJJJ-MM-TT or TT.MM.JJJJ): "2023/12/01"' }),
      ]);
    });
  });
});
