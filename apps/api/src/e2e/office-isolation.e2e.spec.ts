import { sql } from 'kysely';
import { inOffice, withoutOffice } from '@jugendamt/db';
import { createTestDatabase } from '@jugendamt/db/testing';
import { withEventsTable } from '@jugendamt/event-store/testing';
import { startJwtIssuer, type JwtIssuer } from '../testing/jwt-issuer.js';
import { B_TEAM_PREFIX, OFFICE_A, OFFICE_B, startTwoOffices, type TwoOffices } from '../testing/two-offices.js';

/** Every read route of the API, with parameters that make it answer with rows. */
const ROUTES = [
  '/api/v1/kpis/sub-process-counts?period=2025&by=team',
  '/api/v1/kpis/chronicle-counts?period=2025',
  '/api/v1/kpis/aids?period=2025&by=team',
  '/api/v1/kpis/aids/stock?on=2025-12-31&by=team',
  '/api/v1/kpis/cases-of-year?year=2025',
  '/api/v1/kpis/return-rate?period=2025&by=team',
  '/api/v1/kpis/staff-fluctuation?period=2025',
  '/api/v1/kpis/caseload?on=2025-11-15',
  '/api/v1/kpis/staffing-requirement?period=2025',
  '/api/v1/kpis/costs?period=2025&by=team',
  '/api/v1/kpis/endings?period=2025&by=paragraph',
  '/api/v1/teams',
  '/api/v1/reports/annual/2025?format=json',
  '/api/v1/admin/imports?limit=500',
  '/api/v1/admin/sources',
  '/api/v1/admin/schedules',
  '/api/v1/admin/catalogues',
  '/api/v1/admin/projections',
  '/api/v1/admin/access-log?limit=1000',
];

interface Traces {
  readonly importIds: string[];
  readonly tokenIds: string[];
  readonly streamIds: string[];
  /** The keyed pseudonyms of the office's source ids (record_links, migration 0015). */
  readonly pseudonyms: string[];
}

