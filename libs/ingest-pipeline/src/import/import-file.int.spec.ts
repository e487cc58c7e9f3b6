import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { TEST_BACKENDS } from '@jugendamt/db/testing';
import type { ExportSource } from '@jugendamt/domain';
import { defaultRows, writeExportFile, type ExportRowValues } from '../testing/export-files.js';
import { ingestTestKit, type IngestTestKit, type StoredEventRow } from '../testing/ingest-test-kit.js';

const WEBFM: readonly ExportSource[] = ['webfm_faelle', 'webfm_hilfen', 'webfm_teilprozesse', 'webfm_mitarbeiter'];

function fileName(source: ExportSource, night: string): string {
  return `${source}_${night}_${source.startsWith('14plus') ? '0230' : '0215'}.csv`;
}

/** One night of all five exports, each with `count` default rows. */
function writeNight(kit: IngestTestKit, night: string, count = 20, edit: Partial<Record<ExportSource, (rows: ExportRowValues[]) => ExportRowValues[]>> = {}): string[] {
  return [...WEBFM, '14plus_chronik' as const].map((source) => {
    const rows = defaultRows(source, count);
    return writeExportFile(kit.dir, fileName(source, night), source, edit[source]?.(rows) ?? rows);
  });
}

const countByType = (events: readonly StoredEventRow[]) => events.reduce<Record<string, number>>((counts, e) => ({ ...counts, [e.event_type]: (counts[e.event_type] ?? 0) + 1 }), {});

