import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Job } from 'bullmq';
import { openDatabase } from '@jugendamt/db';
import { defaultRows, storedEvents, cleanEventsOf, cuttableLink, dropIntoInbox, freePort, jobTestOffice, testRedisUrl, until, type JobTestOffice } from '@jugendamt/ingest-pipeline/testing';
import { readIngestSettings, startImportRuntime, type BullImportQueue } from '@jugendamt/ingest-pipeline';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

const importsOf = (office: JobTestOffice) => office.database.db.selectFrom('imports').select(['file_name', 'status']).orderBy('finished_at').execute();

const bigFile = { name: 'webfm_teilprozesse_20240101_0215.csv', source: 'webfm_teilprozesse' as const, rows: defaultRows('webfm_teilprozesse', 60_000) };

describe('a worker killed in the middle of a file (real child process)', () => {
  let office: JobTestOffice;
  let child: ChildProcess | undefined;
  beforeAll(() => execFileSync('npx', ['tsc', '-b', 'apps/ingest'], { cwd: root, stdio: 'inherit' }), 180_000);
  beforeEach(async () => {
    office = await jobTestOffice('postgres', { REDIS_URL: testRedisUrl(), INBOX_WATCH: 'off' });
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    await office.close();
  });

  it('leaves the file to another worker, which applies it once, with no duplicate', async () => {
    const producer = await office.start({ work: false });
    const queue = (producer.runner as BullImportQueue).queue;
    const job = await dropIntoInbox(office.inboxDir, bigFile.name, bigFile.source, bigFile.rows);
    const submitted = await producer.runner.submit(job);

    let output = '';
    child = spawn(process.execPath, [join(root, 'apps/ingest/dist/worker.js')], { env: { ...process.env, ...office.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await until(
      'the worker reading the file',
      async () => ((await queue.getJob(submitted.id)) as Job | undefined)?.progress,
      (progress) => typeof progress === 'object' && (progress as { rowsRead: number }).rowsRead > 0,
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    expect(await importsOf(office)).toEqual([]);
    expect(await storedEvents(office.database.db)).toEqual([]);

    // Another worker finds the job stalled once the dead one's lock runs out, and finishes it.
    await office.start({ work: true });
    const finished = await until(
      'the re-run',
      () => producer.runner.get(submitted.id),
      (view) => view?.state === 'completed',
      120_000,
    );
    // The job says the file is applied: by this run, or (on a machine so loaded that the living
    // worker's lock ran out and its own stalled check ran the job again) by the run before.
    const { imports, note } = finished!.result!;
    if (imports.length) expect(imports).toEqual([expect.objectContaining({ file: bigFile.name, status: 'applied' })]);
    else expect(note).toBe(`${bigFile.name} is no longer in the inbox: another job imported it`);
    expect(await importsOf(office)).toEqual([{ file_name: bigFile.name, status: 'applied' }]);
    expect(await storedEvents(office.database.db)).toEqual(await cleanEventsOf([bigFile]));
    expect(output).not.toMatch(/Nachname|Vorname/);
  }, 240_000);
});

describe('a Redis restart in the middle of a run', () => {
  let office: JobTestOffice;
  let redis: ChildProcess | undefined;
  let redisDir: string;
  let port: number;

  const startRedis = async () => {
    const bin = process.env['TEST_REDIS_SERVER_BIN'] ?? 'redis-server';
    // Durable as production should run it: every write in the append-only file before it is acknowledged.
    redis = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
    await until(
      'Redis up',
      async () => canConnect(port),
      (up) => up,
      20_000,
    );
  };

  beforeEach(async () => {
    redisDir = mkdtempSync(join(tmpdir(), 'redis-'));
    port = await freePort();
    await startRedis();
    office = await jobTestOffice('postgres', { REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterEach(async () => {
    await office.close();
    redis?.kill('SIGKILL');
    rmSync(redisDir, { recursive: true, force: true });
  });

  it('loses no job: every file submitted before the restart is applied once after it', async () => {
    const nights = Array.from({ length: 6 }, (_, i) => ({
      name: `webfm_teilprozesse_202401${String(i + 1).padStart(2, '0')}_0215.csv`,
      source: 'webfm_teilprozesse' as const,
      rows: defaultRows('webfm_teilprozesse', 8_000, 1 + i * 8_000),
    }));
    const producer = await office.start({ work: false });
    for (const night of nights) await producer.runner.submit(await dropIntoInbox(office.inboxDir, night.name, night.source, night.rows));
    await office.start({ work: true });

    await until(
      'the first import',
      () => importsOf(office),
      (rows) => rows.length >= 1,
    );
    redis!.kill('SIGKILL');
    await new Promise((resolve) => redis!.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await startRedis();

    const imports = await until(
      'all six imports',
      () => importsOf(office),
      (rows) => rows.length >= 6,
      120_000,
    );
    expect(imports).toEqual(nights.map((n) => ({ file_name: n.name, status: 'applied' })));
    const views = await until(
      'six finished jobs',
      () => producer.runner.list(20),
      (all) => all.filter((j) => j.state === 'completed').length === 6,
      60_000,
    );
    expect(views).toHaveLength(6);
    expect(await storedEvents(office.database.db)).toEqual(await cleanEventsOf(nights));
  }, 240_000);
});

describe('a PostgreSQL outage in the middle of a file', () => {
  let office: JobTestOffice;
  beforeEach(async () => {
    office = await jobTestOffice('postgres', { REDIS_URL: testRedisUrl(), INBOX_WATCH: 'off' });
  });
  afterEach(() => office.close());

  it('makes the job wait and retry: the file is applied once, and the job says what happened', async () => {
    const link = await cuttableLink(Number(new URL(office.database.url!).port));
    const viaLink = new URL(office.database.url!);
    viaLink.port = String(link.port);
    const database = await openDatabase({ databaseUrl: viaLink.toString() });
    const runtime = await startImportRuntime(database, { work: true, watch: false, log: () => undefined }, readIngestSettings({ ...office.env, DATABASE_URL: viaLink.toString() }));
    try {
      const queue = (runtime.runner as BullImportQueue).queue;
      const submitted = await runtime.runner.submit(await dropIntoInbox(office.inboxDir, bigFile.name, bigFile.source, bigFile.rows));
      await until(
        'the worker reading the file',
        async () => ((await queue.getJob(submitted.id)) as Job | undefined)?.progress,
        (progress) => typeof progress === 'object' && (progress as { rowsRead: number }).rowsRead > 0,
      );
      await link.cut();
      const waiting = await until(
        'the fault noticed',
        () => runtime.runner.get(submitted.id),
        (view) => view?.state === 'delayed' || (view?.attemptsMade ?? 0) > 1,
      );
      expect(waiting!.lastError).toMatch(/ECONNREFUSED|terminated|ECONNRESET|connection error/i);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await link.restore();

      const finished = await until(
        'the retried job',
        () => runtime.runner.get(submitted.id),
        (view) => view?.state === 'completed',
        120_000,
      );
      expect(finished!.attemptsMade).toBeGreaterThan(1);
      expect(finished!.log.join('\n')).toMatch(/attempt 1 of 12 failed, will be retried: .*(ECONNREFUSED|terminated|ECONNRESET|connection error)/i);
      expect(await importsOf(office)).toEqual([{ file_name: bigFile.name, status: 'applied' }]);
      expect(await storedEvents(office.database.db)).toEqual(await cleanEventsOf([bigFile]));
    } finally {
      await runtime.close(5_000);
      await database.close();
      await link.close();
    }
  }, 240_000);
});

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
