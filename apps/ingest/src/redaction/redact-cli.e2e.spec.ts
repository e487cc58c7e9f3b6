import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catchUpAll } from '@jugendamt/projections';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { untilEventsReadable } from '@jugendamt/event-store/testing';
import { defaultRows, writeExportFile, ingestTestKit, type IngestTestKit, everyStoredText } from '@jugendamt/ingest-pipeline/testing';

const cli = fileURLToPath(new URL('../../dist/redaction/redact-cli.js', import.meta.url));
const NAME = 'Bartholomäus Quenstedt';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI as the administrator runs it: options on the command line, the value on standard input. */
function redactCli(args: readonly string[], stdin: string, databaseUrl: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('npm run redact (postgres)', () => {
  let kit: IngestTestKit;
  let url: string;
  beforeAll(async () => {
    kit = await ingestTestKit('postgres');
    url = kit.database.url!;
    const aids = defaultRows('webfm_hilfen', 6);
    aids[2] = { ...aids[2]!, Team: NAME };
    await kit.importFiles([writeExportFile(kit.dir, 'webfm_hilfen_20240101_0215.csv', 'webfm_hilfen', aids)]);
    await untilEventsReadable(kit.db);
    await catchUpAll(kit.db, DEFAULT_TENANT_ID);
  });
  afterAll(async () => kit?.close());

  it('refuses the value on the command line, a run without a note and a note that holds the value, and changes nothing', async () => {
    const before = await everyStoredText(kit.db);
    const onCommandLine = await redactCli(['--field', 'team', '--note', 'DSB-1', NAME], '', url);
    expect(onCommandLine).toMatchObject({ code: 2, stderr: expect.stringContaining('never from the command line') });
    const withoutNote = await redactCli(['--field', 'team'], `${NAME}\n`, url);
    expect(withoutNote).toMatchObject({ code: 2, stderr: expect.stringContaining('--note is required') });
    const noteWithValue = await redactCli(['--field', 'team', '--note', `Bitte ${NAME.toUpperCase()} löschen`], `${NAME}\n`, url);
    expect(noteWithValue).toMatchObject({ code: 2, stderr: expect.stringContaining('--note contains the value') });
    const unknownField = await redactCli(['--field', 'caseId', '--note', 'DSB-1'], `${NAME}\n`, url);
    expect(unknownField).toMatchObject({ code: 2, stderr: expect.stringContaining('--field must name one of') });
    for (const run of [onCommandLine, withoutNote, noteWithValue, unknownField]) expect(run.stdout + run.stderr).not.toContain(NAME);
    expect(await everyStoredText(kit.db)).toEqual(before);
  }, 60_000);

  it('counts in a dry run, then redacts with the value from a file, and never prints it', async () => {
    const dry = await redactCli(['--field', 'team', '--dry-run'], `${NAME}\n`, url);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/webfm_hilfen\s+team\s+1 events of 1 records, 1 record states/);
    expect(dry.stdout).toContain('nothing changed');

    const valueFile = join(kit.dir, 'value.txt');
    writeFileSync(valueFile, `${NAME}\n`);
    const run = await redactCli(['--field', 'team', '--value-file', valueFile, '--note', 'DSB-2026-15'], '', url);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/webfm_hilfen\s+team\s+1 events of 1 records, 1 record states/);
    expect(run.stdout).toContain('the value is found in no table any more');
    for (const output of [dry.stdout, dry.stderr, run.stdout, run.stderr]) expect(output).not.toContain(NAME);

    const entry = await kit.db.selectFrom('access_log').select(['subject', 'parameters']).where('method', '=', 'REDACT').executeTakeFirstOrThrow();
    expect(entry.subject).toMatch(/^os:.+/);
    expect(entry.parameters).toMatchObject({ fields: ['team'], note: 'DSB-2026-15' });
    expect([...(await everyStoredText(kit.db)).values()].join('\n')).not.toContain(NAME);
  }, 120_000);
});
