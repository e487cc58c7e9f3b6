import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { saveSchedule } from '../../schedules/schedule-repository.js';
import { defaultRows } from '../../testing/export-files.js';
import { JobAttemptFailed, type ImportJobProcessor } from '../import-job-processor.js';
import { dropIntoInbox, jobTestOffice, until, type JobTestOffice } from '../testing/index.js';
import { InProcessImportRunner } from './in-process-import-runner.js';

describe('the embedded runner (no Redis) on PGlite', () => {
  let office: JobTestOffice;
  beforeEach(async () => {
    office = await jobTestOffice('pglite');
  });
  afterEach(() => office.close());

  it('imports a file dropped into the watched inbox, once, and shelves it', async () => {
    const runtime = await office.start({ work: true, watch: true });
    expect(runtime.runner.kind).toBe('in-process');
    await dropIntoInbox(office.inboxDir, 'webfm_faelle_20240101_0215.csv', 'webfm_faelle', defaultRows('webfm_faelle', 3));
    const [job] = await until(
      'the job',
      () => runtime.runner.list(10),
      (jobs) => jobs.length === 1 && jobs[0]!.state === 'completed',
    );
    expect(job!.result!.imports).toEqual([expect.objectContaining({ file: 'webfm_faelle_20240101_0215.csv', status: 'applied', eventsAppended: 3 })]);
    // The console's progress bar: the whole file read, its rows counted, the attempt's start known.
    expect(job!.progress).toEqual({ file: 'webfm_faelle_20240101_0215.csv', rowsRead: 3, share: 1 });
    expect(Date.parse(job!.startedAt!)).toBeLessThanOrEqual(Date.parse(job!.finishedAt!));
    expect(existsSync(join(office.inboxDir, 'done', 'webfm_faelle_20240101_0215.csv'))).toBe(true);
    // The same arrival offered again (the watch's rescan, a second watcher) joins its job.
    expect(await runtime.runner.submit(job!.job)).toMatchObject({ id: job!.id, state: 'completed' });
  });

  it('fires a schedule through the same job as BullMQ', async () => {
    await saveSchedule(office.database.db, office.tenantId, { source: 'webfm_hilfen', cron: '* * * * * *', timeZone: 'Europe/Berlin', paused: false });
    await dropIntoInbox(office.inboxDir, 'webfm_hilfen_20240101_0215.csv', 'webfm_hilfen', defaultRows('webfm_hilfen', 4));
    await office.start({ work: true, watch: false });
    const imports = await until(
      'the scheduled import',
      () => office.database.db.selectFrom('imports').select(['file_name', 'status']).execute(),
      (rows) => rows.length > 0,
      10_000,
    );
    expect(imports).toEqual([{ file_name: 'webfm_hilfen_20240101_0215.csv', status: 'applied' }]);
  });
});

describe('the embedded runner retries as BullMQ does', () => {
  const job = { kind: 'source', source: 'webfm_faelle' } as const;

  it('retries a transient fault with doubling waits, then succeeds', async () => {
    const attemptTimes: number[] = [];
    const processor: ImportJobProcessor = async () => {
      attemptTimes.push(Date.now());
      if (attemptTimes.length < 3) throw new JobAttemptFailed('ECONNREFUSED: database away', true);
      return { imports: [] };
    };
    const runner = new InProcessImportRunner(processor, { attempts: 5, backoffMs: 50 });
    const { id } = await runner.submit(job);
    const done = await until(
      'the third attempt',
      () => runner.get(id),
      (view) => view?.state === 'completed',
      5_000,
    );
    expect(done).toMatchObject({ attemptsMade: 3, lastError: 'ECONNREFUSED: database away' });
    expect(done!.log).toEqual([expect.stringMatching(/attempt 1 of 5 failed: ECONNREFUSED: database away; next attempt in/), expect.stringMatching(/attempt 2 of 5 failed/)]);
    expect(attemptTimes[2]! - attemptTimes[1]!).toBeGreaterThanOrEqual(100);
    await runner.close();
  });

  it('sends a hopeless fault to the failed list at once, and re-runs it when asked', async () => {
    let calls = 0;
    const runner = new InProcessImportRunner(
      async () => {
        if (++calls === 1) throw new JobAttemptFailed('import 123 is not held', false);
        return { imports: [] };
      },
      { attempts: 5, backoffMs: 50 },
    );
    const { id } = await runner.submit(job);
    const failed = await until(
      'the failure',
      () => runner.get(id),
      (view) => view?.state === 'failed',
      5_000,
    );
    expect(failed).toMatchObject({ attemptsMade: 1, lastError: 'import 123 is not held' });
    await runner.retry(id);
    await until(
      'the re-run',
      () => runner.get(id),
      (view) => view?.state === 'completed',
      5_000,
    );
    expect(calls).toBe(2);
    await runner.close();
  });
});
