import { copyFileSync, existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRows } from '../testing/export-files.js';
import type { BullImportQueue } from './bullmq/bull-import-queue.js';
import type { ImportRuntime } from './import-runtime.js';
import { dropIntoInbox, jobTestOffice, testRedisUrl, until, type JobTestOffice } from './testing/index.js';

const staff = defaultRows('webfm_mitarbeiter', 8);
const waitingIn = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name);
const importsOf = (office: JobTestOffice) => office.database.db.selectFrom('imports').select(['file_name', 'status']).orderBy('finished_at').execute();
/** The import is recorded before its file is shelved: the job is done once both are. */
const untilShelved = (office: JobTestOffice, name: string) =>
  until(
    `${name} in done/`,
    async () => existsSync(join(office.inboxDir, 'done', name)),
    (there) => there,
    undefined,
    () => `runtime log:\n${office.log.join('\n')}`,
  );

/** Delivers the bytes of a file that was imported before again, as an export job copying an old file would. */
function deliverAgain(office: JobTestOffice, from: string, name: string): void {
  copyFileSync(join(office.inboxDir, 'done', from), join(office.inboxDir, `.${name}.part`));
  renameSync(join(office.inboxDir, `.${name}.part`), join(office.inboxDir, name));
}

/**
 * Every file arrival is a job of its own: bytes delivered again (a staff snapshot unchanged for
 * weeks, a night delivered twice) are imported and leave the inbox like any file. The same
 * arrival seen twice (by two watching workers) is still one job.
 */
describe('file arrivals on the embedded runner (PGlite, watched inbox)', () => {
  let office: JobTestOffice;
  let runtime: ImportRuntime;
  beforeEach(async () => {
    office = await jobTestOffice('pglite');
    runtime = await office.start({ work: true, watch: true }, { INBOX_POLLING: 'on', INBOX_POLL_MS: '300' });
  });
  afterEach(() => office.close());

  it('imports and shelves the same bytes again under a newer name and under the same name', async () => {
    await dropIntoInbox(office.inboxDir, 'webfm_mitarbeiter_20240101_0215.csv', 'webfm_mitarbeiter', staff);
    await untilShelved(office, 'webfm_mitarbeiter_20240101_0215.csv');

    deliverAgain(office, 'webfm_mitarbeiter_20240101_0215.csv', 'webfm_mitarbeiter_20240108_0215.csv');
    deliverAgain(office, 'webfm_mitarbeiter_20240101_0215.csv', 'webfm_mitarbeiter_20240101_0215.csv');
    const imports = await until(
      'both deliveries imported',
      () => importsOf(office),
      (rows) => rows.length === 3,
    );
    expect(imports.map((i) => i.status).sort()).toEqual(['applied', 'applied', 'duplicate']);
    await until(
      'an empty inbox',
      async () => waitingIn(office.inboxDir),
      (names) => names.length === 0,
    );
    expect(readdirSync(join(office.inboxDir, 'done'))).toHaveLength(3);
  });

  it('hands a file whose name says no source or night to its import, which rejects it', async () => {
    writeFileSync(join(office.inboxDir, 'hilfen export dezember.csv'), 'Fall-ID;Name\n1;x\n');
    const imports = await until(
      'the forged name judged',
      () => importsOf(office),
      (rows) => rows.length === 1,
      undefined,
      () => office.log.join('\n'),
    );
    expect(imports[0]!.status).toBe('rejected');
    await until(
      'an empty inbox',
      async () => waitingIn(office.inboxDir),
      (names) => names.length === 0,
    );
    expect(readdirSync(join(office.inboxDir, 'rejected'))).toEqual(['hilfen export dezember.csv']);
  });

  it('makes one job of one arrival submitted twice', async () => {
    await runtime.close();
    const idle = await office.start({ work: false, watch: false });
    const job = await dropIntoInbox(office.inboxDir, 'webfm_mitarbeiter_20240101_0215.csv', 'webfm_mitarbeiter', staff);
    const first = await idle.runner.submit({ kind: 'file', file: job.file });
    const second = await idle.runner.submit({ kind: 'file', file: job.file });
    expect(second.id).toBe(first.id);
    expect(await idle.runner.list(10)).toHaveLength(1);
  });
});

describe('file arrivals on BullMQ with two watching workers (real Redis and PostgreSQL)', () => {
  let office: JobTestOffice;
  beforeEach(async () => {
    office = await jobTestOffice('postgres', { REDIS_URL: testRedisUrl() });
  });
  afterEach(() => office.close());

  it('gives every arrival one job, and the same bytes delivered again a job of their own', async () => {
    const first = await office.start({ work: true, watch: true });
    await office.start({ work: true, watch: true });
    const queue = (first.runner as BullImportQueue).queue;
    await dropIntoInbox(office.inboxDir, 'webfm_mitarbeiter_20240101_0215.csv', 'webfm_mitarbeiter', staff);
    await untilShelved(office, 'webfm_mitarbeiter_20240101_0215.csv');

    deliverAgain(office, 'webfm_mitarbeiter_20240101_0215.csv', 'webfm_mitarbeiter_20240108_0215.csv');
    const imports = await until(
      'the second delivery imported',
      () => importsOf(office),
      (rows) => rows.length === 2,
    );
    expect(imports).toEqual([
      { file_name: 'webfm_mitarbeiter_20240101_0215.csv', status: 'applied' },
      { file_name: 'webfm_mitarbeiter_20240108_0215.csv', status: 'applied' },
    ]);
    await until(
      'an empty inbox',
      async () => waitingIn(office.inboxDir),
      (names) => names.length === 0,
    );
    expect(existsSync(join(office.inboxDir, 'done', 'webfm_mitarbeiter_20240108_0215.csv'))).toBe(true);
    // Both workers saw both files: still one job per arrival.
    const counts = () => queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
    await until('both jobs finished', counts, (c) => c['completed']! + c['failed']! >= 2);
    // A moment more for a stray second job to show, had one been made.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await counts()).toEqual({ completed: 2, failed: 0, waiting: 0, active: 0, delayed: 0 });
  });
});