describe.each(TEST_BACKENDS)('importing export files (%s)', (backend) => {
  let kit: IngestTestKit;
  beforeEach(async () => {
    kit = await ingestTestKit(backend);
  });
  afterEach(async () => kit.close());

  it('applies a first night: every record becomes its opening event', async () => {
    const summaries = await kit.importFiles(writeNight(kit, '20240101', 20));
    expect(summaries.map((s) => s.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    expect(countByType(await kit.events())).toEqual({
      CaseOpened: 20,
      AidStarted: 20,
      SubProcessOpened: 20,
      StaffJoined: 20,
      ChronicleEntryRecorded: 20,
    });
  });

  it('appends nothing when the same night is imported twice', async () => {
    const files = writeNight(kit, '20240101');
    await kit.importFiles(files);
    const before = await kit.events();
    const again = await kit.importFiles(files);
    expect(again.map((s) => s.status)).toEqual(Array(5).fill('duplicate'));
    expect(again.every((s) => s.eventsAppended === 0)).toBe(true);
    expect(await kit.events()).toEqual(before);
  });

  it('recognises the same content under another name and changes nothing', async () => {
    const [cases] = writeNight(kit, '20240101');
    await kit.importFiles([cases!]);
    const renamed = join(kit.dir, fileName('webfm_faelle', '20240102'));
    copyFileSync(cases!, renamed);
    const [summary] = await kit.importFiles([renamed]);
    // Observed later, it is read (the source is known up to date), and changes nothing.
    expect(summary).toMatchObject({ status: 'applied', eventsAppended: 0 });
    expect(summary!.message).toContain(fileName('webfm_faelle', '20240101'));
  });

  it('refuses a snapshot older than the one applied as stale', async () => {
    const older = writeExportFile(kit.dir, fileName('webfm_hilfen', '20240101'), 'webfm_hilfen', defaultRows('webfm_hilfen', 20));
    const newer = writeExportFile(kit.dir, fileName('webfm_hilfen', '20240102'), 'webfm_hilfen', defaultRows('webfm_hilfen', 21));
    await kit.importFiles([newer]);
    const before = await kit.events();
    const [summary] = await kit.importFiles([older]);
    expect(summary!.status).toBe('stale');
    expect(summary!.message).toMatch(/^stale: observed 2024-01-01.*webfm_hilfen is applied up to 2024-01-02/);
    expect(await kit.events()).toEqual(before);
  });

  it('turns the differences between two snapshots into events of the domain', async () => {
    await kit.importFiles(writeNight(kit, '20240101', 20));
    const [, aids] = writeNight(kit, '20240102', 20, {
      webfm_hilfen: (rows) => [
        ...rows.slice(2, 19),
        { ...rows[0]!, Ende: '31.12.2023', Beendigungsgrund: 'Beendigung gemäß Hilfeplan', 'Aufenthalt nach Hilfeende': '01 im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten' },
        { ...rows[1]!, Team: 'ASD Team Süd' },
        ...defaultRows('webfm_hilfen', 1, 21),
      ],
    });
    const [summary] = await kit.importFiles([aids!]);
    expect(summary).toMatchObject({ status: 'applied', eventsAppended: 4, rowsUnchanged: 17 });
    const added = (await kit.events()).filter((e) => e.observed_at.startsWith('2024-01-02'));
    expect(countByType(added)).toEqual({ AidEnded: 1, AidHandedOver: 1, AidStarted: 1, AidDeleted: 1 });
    expect(added.find((e) => e.event_type === 'AidHandedOver')!.payload).toMatchObject({ changed: ['team'] });
    expect(added.find((e) => e.event_type === 'AidStarted')!.payload).not.toHaveProperty('changed');
    const ended = added.find((e) => e.event_type === 'AidEnded')!;
    expect(ended.payload).toMatchObject({
      state: { end: '2023-12-31', reasonOfEnding: 'Beendigung gemäß Hilfeplan', residenceAfter: 'im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten' },
    });
  });

  it('gives the same events whatever order the files of one night arrive in', async () => {
    const nights = [...writeNight(kit, '20240101', 20), ...writeNight(kit, '20240102', 21)];
    await kit.importFiles(nights);
    const other = await ingestTestKit(backend);
    try {
      const shuffled = [...nights.slice(0, 5).reverse(), ...[nights[7], nights[9], nights[5], nights[8], nights[6]]] as string[];
      await other.importFiles(shuffled);
      expect(await other.events()).toEqual(await kit.events());
    } finally {
      await other.close();
    }
  });

  it('holds a truncated snapshot, applies nothing of it, and applies it once the deletions are confirmed', async () => {
    await kit.importFiles(writeNight(kit, '20240101', 20));
    const truncated = writeExportFile(kit.dir, fileName('webfm_hilfen', '20240102'), 'webfm_hilfen', defaultRows('webfm_hilfen', 10));
    const before = await kit.events();

    const [held] = await kit.importFiles([truncated]);
    expect(held).toMatchObject({ status: 'held', eventsAppended: 0, deletionShare: 0.5 });
    expect(held!.message).toBe('held for confirmation: the snapshot would delete 10 of 20 records (50 %), more than the allowed 10 %; nothing applied');
    expect(await kit.events()).toEqual(before);

    const [again] = await kit.importFiles([truncated]);
    expect(again!.status).toBe('held');

    const [confirmed] = await kit.importFiles([truncated], { confirmDeletions: true });
    expect(confirmed).toMatchObject({ status: 'applied', eventsAppended: 10 });
    const after = await kit.events();
    expect(after).toHaveLength(before.length + 10);
    expect(countByType(after)['AidDeleted']).toBe(10);
  });

  it('rejects a whole file when more than 5 % of its rows are bad, and applies one at the limit', async () => {
    const rows = defaultRows('webfm_hilfen', 20);
    const twoBad = rows.map((row, at) => (at < 2 ? { ...row, Beginn: 'gestern' } : row));
    const [rejected] = await kit.importFiles([writeExportFile(kit.dir, fileName('webfm_hilfen', '20240101'), 'webfm_hilfen', twoBad)]);
    expect(rejected).toMatchObject({ status: 'rejected', eventsAppended: 0, rowsQuarantined: 2 });
    expect(rejected!.message).toBe('file rejected: 2 of 20 rows (10 %) are bad, more than the allowed 5 %; nothing applied');
    expect(await kit.events()).toEqual([]);

    const oneBad = rows.map((row, at) => (at < 1 ? { ...row, Beginn: 'gestern' } : row));
    const [applied] = await kit.importFiles([writeExportFile(kit.dir, fileName('webfm_hilfen', '20240102'), 'webfm_hilfen', oneBad)]);
    expect(applied).toMatchObject({ status: 'applied', eventsAppended: 19, rowsQuarantined: 1 });
  });

  it('leaves a record whose row is quarantined as it was: neither changed nor deleted', async () => {
    await kit.importFiles(writeNight(kit, '20240101', 20));
    const [, aids] = writeNight(kit, '20240102', 20, {
      webfm_hilfen: (rows) => rows.map((row, at) => (at === 0 ? { ...row, Team: 'ASD Team Süd', Beginn: '31.02.2023' } : at === 1 ? { ...row, Team: 'ASD Team West' } : row)),
    });
    const [summary] = await kit.importFiles([aids!]);
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 1, eventsAppended: 1 });
    const aidStreams = (await kit.events()).filter((e) => e.event_type.startsWith('Aid'));
    const changedStreams = new Set(aidStreams.filter((e) => e.stream_version > 1).map((e) => e.stream_id));
    expect(aidStreams.filter((e) => changedStreams.has(e.stream_id)).map((e) => e.event_type)).toEqual(['AidStarted', 'AidHandedOver']);
  });

  it('counts a sub-process repeated by the 14-day overlap once and follows its status', async () => {
    const rows = defaultRows('webfm_teilprozesse', 5);
    await kit.importFiles([writeExportFile(kit.dir, fileName('webfm_teilprozesse', '20240101'), 'webfm_teilprozesse', rows)]);
    const next = rows.map((row, at) => (at === 0 ? { ...row, Status: 'abgeschlossen', 'Abgeschlossen am': '01.01.2024 10:00' } : at === 1 ? { ...row, Status: 'storniert' } : row));
    const [summary] = await kit.importFiles([writeExportFile(kit.dir, fileName('webfm_teilprozesse', '20240102'), 'webfm_teilprozesse', next)]);
    expect(summary).toMatchObject({ status: 'applied', eventsAppended: 2, rowsUnchanged: 3 });
    expect(countByType(await kit.events())).toEqual({ SubProcessOpened: 5, SubProcessCompleted: 1, SubProcessCancelled: 1 });
  });

  it('quarantines the later row of a sub-process that comes twice in one file, near or thousands of rows apart', async () => {
    // Rows are applied in chunks of 5,000: the repeats fall into the same chunk, the next one and the one after.
    const rows = defaultRows('webfm_teilprozesse', 11_000);
    const twice = { ...rows[0]!, Status: 'storniert' };
    rows.splice(2, 0, twice);
    rows.splice(6_002, 0, twice);
    rows.push(twice);
    const [summary] = await kit.importFiles([writeExportFile(kit.dir, fileName('webfm_teilprozesse', '20240101'), 'webfm_teilprozesse', rows)]);
    expect(summary).toMatchObject({ status: 'applied', rowsQuarantined: 3, eventsAppended: 11_000 });
    expect(summary!.findings.map((f) => [f.line, f.message])).toEqual([
      [4, 'duplicate Teilprozess-ID (also on line 2): the later row is quarantined'],
      [6004, 'duplicate Teilprozess-ID (also earlier in this file): the later row is quarantined'],
      [11004, 'duplicate Teilprozess-ID (also earlier in this file): the later row is quarantined'],
    ]);
  });

  it('fails a file whose record lines cannot be written, naming that cause though the lines are written behind the rows, and applies nothing', async () => {
    // From line 6,000 on: the second batch of lines, which goes out while the rows after it are linked and compared.
    await sql`CREATE FUNCTION refuse_late_lines() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.line > 6000 THEN RAISE EXCEPTION 'record line % refused', NEW.line; END IF; RETURN NEW; END $$`.execute(kit.db);
    await sql`CREATE TRIGGER refuse_late_lines BEFORE INSERT ON record_lines FOR EACH ROW EXECUTE FUNCTION refuse_late_lines()`.execute(kit.db);
    const file = writeExportFile(kit.dir, fileName('webfm_teilprozesse', '20240101'), 'webfm_teilprozesse', defaultRows('webfm_teilprozesse', 12_000));

    await expect(kit.importFiles([file])).rejects.toThrow(/record line \d+ refused/);
    expect(await kit.events()).toEqual([]);

    await sql`DROP TRIGGER refuse_late_lines ON record_lines`.execute(kit.db);
    expect(await kit.importFiles([file])).toMatchObject([{ status: 'applied', eventsAppended: 12_000 }]);
  });

  it('records a 14plus cancellation as its own entry and repeats of the 7-day overlap once', async () => {
    const rows = defaultRows('14plus_chronik', 3);
    const night1 = writeExportFile(kit.dir, fileName('14plus_chronik', '20240101'), '14plus_chronik', rows);
    const cancellation = { ...defaultRows('14plus_chronik', 1, 4)[0]!, Eintragsart: 'ZAHLUNG', Betrag: '-4.321,09', Storniert: 'J', 'Bezug-Nr': '100001' };
    const night2 = writeExportFile(kit.dir, fileName('14plus_chronik', '20240102'), '14plus_chronik', [...rows, cancellation]);
    await kit.importFiles([night1, night2]);
    const events = await kit.events();
    expect(countByType(events)).toEqual({ ChronicleEntryRecorded: 3, ChronicleCancellationRecorded: 1 });
    expect(events.find((e) => e.event_type === 'ChronicleCancellationRecorded')!.payload).toMatchObject({
      state: { entryNo: 100004, cancelling: true, cancelledEntryNo: 100001, amountCents: -432109 },
    });
  });

  it('keeps a 14plus entry without a WebFM case and reports it as unlinked', async () => {
    const cases = writeExportFile(kit.dir, fileName('webfm_faelle', '20240101'), 'webfm_faelle', defaultRows('webfm_faelle', 3));
    // 14plus writes Aktenzeichen its own way: blanks and no leading zeros still link.
    const entries = [...defaultRows('14plus_chronik', 3), { ...defaultRows('14plus_chronik', 1, 4)[0]!, Aktenzeichen: '51.1 - 2023/999' }];
    const chronicle = writeExportFile(kit.dir, fileName('14plus_chronik', '20240101'), '14plus_chronik', entries);
    const [, summary] = await kit.importFiles([cases, chronicle]);
    expect(summary).toMatchObject({ status: 'applied', eventsAppended: 4 });
    expect(summary!.findings).toEqual([
      {
        severity: 'warning',
        code: 'unlinked-chronicle-entry',
        line: 5,
        field: 'fileReference',
        column: 'Aktenzeichen',
        message: 'Chronik-Nr 100004: no WebFM case with this Aktenzeichen is known; the entry is kept and counted for costs',
      },
    ]);
  });
});
