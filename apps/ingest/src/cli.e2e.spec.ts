import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DEFAULT_TENANT_ID, openDatabase } from '@jugendamt/db';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '@jugendamt/db/testing';
import { cuttableLink, freePort, defaultRows, writeExportFile, TEST_PSEUDONYM_KEY } from '@jugendamt/ingest-pipeline/testing';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(root, 'apps/ingest/dist/cli.js');

interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface CliOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Called with stderr so far, e.g. to cut the database at the right moment. */
  readonly onStderr?: (stderr: string) => void;
  /** A CLI still running after this is killed (a hang): its exit code is null. */
  readonly timeoutMs?: number;
  readonly asNobody?: boolean;
}

/** Runs the built CLI as an operator or a scheduler would. */
function runCli(args: readonly string[], { env = {}, onStderr, timeoutMs = 60_000, asNobody = false }: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: tmpdir(),
      env: { PATH: process.env['PATH'], PSEUDONYM_KEY: TEST_PSEUDONYM_KEY.toString('hex'), TENANT_ID: DEFAULT_TENANT_ID, PROGRESS_INTERVAL_MS: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      onStderr?.(stderr);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

const lines = (text: string) => text.trim().split('\n');
const noStack = (run: CliRun) => expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at |node:internal|Error: /m);

describe('the ingest CLI', () => {
  let dir: string;
  beforeAll(() => execFileSync('npx', ['tsc', '-b', 'apps/ingest'], { cwd: root, stdio: 'inherit' }), 180_000);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-'));
    chmodSync(dir, 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('refuses input it cannot import, in one line with exit code 2, before touching a database', () => {
    // No database is reachable here: an input error must come first.
    const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };

    it('a path that does not exist', async () => {
      const run = await runCli([join(dir, 'webfm_faelle_20240101_0215.csv')], { env });
      expect(run.exitCode).toBe(2);
      expect(lines(run.stderr)).toEqual([`cannot import ${join(dir, 'webfm_faelle_20240101_0215.csv')}: no such file or folder`]);
      expect(run.stdout).toBe('');
    });

    it('a named pipe, instead of waiting for a writer for ever', async () => {
      const fifo = join(dir, 'webfm_faelle_20240101_0215.csv');
      execFileSync('mkfifo', [fifo]);
      const run = await runCli([fifo], { env, timeoutMs: 20_000 });
      expect(run.exitCode).toBe(2);
      expect(lines(run.stderr)).toEqual([`cannot import ${fifo}: not a regular file but a named pipe`]);
    });

    it('a file it may not read', async () => {
      const file = writeExportFile(dir, 'webfm_faelle_20240101_0215.csv', 'webfm_faelle', defaultRows('webfm_faelle', 3));
      chmodSync(file, 0o000);
      // Root reads everything: the CLI runs as an unprivileged user then.
      const run = await runCli([file], { env, asNobody: process.getuid?.() === 0 });
      expect(run.exitCode).toBe(2);
      expect(lines(run.stderr)).toEqual([`cannot import ${file}: permission denied`]);
    });

    it('an unknown option, and names every exit code in its usage', async () => {
      const run = await runCli(['--jsno', dir], { env });
      expect(run.exitCode).toBe(2);
      expect(lines(run.stderr)[0]).toMatch(/^Unknown option '--jsno'/);
      noStack(run);
      const help = await runCli(['--help']);
      expect(help.exitCode).toBe(0);
      for (const code of [0, 1, 2, 3]) expect(help.stderr).toMatch(new RegExp(`^ +${code} +\\S`, 'm'));
    });
  });

  describe('on real PostgreSQL', () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await createTestDatabase('postgres');
    });
    afterEach(() => database.close());

    it('exits 1 when a file was stale: older than what is applied for its source', async () => {
      const newer = writeExportFile(dir, 'webfm_hilfen_20240102_0215.csv', 'webfm_hilfen', defaultRows('webfm_hilfen', 5));
      const older = writeExportFile(dir, 'webfm_hilfen_20240101_0215.csv', 'webfm_hilfen', defaultRows('webfm_hilfen', 6));
      expect((await runCli([newer], { env: { DATABASE_URL: database.url } })).exitCode).toBe(0);
      const run = await runCli([older], { env: { DATABASE_URL: database.url } });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/^stale +webfm_hilfen_20240101_0215\.csv: .* — stale: observed 2024-01-01T01:15:00\.000Z, but webfm_hilfen is applied up to/m);
    });

    it('exits 3 with one line when the database cannot be reached', async () => {
      const file = writeExportFile(dir, 'webfm_faelle_20240101_0215.csv', 'webfm_faelle', defaultRows('webfm_faelle', 3));
      const run = await runCli([file], { env: { DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/none` } });
      expect(run.exitCode).toBe(3);
      expect(lines(run.stderr)).toEqual([expect.stringMatching(/^database unavailable: .*ECONNREFUSED/)]);
      noStack(run);
    });

    it('exits 3 with one line when the database goes away in the middle of a file; the files before stay applied', async () => {
      const link = await cuttableLink(Number(new URL(database.url!).port));
      const viaLink = new URL(database.url!);
      viaLink.port = String(link.port);
      const cases = writeExportFile(dir, 'webfm_faelle_20240101_0215.csv', 'webfm_faelle', defaultRows('webfm_faelle', 50));
      const big = writeExportFile(dir, 'webfm_teilprozesse_20240101_0215.csv', 'webfm_teilprozesse', defaultRows('webfm_teilprozesse', 60_000));
      let cut = false;
      try {
        const run = await runCli([cases, big], {
          env: { DATABASE_URL: viaLink.toString() },
          onStderr: (stderr) => {
            if (cut || !/reading webfm_teilprozesse\S*: \d+ %, [1-9]\d\.\d{3} rows/.test(stderr)) return;
            cut = true;
            void link.cut();
          },
        });
        expect(cut).toBe(true);
        expect(run.exitCode).toBe(3);
        expect(lines(run.stderr).at(-1)).toMatch(/^database unavailable: .*; files imported before stay imported, the file in progress was rolled back$/);
        noStack(run);
        expect(run.stdout).toMatch(/^applied +webfm_faelle_20240101_0215\.csv/m);
      } finally {
        await link.close();
      }
      const imports = await database.db.selectFrom('imports').select(['file_name', 'status']).execute();
      expect(imports).toEqual([{ file_name: 'webfm_faelle_20240101_0215.csv', status: 'applied' }]);
    }, 120_000);

    it('lets two CLIs start at once on a fresh, unmigrated database', async () => {
      const name = `fresh_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: testDatabaseUrl() });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(testDatabaseUrl());
      url.pathname = `/${name}`;
      try {
        const cases = writeExportFile(dir, 'webfm_faelle_20240101_0215.csv', 'webfm_faelle', defaultRows('webfm_faelle', 30));
        const aids = writeExportFile(dir, 'webfm_hilfen_20240101_0215.csv', 'webfm_hilfen', defaultRows('webfm_hilfen', 30));
        const runs = await Promise.all([runCli([cases], { env: { DATABASE_URL: url.toString() } }), runCli([aids], { env: { DATABASE_URL: url.toString() } })]);
        expect(runs.map((r) => r.exitCode)).toEqual([0, 0]);
        for (const run of runs) expect(run.stderr).not.toMatch(/duplicate key|database|fault/);
        const fresh = await openDatabase({ databaseUrl: url.toString() });
        try {
          const active = await fresh.db.selectFrom('projection_generations').select(['projection', 'generation']).where('status', '=', 'active').execute();
          expect(active.length).toBeGreaterThan(0);
          expect(active.every((g) => g.generation === 1)).toBe(true);
        } finally {
          await fresh.close();
        }
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    });

    it('with --json, writes one JSON document on stdout and nothing else, on success and on a fault', async () => {
      const file = writeExportFile(dir, 'webfm_faelle_20240101_0215.csv', 'webfm_faelle', defaultRows('webfm_faelle', 3));
      const done = await runCli(['--json', file], { env: { DATABASE_URL: database.url } });
      expect(done.exitCode).toBe(0);
      expect(JSON.parse(done.stdout)).toEqual([expect.objectContaining({ file: 'webfm_faelle_20240101_0215.csv', status: 'applied', eventsAppended: 3 })]);

      const missing = await runCli(['--json', join(dir, 'webfm_hilfen_20240101_0215.csv')], { env: { DATABASE_URL: database.url } });
      expect(missing.exitCode).toBe(2);
      expect(JSON.parse(missing.stdout)).toEqual({ error: { exitCode: 2, message: expect.stringMatching(/no such file or folder$/) }, imports: [] });

      const away = await runCli(['--json', file], { env: { DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/none` } });
      expect(away.exitCode).toBe(3);
      expect(JSON.parse(away.stdout)).toEqual({ error: { exitCode: 3, message: expect.stringMatching(/^database unavailable: /) }, imports: [] });
      expect(lines(away.stderr)).toEqual([expect.stringMatching(/^database unavailable: /)]);
    });
  });
});
