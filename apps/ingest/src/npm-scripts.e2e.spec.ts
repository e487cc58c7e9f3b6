import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@jugendamt/db/testing';
import { TEST_PSEUDONYM_KEY } from '@jugendamt/ingest-pipeline/testing';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

/**
 * The README's commands as a user types them: the npm script builds first, and what it
 * promises on stdout must be all there is, so that `> report.json` holds a JSON document.
 */
describe('npm scripts (postgres)', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dir = mkdtempSync(join(tmpdir(), 'npm-scripts-'));
    copyFileSync(join(root, 'samples/webfm_faelle_20260101_0215.csv'), join(dir, 'webfm_faelle_20260101_0215.csv'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database?.close();
  });

  it('npm run --silent ingest -- --json writes the JSON report and nothing else on stdout', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'ingest', '--', '--json', dir], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, PSEUDONYM_KEY: TEST_PSEUDONYM_KEY.toString('hex'), NX_DAEMON: 'false' },
      maxBuffer: 16 << 20,
    });
    const report = JSON.parse(stdout) as { file: string; status: string }[];
    expect(report.map(({ file, status }) => ({ file, status }))).toEqual([{ file: 'webfm_faelle_20260101_0215.csv', status: 'applied' }]);
  }, 300_000);

  it('npm run unlink -- --dry-run --json lists what is due and changes nothing; npm run unlink unlinks it', async () => {
    const env = { ...process.env, DATABASE_URL: database.url, PSEUDONYM_KEY: TEST_PSEUDONYM_KEY.toString('hex'), NX_DAEMON: 'false', RETENTION_CASES_YEARS: '1' };
    const linkCount = async () =>
      Number(
        (
          await database.db
            .selectFrom('record_links')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await linkCount();
    const dry = JSON.parse((await run('npm', ['run', '--silent', 'unlink', '--', '--dry-run', '--json'], { cwd: root, env, maxBuffer: 16 << 20 })).stdout);
    expect(dry).toMatchObject({ dryRun: true, periods: { webfm_faelle: 1 } });
    expect(dry.counts.cases).toBeGreaterThan(0);
    expect(dry.records.cases).toHaveLength(dry.counts.cases);
    expect(await linkCount()).toBe(before);

    const { stdout } = await run('npm', ['run', '--silent', 'unlink'], { cwd: root, env });
    expect(stdout.trim()).toBe(`unlinked: ${dry.counts.cases} cases (with ${dry.counts.fileReferences} Aktenzeichen), 0 aids, 0 sub-processes, 0 staff members`);
    expect(await linkCount()).toBe(before - dry.counts.cases - dry.counts.fileReferences);
  }, 300_000);
});
