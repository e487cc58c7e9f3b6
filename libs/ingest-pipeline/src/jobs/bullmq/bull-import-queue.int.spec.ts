import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { saveSchedule } from '../../schedules/schedule-repository.js';
import { defaultRows } from '../../testing/export-files.js';
import { storedEvents } from '../../testing/ingest-test-kit.js';
import { cleanEventsOf, dropIntoInbox, jobTestOffice, testRedisUrl, until, type JobTestOffice } from '../testing/index.js';
import type { BullImportQueue } from './bull-import-queue.js';

const importsOf = (office: JobTestOffice) => office.database.db.selectFrom('imports').select(['file_name', 'status', 'events_appended']).orderBy('finished_at').execute();

/** Ten nights of the case snapshot, each opening ten more cases: applied out of order, some would be stale. */
const tenNights = Array.from({ length: 10 }, (_, i) => ({
  name: `webfm_faelle_202401${String(i + 1).padStart(2, '0')}_0215.csv`,
  rows: defaultRows('webfm_faelle', 20 + 10 * i),
}));

describe('imports on BullMQ (real Redis and PostgreSQL)', () => {
  let office: JobTestOffice;
  beforeEach(async () => {
    office = await jobTestOffice('postgres', { REDIS_URL: testRedisUrl() });
  });
  afterEach(() => office.close());

  it('fires a schedule, which imports the file dropped in the inbox; a paused schedule leaves the queue', async () => {
    await saveSchedule(office.database.db, office.tenantId, { source: 'webfm_faelle', cron: '* * * * * *', timeZone: 'Europe/Berlin', paused: false });
    const worker = await office.start({ work: true });
    const queue = (worker.runner as BullImportQueue).queue;
    expect(await queue.getJobSchedulers()).toEqual([expect.objectContaining({ key: 'schedule-webfm_faelle', pattern: '* * * * * *', tz: 'Europe/Berlin' })]);

    await dropIntoInbox(office.inboxDir, 'webfm_faelle_20240101_0215.csv', 'webfm_faelle', defaultRows('webfm_faelle', 5));
    const imports = await until(
      'the scheduled import',
      () => importsOf(office),
      (rows) => rows.length > 0,
    );
    expect(imports).toEqual([{ file_name: 'webfm_faelle_20240101_0215.csv', status: 'applied', events_appended: 5 }]);
    // The import is recorded before its file is shelved: the job ends when both are done.
    await until(
      'the file shelved in done/',
      async () => existsSync(join(office.inboxDir, 'done', 'webfm_faelle_20240101_0215.csv')),
      (shelved) => shelved,
    );

    await saveSchedule(office.database.db, office.tenantId, { source: 'webfm_faelle', cron: '* * * * * *', timeZone: 'Europe/Berlin', paused: true });
    await worker.syncSchedules();
    expect(await queue.getJobSchedulers()).toEqual([]);
  });

  it('lets two workers race on ten files: each is applied exactly once, in observation order', async () => {
    const producer = await office.start({ work: false });
    const jobs = [];
    for (const night of tenNights) jobs.push(await dropIntoInbox(office.inboxDir, night.name, 'webfm_faelle', night.rows));
    await office.start({ work: true });
    await office.start({ work: true });
    // Newest first, and every file twice, as two watching workers would submit them.
    for (const job of [...jobs].reverse()) await producer.runner.submit(job);
    for (const job of jobs) await producer.runner.submit(job);

    const views = await until(
      'ten finished jobs',
      () => producer.runner.list(50),
      (all) => all.length === 10 && all.every((j) => j.state === 'completed'),
    );
    expect(views).toHaveLength(10);
    const imports = await importsOf(office);
    expect(imports.map((i) => i.file_name)).toEqual(tenNights.map((n) => n.name));
    expect(imports.every((i) => i.status === 'applied')).toBe(true);

    expect(await storedEvents(office.database.db)).toEqual(await cleanEventsOf(tenNights.map((n) => ({ ...n, source: 'webfm_faelle' as const }))));
  });

  it('holds a snapshot that deletes too much until the administrator confirms it', async () => {
    const worker = await office.start({ work: true });
    const full = await dropIntoInbox(office.inboxDir, 'webfm_hilfen_20240101_0215.csv', 'webfm_hilfen', defaultRows('webfm_hilfen', 20));
    await worker.runner.submit(full);
    const truncated = await dropIntoInbox(office.inboxDir, 'webfm_hilfen_20240102_0215.csv', 'webfm_hilfen', defaultRows('webfm_hilfen', 10));
    const heldJob = await worker.runner.submit(truncated);

    const done = await until(
      'the held verdict',
      () => worker.runner.get(heldJob.id),
      (view) => view?.state === 'completed',
    );
    const held = done!.result!.imports[0]!;
    expect(held).toMatchObject({ file: 'webfm_hilfen_20240102_0215.csv', status: 'held', eventsAppended: 0 });
    // The file's end is reported however soon it follows the start: the job shows it read whole.
    expect(done!.progress).toEqual({ file: held.file, rowsRead: 10, share: 1 });
    expect(done!.startedAt).not.toBeNull();
    expect(existsSync(join(office.inboxDir, 'held', held.file))).toBe(true);
    const eventsWhileHeld = (await storedEvents(office.database.db)).length;
    expect(eventsWhileHeld).toBe(20);

    const confirmation = await worker.runner.submit({ kind: 'confirm', importId: held.importId });
    const confirmed = await until(
      'the confirmed import',
      () => worker.runner.get(confirmation.id),
      (view) => view?.state === 'completed',
    );
    expect(confirmed!.result!.imports).toEqual([expect.objectContaining({ file: held.file, status: 'applied', eventsAppended: 10 })]);
    const deleted = (await storedEvents(office.database.db)).filter((e) => e.event_type === 'AidDeleted');
    expect(deleted).toHaveLength(10);
    expect(existsSync(join(office.inboxDir, 'done', held.file))).toBe(true);
  });
});
