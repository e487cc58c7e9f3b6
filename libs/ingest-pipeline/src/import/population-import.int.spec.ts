import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_BACKENDS } from '@jugendamt/db/testing';
import type { Finding, ImportSummary } from './finding.js';
import { defaultRows, writeExportFile, type ExportRowValues } from '../testing/export-files.js';
import { ingestTestKit, type IngestTestKit, type StoredEventRow } from '../testing/ingest-test-kit.js';

const AREA = 'SR 01 Altstadt';

/** One band of an einwohner file, as the statistics office writes it. */
function band(stichtag: string, from: number, to: number, count: number | string, gender = '', area = AREA): ExportRowValues {
  return { Stichtag: stichtag, Sozialraum: area, 'Alter von': String(from), 'Alter bis': String(to), Anzahl: String(count), Geschlecht: gender };
}

/** The bands 0–2, 3–5, 6–9 of one Stichtag, each split by Geschlecht m/w/d. */
function splitBands(stichtag: string, base = 10): ExportRowValues[] {
  return [
    [0, 2],
    [3, 5],
    [6, 9],
  ].flatMap(([from, to], at) => ['m', 'w', 'd'].map((gender, g) => band(stichtag, from!, to!, base * (at + 1) + g, gender)));
}

const bandEvents = (events: readonly StoredEventRow[]) => events.filter((e) => e.stream_id.startsWith('population-'));
const codes = (summary: ImportSummary) => summary.findings.map((f) => f.code);
const finding = (summary: ImportSummary, code: string): Finding | undefined => summary.findings.find((f) => f.code === code);

