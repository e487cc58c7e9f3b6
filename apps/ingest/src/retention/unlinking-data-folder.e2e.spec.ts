import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { normalizeAktenzeichen, Pseudonymizer } from '@jugendamt/domain';
import { retentionCutoff } from '@jugendamt/ingest-pipeline';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const run = promisify(execFile);
const CASES = join(root, 'samples/webfm_faelle_20260101_0215.csv');

/** Every file under the folder, but the write-ahead log (see docs/data-protection.md: it is recycled, not wiped). */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'pg_wal' ? [] : filesOf(path);
    return [path];
  });
}

/**
 * The embedded default as an office runs it: `npm run ingest` and `npm run unlink` on the
 * data folder's PGlite, with the key file the product made there. With that key and the
 * source ids in hand, neither the data folder nor what the commands printed leads to the
 * records unlinked; the records kept are found (so the search could find them).
 */
describe('unlinking on the embedded default: the data folder and the output', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'unlink-data-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps nothing from which an unlinked case id or its pseudonym can be recomputed', async () => {
    const env = { PATH: process.env['PATH'], DATA_DIR: dataDir, PROGRESS_INTERVAL_MS: '0' };
    // Imported before a period was set: with it, records already past it would not be taken in.
    const imported = await run(process.execPath, [join(root, 'apps/ingest/dist/cli.js'), CASES], { env, cwd: tmpdir() });
    const unlinked = await run(process.execPath, [join(root, 'apps/ingest/dist/retention/unlink-cli.js')], { env: { ...env, RETENTION_CASES_YEARS: '1' }, cwd: tmpdir() });
    const output = [imported.stdout, imported.stderr, unlinked.stdout, unlinked.stderr].join('\n');

    const cutoff = retentionCutoff(1, new Date());
    const rows = readFileSync(CASES, 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(';'));
    const ended = (row: string[]) => (row[10] ? row[10].split('.').reverse().join('-') : null);
    const due = rows.filter((row) => ended(row) !== null && ended(row)! < cutoff);
    const kept = rows.filter((row) => !due.includes(row));
    expect(unlinked.stdout.trim()).toBe(`unlinked: ${due.length} cases (with ${due.length} Aktenzeichen), 0 aids, 0 sub-processes, 0 staff members`);
    expect(kept.length).toBeGreaterThan(0);

    const key = Buffer.from(readFileSync(join(dataDir, 'pseudonym.key'), 'utf8').trim(), 'hex');
    const pseudonymizer = new Pseudonymizer(key);
    const tracesOf = (row: string[]) => [row[0]!, row[1]!, pseudonymizer.pseudonym('case', row[0]!), pseudonymizer.pseudonym('file-reference', normalizeAktenzeichen(row[1]!))];
    const files = filesOf(dataDir).map((path) => ({ path: relative(dataDir, path), bytes: readFileSync(path) }));
    const holding = (value: string) => [...files.filter((file) => file.bytes.includes(value)).map((file) => file.path), ...(output.includes(value) ? ['output'] : [])];

    const [, , keptCase, keptReference] = tracesOf(kept[0]!);
    expect(holding(keptCase!).length).toBeGreaterThan(0);
    expect(holding(keptReference!).length).toBeGreaterThan(0);
    for (const row of due) for (const trace of tracesOf(row)) expect([trace, holding(trace)]).toEqual([trace, []]);
  }, 300_000);
});
