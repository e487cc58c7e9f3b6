import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sql } from 'kysely';
import { until } from '@jugendamt/ingest-pipeline/testing';
import { bodyOf, startApiOn, type ApiUnderTest } from '../testing/api-under-test.js';
import { writeHandMadeOffice } from '../testing/hand-made-office.js';

// hand-made-office.ts: after the first night, four aids run in 2025 and one (H1) ended; the second night ends H3.
describe('KPI answers served again until what they rest on changes', () => {
  let api: ApiUnderTest;
  let night2: string[];
  beforeAll(async () => {
    const office = writeHandMadeOffice(mkdtempSync(join(tmpdir(), 'answer-cache-')));
    night2 = office.night2;
    api = await startApiOn([office.night1]);
  });
  afterAll(() => api?.close());

  const aids = async (headers: Record<string, string> = {}) => (await bodyOf(await api.get('/api/v1/kpis/aids?period=2025', api.tokens.controlling, headers))).rows;

  it('answers anew once an import has changed the numbers', async () => {
    expect(await aids()).toEqual([{ group: {}, running: 4, begun: 3, ended: 1 }]);
    const file = night2.find((path) => basename(path).startsWith('webfm_hilfen_'))!;
    const upload = await fetch(`${api.url}/api/v1/admin/inbox/${basename(file)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${api.tokens.admin}`, 'content-type': 'text/csv' },
      body: readFileSync(file),
    });
    const { job } = await bodyOf(upload);
    await until(
      'the import job',
      async () => bodyOf(await api.get(`/api/v1/admin/jobs/${job.id}`, api.tokens.admin)),
      (j) => j.state === 'completed',
      30_000,
    );
    expect(await aids()).toEqual([{ group: {}, running: 4, begun: 3, ended: 2 }]);
  });

  it('serves a repeated question without asking the tables again, unless asked with Cache-Control: no-cache', async () => {
    const before = await aids();
    // Behind the log's back (nothing a real office does): the stamp stays, so the cached answer is served.
    await sql`DELETE FROM aid_versions`.execute(api.database.db);
    expect(await aids()).toEqual(before);
    expect(await aids({ 'cache-control': 'no-cache' })).not.toEqual(before);
  });

  it('sends an answer of a kilobyte or more gzipped to a client that accepts it, the same JSON as sent plain; a smaller one plain', async () => {
    const path = '/api/v1/kpis/costs?period=2025&by=paragraph';
    const plain = await api.get(path, api.tokens.controlling, { 'accept-encoding': 'identity' });
    const compressed = await api.get(path, api.tokens.controlling, { 'accept-encoding': 'gzip, deflate' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(compressed.headers.get('vary')).toBe('accept-encoding');
    const json = await plain.text();
    expect(json.length).toBeGreaterThanOrEqual(1024);
    // fetch unpacks the gzipped body.
    expect(await compressed.text()).toBe(json);

    const small = await api.get('/api/v1/kpis/sub-process-counts?period=2025&by=team,subProcess', api.tokens.controlling, { 'accept-encoding': 'gzip, deflate' });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect((await small.text()).length).toBeLessThan(1024);
  });
});