describe('two offices on one PostgreSQL, kept apart by row-level security', () => {
  let offices: TwoOffices;
  let ofB: Traces;
  let sso: JwtIssuer;
  beforeAll(async () => {
    // One identity provider for both offices: its tokens name the account's office.
    sso = await startJwtIssuer();
    offices = await startTwoOffices({ ...sso.env, OIDC_OFFICE_CLAIM: 'office' });
    ofB = await tracesOf(OFFICE_B);
  }, 240_000);
  afterAll(async () => {
    await offices?.close();
    sso?.close();
  });

  /** What would betray office B in an answer: its import ids, token ids, streams and pseudonyms. */
  async function tracesOf(tenantId: string): Promise<Traces> {
    const db = offices.owner.db;
    return {
      importIds: (await db.selectFrom('imports').select('import_id').where('tenant_id', '=', tenantId).execute()).map((r) => r.import_id),
      tokenIds: (await db.selectFrom('api_tokens').select('token_id').where('tenant_id', '=', tenantId).execute()).map((r) => r.token_id),
      streamIds: (await withEventsTable(db).selectFrom('events').select('stream_id').distinct().where('tenant_id', '=', tenantId).execute()).map((r) => r.stream_id),
      pseudonyms: (await db.selectFrom('record_links').select(['kind', 'pseudonym']).where('tenant_id', '=', tenantId).execute()).map((r) => `${r.kind}:${r.pseudonym}`),
    };
  }

  const get = (path: string, token: string) => fetch(`${offices.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const roleFor = (path: string) => (path.startsWith('/api/v1/admin') ? 'admin' : path.startsWith('/api/v1/reports') ? 'planning' : 'controlling');

  it.each(ROUTES)('%s with office A’s token shows nothing of office B (and B’s token shows B’s)', async (path) => {
    const responseOfA = await get(path, offices.tokens.A[roleFor(path)]);
    expect(responseOfA.status).toBe(200);
    const answerOfA = await responseOfA.text();
    // The import runtime, its schedules and rebuilds, serve one office (TENANT_ID): B's administrator finds none here.
    const answerOfB = await (await get(path, offices.tokens.B[roleFor(path)])).text();
    expect(answerOfA).not.toContain(B_TEAM_PREFIX);
    for (const id of [...ofB.importIds, ...ofB.tokenIds]) expect(answerOfA).not.toContain(id);
    // The markers would show: where an answer names teams, imports or callers, B's own does.
    if (/by=team|teams|annual/.test(path)) expect(answerOfB).toContain(B_TEAM_PREFIX);
    if (path.includes('imports')) expect(answerOfB).toContain(ofB.importIds[0]);
  });

  it('opens a single sign-on token on the office its claim names, and refuses one naming no office served here', async () => {
    const teamsWith = async (office: unknown) => get('/api/v1/teams', await sso.sign({ roles: ['controlling'], ...(office === undefined ? {} : { office }) }));
    const ofA = await (await teamsWith(OFFICE_A)).text();
    const ofBByClaim = await (await teamsWith(OFFICE_B)).text();
    expect(ofA).not.toContain(B_TEAM_PREFIX);
    expect(ofA).toContain('ASD Team');
    expect(ofBByClaim).toContain(B_TEAM_PREFIX);
    expect(ofBByClaim).toEqual(await (await get('/api/v1/teams', offices.tokens.B.controlling)).text());
    for (const office of ['west', undefined, [OFFICE_A, OFFICE_B]]) {
      const refused = await teamsWith(office);
      expect([office, refused.status]).toEqual([office, 403]);
      expect(await refused.text()).toContain('names no office of this service');
    }
  });

  it('refuses office B’s import, its findings and its catalogue history to office A’s administrator', async () => {
    const importId = ofB.importIds[0]!;
    expect((await get(`/api/v1/admin/imports/${importId}`, offices.tokens.A.admin)).status).toBe(404);
    expect((await get(`/api/v1/admin/imports/${importId}`, offices.tokens.B.admin)).status).toBe(200);
    expect((await get(`/api/v1/admin/imports/${importId}/findings`, offices.tokens.A.admin)).status).toBe(404);
  });

  it('a query without any office filter, on the API’s own connection, sees the current office’s rows and none without an office', async () => {
    const tables = await tablesWithOffices();
    expect(tables).toEqual(expect.arrayContaining(['events', 'imports', 'import_findings', 'api_tokens', 'access_log', 'catalogues', 'record_links', 'console_sessions']));
    // The earlier tests' requests are logged in batches after their answers: all of them in, the counts hold still.
    await offices.flushAccessLog();
    for (const table of tables) {
      const unfiltered = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(offices.api.app)).rows[0]!.n);
      const ownerCount = async (tenantId: string) =>
        Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE tenant_id = ${tenantId}`.execute(offices.owner.db)).rows[0]!.n);
      expect({ table, count: await inOffice(OFFICE_A, unfiltered) }).toEqual({ table, count: await ownerCount(OFFICE_A) });
      expect({ table, count: await inOffice(OFFICE_B, unfiltered) }).toEqual({ table, count: await ownerCount(OFFICE_B) });
      if (table !== 'access_log') expect({ table, count: await withoutOffice(unfiltered) }).toEqual({ table, count: 0 });
    }
    const events = await inOffice(OFFICE_A, () => sql<{ n: string }>`SELECT count(*) AS n FROM events`.execute(offices.api.app));
    expect(Number(events.rows[0]!.n)).toBeGreaterThan(0);
  });

  it('every table that holds an office’s rows has row-level security and its policy', async () => {
    const { rows } = await sql<{ table: string; secured: boolean; policies: number }>`
      SELECT c.relname AS table, c.relrowsecurity AS secured,
             (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'office_rows' AND 'public' = ANY(p.roles)) AS policies
      FROM pg_class c WHERE c.relname = ANY(${await tablesWithOffices()}::text[]) AND c.relkind = 'r'`.execute(offices.owner.db);
    expect(rows.filter((r) => !r.secured || r.policies !== 1)).toEqual([]);
  });

  it('the API’s role cannot switch row-level security off, take another role or write into another office', async () => {
    const refused = (statement: string) =>
      offices.api.app
        .connection()
        .execute(async (connection) => {
          await sql.raw(statement).execute(connection);
          return 'allowed';
        })
        .catch((error: Error) => error.message);
    expect(await refused('ALTER TABLE events DISABLE ROW LEVEL SECURITY')).toMatch(/must be owner/);
    expect(await refused('DROP POLICY office_rows ON events')).toMatch(/must be owner/);
    expect(await refused('SET ROLE postgres')).toMatch(/permission denied/);
    expect(await refused(`SET SESSION AUTHORIZATION postgres`)).toMatch(/permission denied/);
    expect(await refused('SET row_security = off; SELECT count(*) FROM events')).toMatch(/row-level security/);
    expect(await refused('ALTER ROLE jugendamt_app BYPASSRLS')).toMatch(/permission denied|must be superuser/);
    // Back to its login role, the connection is still bound by the policies: it sees nothing.
    const asLogin = await offices.api.app.connection().execute(async (connection) => {
      await sql`RESET ROLE`.execute(connection);
      return (await sql<{ who: string; n: string }>`SELECT current_user AS who, (SELECT count(*) FROM events) AS n`.execute(connection)).rows[0]!;
    });
    expect(asLogin).toEqual({ who: offices.loginRole, n: '0' });
    const intoB = inOffice(OFFICE_A, () =>
      offices.api.app.insertInto('api_tokens').values({ tenant_id: OFFICE_B, token_id: crypto.randomUUID(), token_hash: 'planted', role: 'admin', label: 'planted', revoked_at: null }).execute(),
    );
    await expect(intoB).rejects.toThrow(/row-level security/);
  });

  it('office B’s key makes other pseudonyms of the same source ids: it cannot link office A’s records', async () => {
    // Both offices imported the same source ids; with one key both would hold the same pseudonyms.
    const ofA = await tracesOf(OFFICE_A);
    expect(ofA.pseudonyms.length).toBeGreaterThan(100);
    expect(ofA.pseudonyms.length).toBe(ofB.pseudonyms.length);
    expect(ofA.pseudonyms.filter((pseudonym) => ofB.pseudonyms.includes(pseudonym))).toEqual([]);
    // Entry numbers and population bands (Stichtag, ages, social area) name no person: not pseudonymised.
    const personal = (id: string) => !id.startsWith('chronicle-entry-') && !id.startsWith('population-');
    expect(ofA.streamIds.filter((id) => ofB.streamIds.includes(id) && personal(id))).toEqual([]);
  });

  async function tablesWithOffices(): Promise<string[]> {
    const { rows } = await sql<{ table_name: string }>`
      SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'tenants'
      ORDER BY 1`.execute(offices.owner.db);
    return rows.map((r) => r.table_name);
  }
});

