import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_BACKENDS } from '@jugendamt/db/testing';
import type { ExportSource } from '@jugendamt/domain';
import { defaultRows, exportFileBytes, writeExportFile, type ExportRowValues } from '../testing/export-files.js';
import { ingestTestKit, type IngestTestKit } from '../testing/ingest-test-kit.js';
import { personalValuesFound, personalValuesOf } from '../testing/personal-values.js';
import type { ImportSummary } from './finding.js';

const ROWS = 40; // one bad row is 2.5 %: under the 5 % that rejects a file
const FIRST = '20240101_0215';
const NEXT = '20240102_0215';

/**
 * Hostile exports: a stray quote that reads rows as one, line ends of another system, columns
 * shifted by an unquoted delimiter, dates no person can have. Each must end in a finding that
 * names line and column and quotes nothing personal, and must neither change nor delete a
 * record it cannot read. After every test, the database and every report are searched for
 * each personal value and raw id the test's files held.
 */
describe.each(TEST_BACKENDS)('malformed exports (%s)', (backend) => {
  let kit: IngestTestKit;
  let written: { source: ExportSource; rows: ExportRowValues[] }[];
  let summaries: ImportSummary[];

  beforeEach(async () => {
    kit = await ingestTestKit(backend);
    written = [];
    summaries = [];
  });
  afterEach(async () => {
    const values = written.flatMap(({ source, rows }) => personalValuesOf(source, rows));
    expect(values.length).toBeGreaterThan(0);
    const reports = Object.fromEntries(summaries.map((summary, at) => [`report ${at + 1}`, JSON.stringify(summary)]));
    expect(await personalValuesFound(kit.db, values, reports)).toEqual([]);
    await kit.close();
  });

  /** The file's text as the source system writes it, for an edit of its lines. */
  function exportText(source: ExportSource, rows: ExportRowValues[]): string {
    written.push({ source, rows });
    return exportFileBytes(source, rows, { encoding: 'utf-8', bom: false }).toString('utf8');
  }

  async function importText(name: string, text: string): Promise<ImportSummary> {
    const path = join(kit.dir, name);
    writeFileSync(path, text);
    const [summary] = await kit.importFiles([path]);
    summaries.push(summary!);
    return summary!;
  }

  async function importRows(name: string, source: ExportSource, rows: ExportRowValues[]): Promise<ImportSummary> {
    written.push({ source, rows });
    const [summary] = await kit.importFiles([writeExportFile(kit.dir, name, source, rows)]);
    summaries.push(summary!);
    return summary!;
  }

  /** Puts a quote before the value of `column` on data row `at` (0-based; line at + 2) and one after it on row `closeAt`. */
  function strayQuote(text: string, column: string, at: number, closeAt?: number): string {
    const lines = text.split('\r\n');
    const index = lines[0]!.split(';').indexOf(column);
    const edit = (line: string, wrap: (field: string) => string) => {
      const fields = line.split(';');
      fields[index] = wrap(fields[index]!);
      return fields.join(';');
    };
    lines[at + 1] = edit(lines[at + 1]!, (field) => `"${field}`);
    if (closeAt !== undefined) lines[closeAt + 1] = edit(lines[closeAt + 1]!, (field) => `${field}"`);
    return lines.join('\r\n');
  }

  async function eventTypesAfter(first: number): Promise<string[]> {
    return (await kit.events()).slice(first).map((event) => event.event_type);
  }

  it('quarantines a snapshot row that swallowed the next one through a stray quote, and deletes neither', async () => {
    const cases = defaultRows('webfm_faelle', ROWS);
    await importRows(`webfm_faelle_${FIRST}.csv`, 'webfm_faelle', cases);
    const before = (await kit.events()).length;

    // Rows 11 and 12 become one record whose Sozialraum holds the rest of 11 and most of 12.
    const summary = await importText(`webfm_faelle_${NEXT}.csv`, strayQuote(exportText('webfm_faelle', cases), 'Sozialraum', 10, 11));

    expect(summary).toMatchObject({ status: 'applied', eventsAppended: 0, rowsQuarantined: 1 });
    expect(await eventTypesAfter(before)).toEqual([]);
    expect(summary.findings).toEqual([
      {
        severity: 'warning',
        code: 'deletions-suspended',
        message: '1 records missing from this snapshot are kept, not deleted: a stray quote merged rows, so which records the file really lacks cannot be told',
      },
      {
        severity: 'error',
        code: 'merged-rows',
        line: 12,
        field: 'socialArea',
        column: 'Sozialraum',
        message: 'Sozialraum holds a line break: a stray quote may have merged rows',
      },
    ]);
  });

  it('quarantines an aid row whose Team swallowed the next row, instead of storing that row as a team', async () => {
    const aids = defaultRows('webfm_hilfen', ROWS);
    const summary = await importText(`webfm_hilfen_${FIRST}.csv`, strayQuote(exportText('webfm_hilfen', aids), 'Team', 20, 21));
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 1, eventsAppended: ROWS - 2 });
    expect(summary.findings.map((f) => [f.code, f.line, f.column])).toEqual([['merged-rows', 22, 'Team']]);
    const teams = new Set((await kit.events()).map((e) => (e.payload as { state: { team: string } }).state.team));
    expect([...teams]).toEqual(['ASD Team Nord']);
  });

  it('deletes none of the aids a quote swallows until a later quoted field happens to close it', async () => {
    const aids = defaultRows('webfm_hilfen', ROWS);
    aids[25] = { ...aids[25]!, Leistungserbringer: 'Träger "Regenbogen"; Haus 2' }; // quoted in the file
    await importRows(`webfm_hilfen_${FIRST}.csv`, 'webfm_hilfen', aids);
    const before = (await kit.events()).length;

    // Opened in row 21's Hilfeart; the next quote in the file is row 26's provider.
    const summary = await importText(`webfm_hilfen_${NEXT}.csv`, strayQuote(exportText('webfm_hilfen', aids), 'Hilfeart', 20));

    expect(summary.status).toBe('applied');
    expect(await eventTypesAfter(before)).toEqual([]);
    expect(summary.findings.map((f) => f.code)).toEqual(['deletions-suspended', 'merged-rows']);
    expect(summary.findings[1]).toMatchObject({ line: 22 });
    expect(summary.findings[0]!.message).toMatch(/^5 records missing from this snapshot are kept/);
  });

  it('still deletes what a clean snapshot lacks once no row is merged', async () => {
    const aids = defaultRows('webfm_hilfen', ROWS);
    await importRows(`webfm_hilfen_${FIRST}.csv`, 'webfm_hilfen', aids);
    const summary = await importRows(`webfm_hilfen_${NEXT}.csv`, 'webfm_hilfen', aids.slice(1));
    expect(summary).toMatchObject({ status: 'applied', eventsAppended: 1 });
    expect((await kit.events()).filter((e) => e.event_type === 'AidDeleted')).toHaveLength(1);
  });

  it('rejects a file with CR-only line ends without quoting any of its rows', async () => {
    const text = exportText('webfm_faelle', defaultRows('webfm_faelle', ROWS)).replaceAll('\r\n', '\r');
    const summary = await importText(`webfm_faelle_${FIRST}.csv`, text);
    expect(summary.status).toBe('rejected');
    expect(summary.message).toBe('file rejected: the header runs over several lines: line ends other than CRLF or LF (CR only?), or a stray quote');
  });

  it('quarantines a row whose columns an unquoted delimiter shifted, quoting none of its values', async () => {
    const cases = defaultRows('webfm_faelle', ROWS);
    const text = exportText('webfm_faelle', cases);
    const lines = text.split('\r\n');
    // "Nachname6;Vorname6" with an empty Fallende dropped: as many fields as the header, all out of place.
    const fields = lines[6]!.split(';');
    fields.splice(10, 1);
    fields[2] = `${fields[2]};${fields[3]}`;
    lines[6] = fields.join(';');
    const summary = await importText(`webfm_faelle_${FIRST}.csv`, lines.join('\r\n'));
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 1 });
    expect(summary.findings).toEqual([{ severity: 'error', code: 'bad-value', line: 7, field: 'birthDate', column: 'Geburtsdatum', message: 'Geburtsdatum is not a valid date' }]);
  });

  it('quotes no code value of a row whose other fields are broken too', async () => {
    const cases = defaultRows('webfm_faelle', ROWS);
    cases[3] = { ...cases[3]!, Geschlecht: 'Vorname4', Fallbeginn: 'Nachname4' };
    const summary = await importRows(`webfm_faelle_${FIRST}.csv`, 'webfm_faelle', cases);
    expect(summary.findings.map((f) => f.message)).toEqual(['Fallbeginn: not a date (expected TT.MM.JJJJ)', 'Geschlecht is not in the code list: kept as it is, counted as unbekannt']);
  });

  it.each([
    ['in the future', '01.01.2031', 'future-date', 'Geburtsdatum lies after the export date 01.01.2024'],
    ['before 1990', '19.05.1006', 'implausible-date', 'Geburtsdatum lies before 01.01.1990'],
  ])('quarantines a birth date %s instead of keeping its year', async (_name, birthDate, code, message) => {
    const cases = defaultRows('webfm_faelle', ROWS);
    cases[5] = { ...cases[5]!, Geburtsdatum: birthDate };
    const summary = await importRows(`webfm_faelle_${FIRST}.csv`, 'webfm_faelle', cases);
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 1, eventsAppended: ROWS - 1 });
    expect(summary.findings).toEqual([{ severity: 'error', code, line: 7, field: 'birthDate', column: 'Geburtsdatum', message }]);
    const years = (await kit.events()).map((e) => (e.payload as { state: { birthYear: number } }).state.birthYear);
    expect(new Set(years)).toEqual(new Set([2012]));
  });

  it.each([
    ['longer than any team name', 'ASD Team Nord '.repeat(20).trim(), 'Team is longer than 200 characters: a stray quote or shifted columns?'],
    ['a date', '17.08.2011', 'Team holds a date: shifted columns?'],
    ['control characters', 'ASD\u0007Team', 'Team holds control characters'],
  ])('quarantines a Team that holds %s', async (_name, team, message) => {
    const aids = defaultRows('webfm_hilfen', ROWS);
    aids[2] = { ...aids[2]!, Team: team };
    const summary = await importRows(`webfm_hilfen_${FIRST}.csv`, 'webfm_hilfen', aids);
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 1 });
    expect(summary.findings).toEqual([{ severity: 'error', code: 'bad-shape', line: 4, field: 'team', column: 'Team', message }]);
    expect((await kit.events()).some((e) => JSON.stringify(e.payload).includes(team))).toBe(false);
  });

  it('keeps a team or social area that a spreadsheet would take for a formula, and reports it', async () => {
    const cases = defaultRows('webfm_faelle', ROWS);
    cases[0] = { ...cases[0]!, Sozialraum: '=HYPERLINK("http://x.example","SR 01")' };
    cases[1] = { ...cases[1]!, Team: '@Team Süd' };
    const summary = await importRows(`webfm_faelle_${FIRST}.csv`, 'webfm_faelle', cases);
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 0, eventsAppended: ROWS });
    expect(summary.findings).toEqual([
      {
        severity: 'warning',
        code: 'formula-like-value',
        line: 2,
        field: 'socialArea',
        column: 'Sozialraum',
        message: 'Sozialraum begins with "=", as a spreadsheet formula would: kept, and written as text in every CSV and Excel export',
      },
      {
        severity: 'warning',
        code: 'formula-like-value',
        line: 3,
        field: 'team',
        column: 'Team',
        message: 'Team begins with "@", as a spreadsheet formula would: kept, and written as text in every CSV and Excel export',
      },
    ]);
  });
});
