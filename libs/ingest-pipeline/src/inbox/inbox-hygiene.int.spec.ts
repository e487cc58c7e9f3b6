import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../import/import-file.js';
import { defaultRows, writeExportFile } from '../testing/export-files.js';
import { testImportSettings } from '../testing/ingest-test-kit.js';
import { dropIntoInbox, jobTestOffice, until, type JobTestOffice } from '../jobs/testing/index.js';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const shelf = (office: JobTestOffice, name: 'held' | 'rejected' | 'done') => readdirSync(join(office.inboxDir, name)).sort();

/** Raw exports carry names and birth dates: no shelf keeps them longer than it must. */
describe('inbox hygiene (PGlite, embedded runner)', () => {
  let office: JobTestOffice;
  beforeEach(async () => {
    office = await jobTestOffice('pglite');
  });
  afterEach(() => office.close());

  it('empties rejected/ after INBOX_REJECTED_KEEP_DAYS, counted from the rejection', async () => {
    const runtime = await office.start({ work: true });
    await runtime.close();
    const old = writeExportFile(join(office.inboxDir, 'rejected'), 'webfm_faelle_20240101_0215.csv', 'webfm_faelle', [['kaputt']]);
    const recent = writeExportFile(join(office.inboxDir, 'rejected'), 'webfm_faelle_20240102_0215.csv', 'webfm_faelle', [['kaputt']]);
    utimesSync(old, daysAgo(8), daysAgo(8));
    utimesSync(recent, daysAgo(6), daysAgo(6));
    await office.start({ work: true }, { INBOX_REJECTED_KEEP_DAYS: '7' });
    expect(shelf(office, 'rejected')).toEqual(['webfm_faelle_20240102_0215.csv']);
  });

  /** A full snapshot applied, then a truncated one held, and its bytes delivered once more while it waits. */
  async function heldTwice(runtime: Awaited<ReturnType<JobTestOffice['start']>>) {
    await runtime.runner.submit(await dropIntoInbox(office.inboxDir, 'webfm_hilfen_20240101_0215.csv', 'webfm_hilfen', defaultRows('webfm_hilfen', 20)));
    const held = await runtime.runner.submit(await dropIntoInbox(office.inboxDir, 'webfm_hilfen_20240102_0215.csv', 'webfm_hilfen', defaultRows('webfm_hilfen', 5)));
    const done = await until(
      'the held verdict',
      () => runtime.runner.get(held.id),
      (view) => view?.state === 'completed',
    );
    const importId = done!.result!.imports[0]!.importId;
    const again = await runtime.runner.submit(await dropIntoInbox(office.inboxDir, 'webfm_hilfen_20240102_0215.csv', 'webfm_hilfen', defaultRows('webfm_hilfen', 5)));
    await until(
      'the second delivery held',
      () => runtime.runner.get(again.id),
      (view) => view?.state === 'completed',
    );
    expect(shelf(office, 'held')).toHaveLength(2);
    return importId;
  }

  it('clears held/ of a snapshot once it is confirmed and applied, copies delivered meanwhile included', async () => {
    const runtime = await office.start({ work: true });
    const importId = await heldTwice(runtime);
    const confirm = await runtime.runner.submit({ kind: 'confirm', importId });
    const confirmed = await until(
      'the confirmation',
      () => runtime.runner.get(confirm.id),
      (view) => view?.state === 'completed',
    );
    expect(confirmed!.result!.imports).toEqual([expect.objectContaining({ status: 'applied' })]);
    expect(shelf(office, 'held')).toEqual([]);
  });

  it('clears held/ of a snapshot once it is rejected, copies included', async () => {
    const runtime = await office.start({ work: true });
    const importId = await heldTwice(runtime);
    await office.database.db.insertInto('import_decisions').values({ tenant_id: office.tenantId, import_id: importId, decision: 'rejected', decided_by: 'admin:test' }).execute();
    const reject = await runtime.runner.submit({ kind: 'reject', importId });
    await until(
      'the rejection',
      () => runtime.runner.get(reject.id),
      (view) => view?.state === 'completed',
    );
    expect(shelf(office, 'held')).toEqual([]);
    expect(shelf(office, 'rejected')).toHaveLength(2);
  });

  it('clears held/ at start of a snapshot applied elsewhere (the CLI with --confirm-deletions), and keeps an undecided one', async () => {
    const runtime = await office.start({ work: true });
    await heldTwice(runtime);
    // An undecided held snapshot of another source waits, however old.
    await runtime.runner.submit(await dropIntoInbox(office.inboxDir, 'webfm_mitarbeiter_20240101_0215.csv', 'webfm_mitarbeiter', defaultRows('webfm_mitarbeiter', 20)));
    const staff = await runtime.runner.submit(await dropIntoInbox(office.inboxDir, 'webfm_mitarbeiter_20240102_0215.csv', 'webfm_mitarbeiter', defaultRows('webfm_mitarbeiter', 2)));
    await until(
      'the staff held',
      () => runtime.runner.get(staff.id),
      (view) => view?.state === 'completed',
    );
    await runtime.close();

    const elsewhere = mkdtempSync(join(tmpdir(), 'confirmed-'));
    const cliCopy = join(elsewhere, 'webfm_hilfen_20240102_0215.csv');
    copyFileSync(join(office.inboxDir, 'held', 'webfm_hilfen_20240102_0215.csv'), cliCopy);
    const applied = await importFile(office.database.db, testImportSettings({ tenantId: office.tenantId, confirmDeletions: true }), cliCopy);
    rmSync(elsewhere, { recursive: true, force: true });
    expect(applied.status).toBe('applied');

    await office.start({ work: true });
    await until(
      'held/ tidied',
      async () => shelf(office, 'held'),
      (names) => names.length === 1,
    );
    expect(shelf(office, 'held')).toEqual(['webfm_mitarbeiter_20240102_0215.csv']);
    expect(existsSync(join(office.inboxDir, 'done', 'webfm_hilfen_20240102_0215.csv'))).toBe(true);
  });
});