describe('the embedded PGlite keeps offices apart the same way', () => {
  it('a query without an office filter sees the current office’s rows, none without an office, and the owner’s view is untouched', async () => {
    const database = await createTestDatabase('pglite');
    try {
      for (const tenantId of ['default', 'ost']) {
        await database.db.insertInto('tenants').values({ tenant_id: tenantId, name: tenantId }).execute();
        await database.db
          .insertInto('api_tokens')
          .values({ tenant_id: tenantId, token_id: crypto.randomUUID(), token_hash: `hash-${tenantId}`, role: 'admin', label: 't', revoked_at: null })
          .execute();
      }
      const unfiltered = async () => (await database.app.selectFrom('api_tokens').select('tenant_id').execute()).map((r) => r.tenant_id);
      expect(await inOffice('default', unfiltered)).toEqual(['default']);
      const inTransaction = (trx: typeof database.app) => trx.selectFrom('api_tokens').select('tenant_id').execute();
      expect((await inOffice('ost', () => database.app.transaction().execute(inTransaction))).map((r) => r.tenant_id)).toEqual(['ost']);
      expect(await unfiltered()).toEqual([]);
      // Interleaved offices on PGlite's one session: each statement sees its own office.
      const both = await Promise.all([inOffice('default', unfiltered), inOffice('ost', unfiltered), inOffice('default', unfiltered)]);
      expect(both).toEqual([['default'], ['ost'], ['default']]);
      expect((await database.db.selectFrom('api_tokens').select('tenant_id').orderBy('tenant_id').execute()).map((r) => r.tenant_id)).toEqual(['default', 'ost']);
    } finally {
      await database.close();
    }
  });
});
