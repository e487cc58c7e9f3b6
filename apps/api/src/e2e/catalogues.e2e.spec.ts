import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@jugendamt/ingest-pipeline/testing';
import { DEFAULT_CATALOGUES } from '@jugendamt/projections';
import { bodyOf, startApiOn, type ApiUnderTest } from '../testing/api-under-test.js';
import { writeHandMadeOffice } from '../testing/hand-made-office.js';

// The office of hand-made-office.ts: in 2025 H1 (§ 34) and H2 (§ 33) stationary, H3 (SPFH, § 31) and H4 (Erziehungsbeistand, § 30) ambulant.
describe('catalogue editing by the administrator, on real PostgreSQL', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    const { night1, night2 } = writeHandMadeOffice(mkdtempSync(join(tmpdir(), 'catalogues-e2e-')));
    api = await startApiOn([night1, night2]);
  });
  afterAll(() => api?.close());

  const admin = (method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown) => (method === 'GET' ? api.get(path, api.tokens.admin) : api.send(method, path, api.tokens.admin, body));
  const aidsBySetting = async () => {
    const body = await bodyOf(await api.get('/api/v1/kpis/aids?period=2025&by=setting', api.tokens.controlling));
    return { running: Object.fromEntries(body.rows.map((r: { group: { setting: string }; running: number }) => [r.group.setting, r.running])), catalogues: body.basis.catalogues };
  };

  it('lists the shipped catalogues as version 0, and says which take effect by a rebuild', async () => {
    const { catalogues } = await bodyOf(await admin('GET', '/api/v1/admin/catalogues'));
    expect(catalogues.map((c: { name: string; version: number; takesEffect: string }) => [c.name, c.version, c.takesEffect])).toEqual([
      ['aid-types', 0, 'by a rebuild'],
      ['chronicle-types', 0, 'at once'],
      ['staffing', 0, 'at once'],
      ['process-times', 0, 'at once'],
      ['budgets', 0, 'at once'],
      ['plausibility-rules', 0, 'at once'],
    ]);
    expect(catalogues[0]).toMatchObject({
      content: DEFAULT_CATALOGUES['aid-types'],
      rebuildPending: [],
      builtWith: [
        { projection: 'aid-history', version: 0 },
        { projection: 'chronicle-history', version: 0 },
      ],
    });
  });

  it('refuses an edit that does not fit the catalogue, naming the field, and stores nothing', async () => {
    const response = await admin('PUT', '/api/v1/admin/catalogues/staffing', { ...DEFAULT_CATALOGUES.staffing, systemTimeShare: 1.5 });
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors).toEqual([expect.objectContaining({ field: 'systemTimeShare' })]);
    const paragraph = await admin('PUT', '/api/v1/admin/catalogues/aid-types', { entries: { SPFH: { paragraph: '§31' } }, settingByParagraph: {} });
    expect((await bodyOf(paragraph)).errors).toEqual([expect.objectContaining({ field: 'entries.SPFH.paragraph' })]);
    expect((await admin('PUT', '/api/v1/admin/catalogues/nothing', {})).status).toBe(404);
    expect((await bodyOf(await admin('GET', '/api/v1/admin/catalogues/staffing'))).versions).toEqual([{ version: 0, createdAt: null, createdBy: null, createdByLabel: null }]);
  });

  it('rebuilds the projections an aid-type edit shapes, after which the KPIs follow the new version', async () => {
    expect((await aidsBySetting()).running).toEqual({ ambulant: 2, stationär: 2 });
    // This office counts its Erziehungsbeistand, run in a day group, as teilstationär.
    const edited = { ...DEFAULT_CATALOGUES['aid-types'], entries: { ...DEFAULT_CATALOGUES['aid-types'].entries, Erziehungsbeistand: { paragraph: '§ 30', setting: 'teilstationär' } } };
    const saved = await bodyOf(await admin('PUT', '/api/v1/admin/catalogues/aid-types', edited));
    expect(saved).toMatchObject({ version: 1, content: edited, rebuildPending: ['aid-history', 'chronicle-history'], rebuildJob: { description: 'rebuild of aid-history, chronicle-history' } });

    const job = await until(
      'the rebuild',
      async () => bodyOf(await admin('GET', `/api/v1/admin/jobs/${saved.rebuildJob.id}`)),
      (j) => j.state === 'completed',
      30_000,
    );
    expect(job.result.rebuilt.map((r: { projection: string }) => r.projection)).toEqual(['aid-history', 'chronicle-history']);
    const after = await aidsBySetting();
    expect(after.running).toEqual({ ambulant: 1, teilstationär: 1, stationär: 2 });
    expect(after.catalogues).toEqual([expect.objectContaining({ name: 'aid-types', version: 1 })]);

    const { projections } = await bodyOf(await admin('GET', '/api/v1/admin/projections'));
    expect(projections.find((p: { projection: string }) => p.projection === 'aid-history')).toMatchObject({ catalogueVersions: { 'aid-types': 1 }, cataloguesChangedSince: [], eventsBehind: 0 });
    const history = await bodyOf(await admin('GET', '/api/v1/admin/catalogues/aid-types?version=0'));
    expect(history).toMatchObject({ version: 0, content: DEFAULT_CATALOGUES['aid-types'], versions: [{ version: 1 }, { version: 0 }] });
  });

  it('names who stored each version and when: the token that did, by its label', async () => {
    const { catalogues } = await bodyOf(await admin('GET', '/api/v1/admin/catalogues'));
    const aidTypes = catalogues.find((c: { name: string }) => c.name === 'aid-types');
    expect(aidTypes).toMatchObject({ version: 1, createdBy: expect.stringMatching(/^admin:token:[0-9a-f-]{36}$/), createdByLabel: 'test' });
    expect(Date.now() - Date.parse(aidTypes.createdAt)).toBeLessThan(5 * 60_000);
    expect(catalogues.find((c: { name: string }) => c.name === 'process-times')).toMatchObject({ version: 0, createdAt: null, createdBy: null, createdByLabel: null });
    const { versions } = await bodyOf(await admin('GET', '/api/v1/admin/catalogues/aid-types'));
    expect(versions).toEqual([
      { version: 1, createdAt: aidTypes.createdAt, createdBy: aidTypes.createdBy, createdByLabel: 'test' },
      { version: 0, createdAt: null, createdBy: null, createdByLabel: null },
    ]);
  });

  it('stores a query-time catalogue without a rebuild: it takes effect at once', async () => {
    const requirement = async () => bodyOf(await api.get('/api/v1/kpis/staffing-requirement?period=2025', api.tokens.controlling));
    const before = await requirement();
    const saved = await bodyOf(await admin('PUT', '/api/v1/admin/catalogues/staffing', { ...DEFAULT_CATALOGUES.staffing, netAnnualWorkingMinutes: 93_600 }));
    expect(saved).toMatchObject({ version: 1, takesEffect: 'at once', builtWith: [], rebuildPending: [] });
    expect(saved.rebuildJob).toBeUndefined();
    const after = await requirement();
    expect(after.basis.catalogues).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'staffing', version: 1 })]));
    expect(after.rows).not.toEqual(before.rows);
  });

  it('rebuilds on request and refuses an unknown projection', async () => {
    const response = await admin('POST', '/api/v1/admin/projections/rebuild', { projections: ['staff-history'] });
    expect(response.status).toBe(202);
    const { id } = await bodyOf(response);
    const job = await until(
      'the rebuild',
      async () => bodyOf(await admin('GET', `/api/v1/admin/jobs/${id}`)),
      (j) => j.state === 'completed',
      30_000,
    );
    expect(job.result.rebuilt).toEqual([{ projection: 'staff-history', eventsApplied: expect.any(Number) }]);
    expect((await admin('POST', '/api/v1/admin/projections/rebuild', { projections: ['nothing'] })).status).toBe(400);
  });
});