/** The live bands as their last events state them: stream → residents, withdrawn bands left out. */
async function liveBands(kit: IngestTestKit): Promise<Record<string, number>> {
  const last = new Map<string, StoredEventRow>();
  for (const event of bandEvents(await kit.events()).sort((a, b) => a.stream_version - b.stream_version)) last.set(event.stream_id, event);
  return Object.fromEntries(
    [...last]
      .filter(([, e]) => e.event_type !== 'PopulationWithdrawn')
      .map(([stream, e]) => [stream.slice('population-'.length), (e.payload as { state: { residents: number } }).state.residents])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

describe.each(TEST_BACKENDS)('importing population files (%s)', (backend) => {
  let kit: IngestTestKit;
  beforeEach(async () => {
    kit = await ingestTestKit(backend);
    // A case names the social area, so that only unknown areas are warned about.
    await kit.importFiles([writeExportFile(kit.dir, 'webfm_faelle_20240105_0215.csv', 'webfm_faelle', defaultRows('webfm_faelle', 2))]);
  });
  afterEach(async () => kit.close());

  const population = (name: string, rows: readonly ExportRowValues[], options?: Parameters<typeof writeExportFile>[4]) => writeExportFile(kit.dir, name, 'einwohner', rows, options);

  it('sums the Geschlecht rows of a band into one record and counts it on its Stichtag, observed as the file', async () => {
    const links = async () => (await kit.db.selectFrom('record_links').select('surrogate').execute()).length;
    const linksBefore = await links();
    const [summary] = await kit.importFiles([population('einwohner_20240115.csv', splitBands('31.12.2023'))]);
    // Counts hold no id: the rows pass the linking untouched, and no link is made for them.
    expect(await links()).toBe(linksBefore);
    expect(summary).toMatchObject({ status: 'applied', rowsRead: 9, eventsAppended: 3, rowsQuarantined: 0 });
    expect(summary!.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const events = bandEvents(await kit.events());
    expect(events.map((e) => e.event_type)).toEqual(['PopulationCounted', 'PopulationCounted', 'PopulationCounted']);
    const first = events.find((e) => e.stream_id === `population-2023-12-31|0-2|${AREA}`)!;
    expect(first.payload).toEqual({ state: { stichtag: '2023-12-31', socialArea: AREA, ageFrom: 0, ageTo: 2, residents: 10 + 11 + 12 } });
    expect(first.occurred_on).toBe('2023-12-31');
    expect(new Date(first.observed_at).toISOString()).toBe('2024-01-14T23:00:00.000Z');
  });

  it('reads a file without byte order mark and with LF line ends as one with both', async () => {
    const rows = splitBands('31.12.2023');
    const plain = population('einwohner_20240115.csv', rows, { bom: false });
    const lf = join(kit.dir, 'einwohner_20240116.csv');
    const bytes = (await import('node:fs')).readFileSync(plain).toString('utf8').replaceAll('\r\n', '\n');
    expect(bytes.startsWith('\uFEFF')).toBe(false);
    writeFileSync(lf, bytes.replace('Anzahl', 'Anzahl ').replace(';12;', ';13;'));
    const [first, second] = await kit.importFiles([plain, lf]);
    expect(first).toMatchObject({ status: 'applied', eventsAppended: 3, rowsQuarantined: 0 });
    expect(second).toMatchObject({ status: 'applied', eventsAppended: 1, rowsQuarantined: 0, rowsUnchanged: 6 });
    expect((await liveBands(kit))[`2023-12-31|0-2|${AREA}`]).toBe(10 + 11 + 13);
  });

  it('quarantines a negative or non-integer Anzahl, a reversed band and an unknown Geschlecht, naming the line, and leaves those bands as they were', async () => {
    const before = [band('31.12.2023', 0, 2, 30), band('31.12.2023', 3, 5, 40), band('31.12.2023', 10, 13, 60)];
    const good = Array.from({ length: 80 }, (_, n) => band('31.12.2023', 20 + n, 20 + n, 5));
    await kit.importFiles([population('einwohner_20240115.csv', [...before, ...good])]);
    const bad = [band('31.12.2023', 0, 2, -3), band('31.12.2023', 3, 5, '4,5'), band('31.12.2023', 9, 6, 50), band('31.12.2023', 10, 13, 61, 'x')];
    const [summary] = await kit.importFiles([population('einwohner_20250115.csv', [...bad, ...good])], { quarantineThreshold: 0.1 });
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 4, eventsAppended: 0 });
    const errors = summary!.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.line, f.column, f.code])).toEqual([
      [2, 'Anzahl', 'bad-value'],
      [3, 'Anzahl', 'bad-value'],
      [4, 'Alter bis', 'end-before-begin'],
      [5, 'Geschlecht', 'unknown-code'],
    ]);
    expect(errors[0]!.message).toMatch(/must not be negative/);
    // The bands of lines 2, 3 and 5 stay as they were; the reversed 9–6 names no band.
    expect(await liveBands(kit)).toMatchObject({ [`2023-12-31|0-2|${AREA}`]: 30, [`2023-12-31|3-5|${AREA}`]: 40, [`2023-12-31|10-13|${AREA}`]: 60 });
  });

  it('leaves a band whose Geschlecht row is bad as it was, and quarantines its good rows with the reason', async () => {
    await kit.importFiles([population('einwohner_20240115.csv', splitBands('31.12.2023'))]);
    const rows = splitBands('31.12.2023', 20);
    rows[1] = { ...rows[1]!, Anzahl: 'viele' };
    const [summary] = await kit.importFiles([population('einwohner_20250115.csv', rows)], { quarantineThreshold: 0.5 });
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 3, eventsAppended: 2 });
    expect(summary!.findings.filter((f) => f.code === 'incomplete-band').map((f) => f.line)).toEqual([2, 4]);
    expect((await liveBands(kit))[`2023-12-31|0-2|${AREA}`]).toBe(33);
  });

  it('quarantines every row of a band given twice (the same Geschlecht, or twice in total) and keeps its record', async () => {
    await kit.importFiles([population('einwohner_20240115.csv', [band('31.12.2023', 0, 2, 30), ...Array.from({ length: 40 }, (_, n) => band('31.12.2023', 20 + n, 20 + n, 5))])]);
    const rows = [band('31.12.2023', 0, 2, 31), band('31.12.2023', 0, 2, 32), ...Array.from({ length: 40 }, (_, n) => band('31.12.2023', 20 + n, 20 + n, 5))];
    const [summary] = await kit.importFiles([population('einwohner_20250115.csv', rows)]);
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 2, eventsAppended: 0 });
    expect(summary!.findings.filter((f) => f.code === 'duplicate-band').map((f) => f.line)).toEqual([2, 3]);
    expect((await liveBands(kit))[`2023-12-31|0-2|${AREA}`]).toBe(30);
  });

  it('rejects a file whose bands of one social area and Stichtag overlap, naming both lines, and applies nothing', async () => {
    const [summary] = await kit.importFiles([population('einwohner_20240115.csv', [band('31.12.2023', 0, 5, 60), band('31.12.2023', 6, 9, 40), band('31.12.2023', 3, 7, 50)])]);
    expect(summary).toMatchObject({ status: 'rejected', eventsAppended: 0 });
    expect(summary!.message).toMatch(/0–5 \(line 2\) and 3–7 \(line 4\) of "SR 01 Altstadt" on 31\.12\.2023 overlap/);
    expect(finding(summary!, 'bad-file')?.line).toBe(4);
    expect(bandEvents(await kit.events())).toEqual([]);
  });

  it('rejects a file that gives a band both in total and by Geschlecht', async () => {
    const [summary] = await kit.importFiles([population('einwohner_20240115.csv', [band('31.12.2023', 0, 2, 30), band('31.12.2023', 0, 2, 14, 'm'), band('31.12.2023', 0, 2, 16, 'w')])]);
    expect(summary).toMatchObject({ status: 'rejected' });
    expect(summary!.message).toMatch(/both in total and by Geschlecht \(lines 2, 3, 4\)/);
    expect(bandEvents(await kit.events())).toEqual([]);
  });

  it('rejects a file without a required column, naming it', async () => {
    const headers = ['Stichtag', 'Sozialraum', 'Alter von', 'Anzahl'];
    const [summary] = await kit.importFiles([population('einwohner_20240115.csv', [band('31.12.2023', 0, 2, 30)], { headers })]);
    expect(summary).toMatchObject({ status: 'rejected' });
    expect(summary!.message).toMatch(/required column "Alter bis" missing/);
  });

  it('warns about a social area no case has named, with file line and name, and keeps its rows', async () => {
    const rows = [...splitBands('31.12.2023'), band('31.12.2023', 0, 2, 7, '', 'SR 12 Hafenviertel')];
    const [summary] = await kit.importFiles([population('einwohner_20240115.csv', rows)]);
    expect(summary).toMatchObject({ status: 'applied', eventsAppended: 4, rowsQuarantined: 0 });
    const warning = summary!.findings.filter((f) => f.code === 'unknown-social-area');
    expect(warning).toEqual([expect.objectContaining({ severity: 'warning', line: 11, column: 'Sozialraum' })]);
    expect(warning[0]!.message).toMatch(/"SR 12 Hafenviertel" is named by no WebFM case/);
    expect((await liveBands(kit))['2023-12-31|0-2|SR 12 Hafenviertel']).toBe(7);
  });

  it('knows a social area a case named before it moved to another one', async () => {
    const moved = defaultRows('webfm_faelle', 2).map((row) => ({ ...row, Sozialraum: 'SR 02 Nordstadt', 'Geändert am': '02.01.2024 09:00' }));
    await kit.importFiles([writeExportFile(kit.dir, 'webfm_faelle_20240106_0215.csv', 'webfm_faelle', moved)]);
    const [summary] = await kit.importFiles([population('einwohner_20240115.csv', splitBands('31.12.2023'))]);
    expect(codes(summary!)).not.toContain('unknown-social-area');
  });

  it('lets a later file replace the whole Stichtag it holds: a band it lacks is withdrawn, other Stichtage stay', async () => {
    const older = [...splitBands('31.12.2022', 5), ...splitBands('31.12.2023')];
    await kit.importFiles([population('einwohner_20240115.csv', older)]);
    const later = splitBands('31.12.2023')
      .filter((row) => row['Alter von'] !== '6')
      .map((row) => (row['Alter von'] === '0' && row.Geschlecht === 'm' ? { ...row, Anzahl: '20' } : row));
    const [summary] = await kit.importFiles([population('einwohner_20240615.csv', later)], { deletionThreshold: 0.5 });
    expect(summary).toMatchObject({ status: 'applied', eventsAppended: 2, rowsUnchanged: 3 });
    const events = bandEvents(await kit.events()).filter((e) => new Date(e.observed_at).getUTCMonth() === 5);
    expect(events.map((e) => [e.event_type, e.stream_id])).toEqual(
      expect.arrayContaining([
        ['PopulationRecounted', `population-2023-12-31|0-2|${AREA}`],
        ['PopulationWithdrawn', `population-2023-12-31|6-9|${AREA}`],
      ]),
    );
    expect(events.find((e) => e.event_type === 'PopulationWithdrawn')).toMatchObject({ occurred_on: '2023-12-31', payload: { id: `2023-12-31|6-9|${AREA}` } });
    expect(events.find((e) => e.event_type === 'PopulationRecounted')?.payload).toMatchObject({ changed: ['residents'], state: { residents: 20 + 11 + 12 } });
    const live = await liveBands(kit);
    expect(Object.keys(live).filter((id) => id.startsWith('2022'))).toHaveLength(3);
    expect(Object.keys(live).filter((id) => id.startsWith('2023'))).toHaveLength(2);
  });

  it('holds a file that would withdraw more than the allowed share of its Stichtage’s bands, and applies it once confirmed', async () => {
    await kit.importFiles([population('einwohner_20240115.csv', [...splitBands('31.12.2022'), ...splitBands('31.12.2023')])]);
    const onlyOne = splitBands('31.12.2023').filter((row) => row['Alter von'] === '0');
    const path = population('einwohner_20240615.csv', onlyOne);
    const [held] = await kit.importFiles([path]);
    // 2 of the 3 bands of 31.12.2023 would go; the 3 of 31.12.2022 are not the file's to judge.
    expect(held).toMatchObject({ status: 'held', deletionShare: 2 / 3 });
    const [confirmed] = await kit.importFiles([path], { confirmDeletions: true });
    expect(confirmed).toMatchObject({ status: 'applied', eventsAppended: 2 });
  });

  it('applies an older file delivered late for the Stichtage no newer file stated, and leaves the others with a warning', async () => {
    const newer = population('einwohner_20250601.csv', splitBands('31.12.2024', 30));
    // The planner backfills last years: 31.12.2023 is new, 31.12.2024 was stated by the newer file.
    const backfill = population('einwohner_20250115.csv', [...splitBands('31.12.2023', 20), ...splitBands('31.12.2024', 99)]);
    const [, late] = await kit.importFiles([newer, backfill]);
    expect(late).toMatchObject({ status: 'applied', eventsAppended: 3 });
    expect(finding(late!, 'stale-stichtag')).toMatchObject({ severity: 'warning' });
    expect(finding(late!, 'stale-stichtag')!.message).toMatch(/Stichtag 31\.12\.2024/);
    const live = await liveBands(kit);
    expect(live[`2024-12-31|0-2|${AREA}`]).toBe(30 + 31 + 32);
    expect(live[`2023-12-31|0-2|${AREA}`]).toBe(20 + 21 + 22);
  });

  it('keeps a Stichtag a newer file stated unchanged, even though that file appended nothing for it', async () => {
    const first = population('einwohner_20240115.csv', splitBands('31.12.2023'));
    const confirming = population('einwohner_20250115.csv', [...splitBands('31.12.2023'), ...splitBands('31.12.2024', 40)]);
    const between = population('einwohner_20240601.csv', splitBands('31.12.2023', 70));
    const [, , late] = await kit.importFiles([first, confirming, between]);
    expect(late).toMatchObject({ status: 'stale', eventsAppended: 0 });
    expect(codes(late!)).toContain('stale-stichtag');
    expect((await liveBands(kit))[`2023-12-31|0-2|${AREA}`]).toBe(10 + 11 + 12);
  });

  it('changes nothing when the same file comes twice, under its name or another, or an import runs twice', async () => {
    const path = population('einwohner_20240115.csv', splitBands('31.12.2023'));
    await kit.importFiles([path]);
    const before = await kit.events();
    const copy = join(kit.dir, 'einwohner_20230115.csv');
    writeFileSync(copy, (await import('node:fs')).readFileSync(path));
    const again = await kit.importFiles([path, copy, path]);
    expect(again.map((s) => s.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await kit.events()).toEqual(before);
  });
});
