import { sql } from 'kysely';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { catchUpAll } from '@jugendamt/projections';
import { pruneAccessLog } from '../access-log/access-log-retention.js';
import { bodyOf, startApiOnEmptyDatabase, type ApiUnderTest } from '../testing/api-under-test.js';

interface Entry {
  at: string;
  role: string | null;
  subject: string | null;
  method: string;
  route: string;
  parameters: Record<string, unknown>;
  format: string | null;
  status: number;
  outcome: string;
}

describe('the access log on real PostgreSQL', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiOnEmptyDatabase();
    await catchUpAll(api.database.db, DEFAULT_TENANT_ID);
  });
  afterAll(() => api?.close());

  const entriesSince = async (since: string): Promise<Entry[]> => (await bodyOf(await api.get(`/api/v1/admin/access-log?from=${encodeURIComponent(since)}`, api.tokens.admin))).entries;
  const tokenIdOf = async (role: string) =>
    (
      await api.database.db
        .selectFrom('api_tokens')
        .select('token_id')
        .where('role', '=', role as 'admin')
        .executeTakeFirstOrThrow()
    ).token_id;
  const subjectOf = async (role: string) => `token:${await tokenIdOf(role)}`;

  it('holds one entry per read and per administrative action, with who, what, format and outcome', async () => {
    const since = new Date().toISOString();
    await api.get('/api/v1/kpis/return-rate?period=2025&by=team', api.tokens.controlling);
    await api.get('/api/v1/reports/annual/2025?format=csv&public=true', api.tokens.planning);
    await api.get('/api/v1/kpis/costs?period=2025', api.tokens.planning); // refused: planners read reports only
    await api.send('PUT', '/api/v1/admin/schedules/webfm_faelle', api.tokens.admin, { cron: '30 2 * * *' });
    await api.get('/api/v1/kpis/aids?period=2025'); // no credentials

    const entries = await entriesSince(since);
    expect(entries.map((e) => [e.method, e.route, e.role, e.outcome])).toEqual([
      ['GET', '/api/v1/kpis/return-rate', 'controlling', 'answered'],
      ['GET', '/api/v1/reports/annual/:year', 'planning', 'answered'],
      ['GET', '/api/v1/kpis/costs', 'planning', 'refused'],
      ['PUT', '/api/v1/admin/schedules/:source', 'admin', 'answered'],
    ]);
    expect(entries[0]).toMatchObject({ subject: await subjectOf('controlling'), parameters: { period: '2025', by: 'team' }, status: 200 });
    expect(entries[1]).toMatchObject({ subject: await subjectOf('planning'), parameters: { year: '2025', format: 'csv', public: 'true' }, format: 'csv' });
    expect(entries[2]!.status).toBe(403);
    expect(entries[3]).toMatchObject({ subject: await subjectOf('admin'), parameters: { source: 'webfm_faelle' } });
    // A request without credentials belongs to no office: it is logged, but in no office's view.
    const anonymous = await api.database.db.selectFrom('access_log').selectAll().where('tenant_id', 'is', null).where('at', '>=', new Date(since)).execute();
    expect(anonymous.map((e) => [e.route, e.status, e.outcome])).toEqual([['/api/v1/kpis/aids', 401, 'refused']]);
  });

  it('answers "who pulled the annual report of 2025?" and exports it as CSV', async () => {
    const since = new Date().toISOString();
    await api.get('/api/v1/reports/annual/2025?format=xlsx', api.tokens.planning);
    await api.get('/api/v1/reports/annual/2024?format=json', api.tokens.controlling);
    const response = await api.get(`/api/v1/admin/access-log?from=${encodeURIComponent(since)}&route=reports/annual&parameter=year=2025&format=csv`, api.tokens.admin);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = Buffer.from(await response.arrayBuffer())
      .subarray(3)
      .toString('utf8')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Zeitpunkt;Rolle;Kennung;Methode;Route;Parameter;Format;Status;Ergebnis;Dauer (ms)');
    expect(lines.slice(1).map((line) => line.split(';').slice(1, 5))).toEqual([['planning', await subjectOf('planning'), 'GET', '/api/v1/reports/annual/:year']]);
  });

  it('keeps the one-time code and state of a sign-on’s return out of the log', async () => {
    const since = new Date();
    await api.get('/api/v1/session/oidc/callback?code=one-time-code&state=one-time-state');
    await entriesSince(since.toISOString()); // flushed
    const rows = await api.database.db.selectFrom('access_log').select(['route', 'parameters']).where('at', '>=', since).where('route', 'like', '/api/v1/session%').execute();
    expect(rows.length).toBe(1);
    expect(JSON.stringify(rows)).not.toMatch(/one-time/);
  });

  it('is append-only: the database refuses to change or delete an entry within its retention', async () => {
    await api.get('/api/v1/kpis/aids?period=2025', api.tokens.controlling);
    await entriesSince(new Date(0).toISOString()); // flushed
    const db = api.database.db;
    await expect(sql`UPDATE access_log SET role = 'admin'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM access_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE access_log`.execute(db)).rejects.toThrow(/append-only/);
    // Naming a short retention does not open the door.
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('jugendamt.access_log_retention_days', '1', true)`.execute(trx);
        await sql`DELETE FROM access_log`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    await expect(pruneAccessLog(db, 30)).rejects.toThrow(/at least 180 days/);
  });

  it('lets entries go once they are older than the retention, and only those', async () => {
    const db = api.database.db;
    // An entry of three years ago, as a long-running installation has one.
    await db
      .insertInto('access_log')
      .values({ tenant_id: 'default', at: new Date(Date.now() - 3 * 365 * 86_400_000), method: 'GET', route: '/api/v1/kpis/aids', parameters: '{}', status: 200, outcome: 'answered', duration_ms: 3 })
      .execute();
    // Counted by age: requests of this suite may still be written while it runs.
    const count = async (older: boolean) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM access_log WHERE (at < now() - interval '730 days') = ${older}`.execute(db)).rows[0]!.n);
    const youngerBefore = await count(false);
    expect(await count(true)).toBe(1);
    expect(await pruneAccessLog(db, 730)).toBe(1);
    expect(await count(true)).toBe(0);
    expect(await count(false)).toBeGreaterThanOrEqual(youngerBefore);
  });
});

describe('a KPI before the projections were first built (postgres)', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiOnEmptyDatabase();
  });
  afterAll(() => api?.close());

  it('answers 503 with Retry-After, a wait the caller can understand, not a 500', async () => {
    const response = await api.get('/api/v1/kpis/return-rate?period=2025', api.tokens.controlling);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect((await bodyOf(response)).message).toMatch(/has not been built yet/);
  });
});
