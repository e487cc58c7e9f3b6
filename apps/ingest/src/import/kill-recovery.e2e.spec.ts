import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { createTestDatabase, type TestDatabase } from '@jugendamt/db/testing';
import { defaultRows, writeExportFile, ingestTestKit, storedEvents, TEST_PSEUDONYM_KEY, type IngestTestKit } from '@jugendamt/ingest-pipeline/testing';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = `${root}apps/ingest/dist/cli.js`;

interface CliRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/** Runs the real CLI; with `killWhen`, sends SIGKILL as soon as its output matches. */
function runCli(database: TestDatabase, files: readonly string[], killWhen?: RegExp): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...files], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        PSEUDONYM_KEY: TEST_PSEUDONYM_KEY.toString('hex'),
        TENANT_ID: DEFAULT_TENANT_ID,
        PROGRESS_INTERVAL_MS: '0',
        // Every file is read in a worker thread, as large exports are: killed and re-run that
        // way, it must give the events of a clean run read in this thread.
        READ_IN_WORKER_FROM_BYTES: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (killWhen?.test(output) && child.exitCode === null) child.kill('SIGKILL');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolve({ exitCode, signal, output }));
  });
}

/**
 * A worker killed with SIGKILL in the middle of a large file: PostgreSQL rolls the file's
 * transaction back, so the file is either whole or absent, and a re-run finishes the job.
 * PostgreSQL only: the guarantee rests on its transactions, and a child process needs a
 * database it can reach.
 */
describe('kill -9 in the middle of an import (postgres)', () => {
  let clean: IngestTestKit;
  let killed: TestDatabase;
  let files: string[];

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'apps/ingest'], { cwd: root, stdio: 'inherit' });
    clean = await ingestTestKit('postgres');
    killed = await createTestDatabase('postgres');
    const cases = defaultRows('webfm_faelle', 2_000);
    files = [
      writeExportFile(clean.dir, 'webfm_faelle_20240101_0215.csv', 'webfm_faelle', cases),
      writeExportFile(clean.dir, 'webfm_teilprozesse_20240101_0215.csv', 'webfm_teilprozesse', defaultRows('webfm_teilprozesse', 60_000)),
    ];
  }, 180_000);
  afterAll(async () => {
    await clean?.close();
    await killed?.close();
  });

  it('leaves the killed file wholly unapplied, and a re-run gives exactly the events of one clean run', async () => {
    // Killed once the sub-process file has applied chunks inside its still-open transaction.
    const interrupted = await runCli(killed, files, /reading webfm_teilprozesse\S*: \d+ %, [1-9]\d\.\d{3} rows/);
    expect(interrupted.signal).toBe('SIGKILL');
    expect(interrupted.output).toMatch(/applied\s+webfm_faelle_20240101_0215\.csv/);

    const afterKill = await storedEvents(killed.db);
    expect(afterKill.filter((e) => e.event_type === 'CaseOpened')).toHaveLength(2_000);
    expect(afterKill.filter((e) => e.event_type.startsWith('SubProcess'))).toHaveLength(0);
    const imports = await killed.db.selectFrom('imports').select(['file_name', 'status']).orderBy('file_name').execute();
    expect(imports).toEqual([{ file_name: 'webfm_faelle_20240101_0215.csv', status: 'applied' }]);

    const rerun = await runCli(killed, files);
    expect(rerun.exitCode).toBe(0);
    expect(rerun.output).toMatch(/duplicate\s+webfm_faelle_20240101_0215\.csv/);
    expect(rerun.output).toMatch(/applied\s+webfm_teilprozesse_20240101_0215\.csv/);

    await clean.importFiles(files);
    expect(await storedEvents(killed.db)).toEqual(await storedEvents(clean.db));

    // The worker's log names no person: the cases carry names and birth dates.
    expect(`${interrupted.output}${rerun.output}`).not.toMatch(/Nachname|Vorname|\d{2}\.03\.2012/);
  }, 180_000);
});
