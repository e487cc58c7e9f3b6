import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_BACKENDS } from '@jugendamt/db/testing';
import { DEFAULT_EXPORT_PROFILE, EXPORT_SOURCES } from '@jugendamt/domain';
import type { Finding } from './finding.js';
import { defaultRows, exportFileBytes, writeExportFile, type ExportRowValues } from '../testing/export-files.js';
import { ingestTestKit, storedFindings, type IngestTestKit } from '../testing/ingest-test-kit.js';
import { personalValuesFound, personalValuesOf } from '../testing/personal-values.js';

const AIDS = 'webfm_hilfen_20240101_0215.csv';
const CHRONICLE = '14plus_chronik_20240101_0230.csv';
const ROWS = 40; // one bad row is 2.5 %: under the 5 % that rejects a file
const PERSONAL_VALUES_OF_DEFAULT_ROWS = EXPORT_SOURCES.flatMap((source) => personalValuesOf(source, defaultRows(source, 100)));

/**
 * Every kind of bad input docs/exports.md names: each ends in its own message with line and
 * column in the import's report, and the rest of the file is applied (row problems) or
 * nothing of it (file problems). Runs on both back ends because the report is stored.
 */
describe.each(TEST_BACKENDS)('bad input (%s)', (backend) => {
  let kit: IngestTestKit;
  beforeEach(async () => {
    kit = await ingestTestKit(backend);
  });
  afterEach(async () => {
    // Whatever broke, no name, provider, birth date or raw id of the files reached a table or a stored report.
    expect(await personalValuesFound(kit.db, PERSONAL_VALUES_OF_DEFAULT_ROWS)).toEqual([]);
    await kit.close();
  });

  /** Imports 40 aids whose row number `at` (0-based, so line at + 2) is edited. */
  async function importAidsWithBadRow(at: number, edit: (row: ExportRowValues) => ExportRowValues | string[]) {
    const rows: (ExportRowValues | string[])[] = defaultRows('webfm_hilfen', ROWS);
    rows[at] = edit(rows[at] as ExportRowValues);
    const [summary] = await kit.importFiles([writeExportFile(kit.dir, AIDS, 'webfm_hilfen', rows)]);
    const aidsApplied = (await kit.events()).filter((e) => e.event_type === 'AidStarted').length;
    return { summary: summary!, aidsApplied, errors: summary!.findings.filter((f) => f.severity === 'error') };
  }

  const rowCases: { name: string; at: number; edit: (row: ExportRowValues) => ExportRowValues | string[]; finding: Finding }[] = [
    {
      name: 'a row with a field too few',
      at: 4,
      edit: (row) => Object.values(row).slice(0, -1),
      finding: { severity: 'error', code: 'bad-row', line: 6, message: 'the row has 11 fields, the header has 12' },
    },
    {
      name: 'an unparsable date',
      at: 0,
      edit: (row) => ({ ...row, Beginn: '1.3.23' }),
      finding: { severity: 'error', code: 'bad-value', line: 2, field: 'begin', column: 'Beginn', message: 'Beginn: not a date (expected TT.MM.JJJJ): "1.3.23"' },
    },
    {
      name: 'a day that does not exist',
      at: 7,
      edit: (row) => ({ ...row, Beginn: '30.02.2023' }),
      finding: { severity: 'error', code: 'bad-value', line: 9, field: 'begin', column: 'Beginn', message: 'Beginn: no such day: "30.02.2023"' },
    },
    {
      name: 'an unparsable timestamp',
      at: 3,
      edit: (row) => ({ ...row, 'Geändert am': '01.03.2023 25:00' }),
      finding: { severity: 'error', code: 'bad-value', line: 5, field: 'changedAt', column: 'Geändert am', message: 'Geändert am: no such time: "01.03.2023 25:00"' },
    },
    {
      name: 'a date after the export date',
      at: 39,
      edit: (row) => ({ ...row, Beginn: '02.01.2024' }),
      finding: { severity: 'error', code: 'future-date', line: 41, field: 'begin', column: 'Beginn', message: 'Beginn 02.01.2024 lies after the export date 01.01.2024' },
    },
    {
      name: 'a date before 1990',
      at: 1,
      edit: (row) => ({ ...row, Beginn: '31.12.1989' }),
      finding: { severity: 'error', code: 'implausible-date', line: 3, field: 'begin', column: 'Beginn', message: 'Beginn 31.12.1989 lies before 01.01.1990' },
    },
    {
      name: 'an Ende before Beginn',
      at: 2,
      edit: (row) => ({ ...row, Ende: '28.02.2023', Beendigungsgrund: 'sonstige Gründe' }),
      finding: { severity: 'error', code: 'end-before-begin', line: 4, field: 'end', column: 'Ende', message: 'Ende lies before Beginn' },
    },
    {
      name: 'a missing required value',
      at: 5,
      edit: (row) => ({ ...row, Team: '  ' }),
      finding: { severity: 'error', code: 'missing-value', line: 7, field: 'team', column: 'Team', message: 'Team is empty but required' },
    },
  ];

  it.each(rowCases)('quarantines $name with line, column and reason, and applies the other rows', async ({ at, edit, finding }) => {
    const { summary, aidsApplied, errors } = await importAidsWithBadRow(at, edit);
    expect(summary).toMatchObject({ status: 'applied', rowsRead: ROWS, rowsQuarantined: 1 });
    expect(errors).toEqual([finding]);
    expect(aidsApplied).toBe(ROWS - 1);
    expect(await storedFindings(kit.db, summary.importId)).toEqual(summary.findings);
  });

  it('quarantines an unparsable number in the staff snapshot', async () => {
    const rows = defaultRows('webfm_mitarbeiter', ROWS).map((row, at) => (at === 9 ? { ...row, Stellenanteil: '0.75.1' } : row));
    const [summary] = await kit.importFiles([writeExportFile(kit.dir, 'webfm_mitarbeiter_20240101_0215.csv', 'webfm_mitarbeiter', rows)]);
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 1, eventsAppended: ROWS - 1 });
    expect(summary!.findings).toEqual([
      { severity: 'error', code: 'bad-value', line: 11, field: 'fte', column: 'Stellenanteil', message: 'Stellenanteil: not a number (expected e.g. 0,75 or 1.234,56): "0.75.1"' },
    ]);
  });

  it('quarantines every row of an id that occurs twice in a snapshot', async () => {
    const rows = defaultRows('webfm_hilfen', ROWS);
    rows[30] = { ...rows[30]!, 'Hilfe-ID': rows[10]!['Hilfe-ID']! };
    const [summary] = await kit.importFiles([writeExportFile(kit.dir, AIDS, 'webfm_hilfen', rows)]);
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 2, eventsAppended: ROWS - 2 });
    expect(summary!.findings).toEqual([
      {
        severity: 'error',
        code: 'duplicate-id',
        line: 32,
        field: 'aidId',
        column: 'Hilfe-ID',
        message: 'duplicate Hilfe-ID (also on line 12): every row of this id is quarantined, the record stays as it was',
      },
    ]);
  });

  it('keeps an unknown code as it is and notes it', async () => {
    const { summary, aidsApplied } = await importAidsWithBadRow(0, (row) => ({ ...row, Ende: '30.11.2023', Beendigungsgrund: 'Umzug' }));
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 0 });
    expect(aidsApplied).toBe(ROWS);
    expect(summary.findings).toEqual([
      {
        severity: 'warning',
        code: 'unknown-code',
        line: 2,
        field: 'reasonOfEnding',
        column: 'Beendigungsgrund',
        message: 'Beendigungsgrund "Umzug" is not in the code list: kept as it is, counted as unbekannt',
      },
    ]);
    const endedAids = (await kit.events()).filter((e) => (e.payload as { state: { end: string | null } }).state.end !== null);
    expect(endedAids.map((e) => e.payload)).toEqual([expect.objectContaining({ state: expect.objectContaining({ reasonOfEnding: 'Umzug' }) })]);
  });

  it('accepts the statistics code in front of a code value and notes an aid ended without reason', async () => {
    const { summary } = await importAidsWithBadRow(0, (row) => ({ ...row, Ende: '30.11.2023', 'Aufenthalt nach Hilfeende': '01 im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten' }));
    expect(summary.findings).toEqual([
      { severity: 'warning', code: 'missing-reason-of-ending', line: 2, field: 'reasonOfEnding', column: 'Beendigungsgrund', message: 'aid ended without Beendigungsgrund' },
    ]);
  });

  it('reads quoted fields holding the delimiter, quotes and line breaks, and counts lines as an editor does', async () => {
    const rows = defaultRows('webfm_hilfen', ROWS);
    rows[0] = { ...rows[0]!, Leistungserbringer: 'Träger "Regenbogen";\r\nHaus 2' };
    rows[1] = { ...rows[1]!, Beginn: 'morgen' };
    const [summary] = await kit.importFiles([writeExportFile(kit.dir, AIDS, 'webfm_hilfen', rows)]);
    expect(summary).toMatchObject({ status: 'applied', rowsRead: ROWS, rowsQuarantined: 1 });
    expect(summary!.findings.map((f) => f.line)).toEqual([4]);
  });

  describe('file problems reject the whole file, which changes nothing', () => {
    async function expectRejected(name: string, bytes: Buffer, message: string | RegExp, line?: number) {
      const path = join(kit.dir, name);
      writeFileSync(path, bytes);
      const [summary] = await kit.importFiles([path]);
      expect(summary).toMatchObject({ status: 'rejected', eventsAppended: 0 });
      const errors = summary!.findings.filter((f) => f.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toMatch(message);
      expect(errors[0]!.line).toBe(line);
      expect(await kit.events()).toEqual([]);
      return summary!;
    }

    it('a WebFM file in Windows-1252 instead of UTF-8', async () => {
      const rows = defaultRows('webfm_hilfen', ROWS).map((row, at) => (at === 6 ? { ...row, Team: 'ASD Team Süd' } : row));
      await expectRejected(AIDS, exportFileBytes('webfm_hilfen', rows, { encoding: 'windows-1252' }), 'the file is not valid UTF-8 as the profile declares (Windows-1252 umlauts?)', 1);
    });

    it('a 14plus file in UTF-8 instead of Windows-1252', async () => {
      const rows = defaultRows('14plus_chronik', ROWS);
      await expectRejected(
        CHRONICLE,
        exportFileBytes('14plus_chronik', rows, { encoding: 'utf-8', bom: false }),
        'the file looks like UTF-8 (umlauts in two bytes), but the profile declares Windows-1252',
        2,
      );
    });

    it('a 14plus file with a UTF-8 byte order mark', async () => {
      await expectRejected(CHRONICLE, exportFileBytes('14plus_chronik', defaultRows('14plus_chronik', 3), { encoding: 'utf-8', bom: true }), /starts with a UTF-8 byte order mark/, 1);
    });

    it('an empty file', async () => {
      await expectRejected(AIDS, Buffer.alloc(0), 'the file is empty');
    });

    it('a file that is not CSV at all', async () => {
      const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
      await expectRejected(AIDS, zip, 'the file is not CSV text: it holds binary data (NUL bytes)', 1);
    });

    it('a text file that is no export', async () => {
      await expectRejected(
        AIDS,
        Buffer.from('Sehr geehrte Damen und Herren,\r\nanbei die Liste.\r\n'),
        'not a webfm_hilfen export: the first line holds none of its columns (is the file CSV with ";"?)',
        1,
      );
    });

    it('a header without a required column, named', async () => {
      const headers = Object.values(DEFAULT_EXPORT_PROFILE.sources.webfm_hilfen.fields)
        .map((f) => f.header)
        .filter((h) => h !== 'Beginn');
      await expectRejected(AIDS, exportFileBytes('webfm_hilfen', defaultRows('webfm_hilfen', ROWS), { headers }), 'required column "Beginn" missing in the header', 1);
    });

    it('a file that stops in the middle of a quoted field', async () => {
      const whole = exportFileBytes('webfm_hilfen', [...defaultRows('webfm_hilfen', 30), { ...defaultRows('webfm_hilfen', 1, 31)[0]!, Leistungserbringer: 'Träger; "Haus am See"' }]);
      const cut = whole.subarray(0, whole.lastIndexOf('Haus am See'));
      await expectRejected(AIDS, cut, 'the file ends inside a quoted field: the quote of the row starting on line 32 is never closed (truncated file?)', 32);
    });

    it('a file name that names no export', async () => {
      const summary = await expectRejected('hilfen_export.csv', exportFileBytes('webfm_hilfen', defaultRows('webfm_hilfen', 3)), /does not follow <source>_JJJJMMTT\[_HHMM\]\.csv/);
      expect(summary.source).toBeNull();
    });
  });

  it('applies a good file after a rejected one of the same night', async () => {
    writeFileSync(join(kit.dir, AIDS), Buffer.alloc(0));
    const [rejected] = await kit.importFiles([join(kit.dir, AIDS)]);
    expect(rejected!.status).toBe('rejected');
    const [applied] = await kit.importFiles([writeExportFile(kit.dir, AIDS, 'webfm_hilfen', defaultRows('webfm_hilfen', ROWS))]);
    expect(applied).toMatchObject({ status: 'applied', eventsAppended: ROWS });
  });

  it('reads columns by name in any order and reports unknown ones once', async () => {
    const known = Object.values(DEFAULT_EXPORT_PROFILE.sources.webfm_hilfen.fields).map((f) => f.header);
    const headers = ['Bemerkung intern', ...known.reverse()];
    const rows = defaultRows('webfm_hilfen', ROWS).map((row) => ({ ...row, 'Bemerkung intern': 'Rückruf' }));
    const [summary] = await kit.importFiles([writeExportFile(kit.dir, AIDS, 'webfm_hilfen', rows, { headers })]);
    expect(summary).toMatchObject({ status: 'applied', eventsAppended: ROWS });
    expect(summary!.findings).toEqual([{ severity: 'info', code: 'unknown-column', message: 'columns not in the profile, ignored: Bemerkung intern' }]);
  });
});
