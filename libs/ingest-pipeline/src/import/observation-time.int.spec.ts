import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_BACKENDS } from '@jugendamt/db/testing';
import { defaultRows, writeExportFile } from '../testing/export-files.js';
import { ingestTestKit, TEST_PSEUDONYM_KEY, type IngestTestKit } from '../testing/ingest-test-kit.js';
import { importFiles, importSettings } from './import-session.js';
import { readIngestSettings } from '../config/ingest-settings.js';

/** The `_YYYYMMDD_HHMM` of a moment, as the exporting system (Berlin time) writes it. */
function berlinStamp(at: Date): string {
  const local = at.toLocaleString('sv-SE', { timeZone: 'Europe/Berlin' });
  return `${local.slice(0, 10).replaceAll('-', '')}_${local.slice(11, 13)}${local.slice(14, 16)}`;
}

const aids = (night: string) => `webfm_hilfen_${night}.csv`;

describe.each(TEST_BACKENDS)('the observation time decides (%s)', (backend) => {
  let kit: IngestTestKit;
  beforeEach(async () => {
    kit = await ingestTestKit(backend);
  });
  afterEach(() => kit.close());

  const settings = (env: NodeJS.ProcessEnv = {}) => ({ ...importSettings({}, readIngestSettings({ PSEUDONYM_KEY: TEST_PSEUDONYM_KEY.toString('hex'), ...env })), tenantId: 'default' });

  it('refuses a file named after a moment in the future, so it cannot freeze its source', async () => {
    const future = writeExportFile(kit.dir, aids('20990101_0215'), 'webfm_hilfen', defaultRows('webfm_hilfen', 5));
    const real = writeExportFile(kit.dir, aids(berlinStamp(new Date(Date.now() - 86_400_000))), 'webfm_hilfen', defaultRows('webfm_hilfen', 6));
    const [refused, later] = await importFiles(kit.db, settings(), [future, real]);
    expect(refused).toMatchObject({ status: 'rejected', eventsAppended: 0 });
    expect(refused!.message).toMatch(/^file rejected: observed 2099-01-01T01:15:00\.000Z, more than 60 minutes after this server's clock/);
    expect(refused!.findings).toEqual([expect.objectContaining({ severity: 'error', code: 'observed-in-future' })]);
    expect(later).toMatchObject({ status: 'applied', eventsAppended: 6 });
  });

  it('allows a clock ahead of ours by the tolerance, FUTURE_OBSERVATION_TOLERANCE_MINUTES', async () => {
    const twoHoursAhead = writeExportFile(kit.dir, aids(berlinStamp(new Date(Date.now() + 2 * 3_600_000))), 'webfm_hilfen', defaultRows('webfm_hilfen', 5));
    const [refused] = await importFiles(kit.db, settings(), [twoHoursAhead]);
    expect(refused!.status).toBe('rejected');
    const [accepted] = await importFiles(kit.db, settings({ FUTURE_OBSERVATION_TOLERANCE_MINUTES: '180' }), [twoHoursAhead]);
    expect(accepted!.status).toBe('applied');
    expect(() => settings({ FUTURE_OBSERVATION_TOLERANCE_MINUTES: 'eine Stunde' })).toThrow(/FUTURE_OBSERVATION_TOLERANCE_MINUTES must be a whole number/);
  });

  it("diffs last week's snapshot bytes delivered again under a newer name (A, B, A): the newest state stands", async () => {
    const a = writeExportFile(kit.dir, aids('20240101_0215'), 'webfm_hilfen', defaultRows('webfm_hilfen', 20));
    const b = writeExportFile(kit.dir, aids('20240108_0215'), 'webfm_hilfen', defaultRows('webfm_hilfen', 21));
    const aAgain = join(kit.dir, aids('20240115_0215'));
    copyFileSync(a, aAgain);
    const summaries = await kit.importFiles([a, b, aAgain]);
    expect(summaries.map((s) => [s.status, s.eventsAppended])).toEqual([
      ['applied', 20],
      ['applied', 1],
      ['applied', 1],
    ]);
    const last = (await kit.events()).filter((e) => e.observed_at.startsWith('2024-01-15'));
    expect(last.map((e) => e.event_type)).toEqual(['AidDeleted']);

    // The same file twice, observed at the same moment: a duplicate, nothing read again.
    const [twice] = await kit.importFiles([aAgain]);
    expect(twice).toMatchObject({ status: 'duplicate', eventsAppended: 0 });
  });

  it('reads an unchanged snapshot with a newer name: nothing changes, but the source is known up to date', async () => {
    const first = writeExportFile(kit.dir, aids('20240101_0215'), 'webfm_hilfen', defaultRows('webfm_hilfen', 20));
    const unchanged = join(kit.dir, aids('20240108_0215'));
    copyFileSync(first, unchanged);
    const [, summary] = await kit.importFiles([first, unchanged]);
    expect(summary).toMatchObject({ status: 'applied', eventsAppended: 0, rowsUnchanged: 20 });
    expect(summary!.message).toContain(aids('20240101_0215'));
    const older = join(kit.dir, aids('20231225_0215'));
    copyFileSync(first, older);
    // Older than what is applied, with content applied before: known already, not a warning.
    expect((await kit.importFiles([older]))[0]!.status).toBe('duplicate');
  });
});
