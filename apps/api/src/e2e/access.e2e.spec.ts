import { createHash } from 'node:crypto';
import { until } from '@jugendamt/ingest-pipeline/testing';
import { OidcVerifier } from '../access/oidc-verifier.js';
import { issueToken, revokeToken } from '../access/token-store.js';
import { bodyOf, startApiOnEmptyDatabase, type ApiUnderTest } from '../testing/api-under-test.js';
import { jwtKeys, startJwtIssuer, TEST_AUDIENCE, TEST_ISSUER, type JwtIssuer } from '../testing/jwt-issuer.js';

type Caller = 'nobody' | 'unknown token' | 'admin' | 'controlling' | 'planning';
const CALLERS: readonly Caller[] = ['nobody', 'unknown token', 'admin', 'controlling', 'planning'];

/** Which caller gets which status; every other combination is the point of the test. */
const MATRIX: readonly [string, Readonly<Record<Caller, number>>][] = [
  ['/api/v1/kpis/aids?period=2025', { nobody: 401, 'unknown token': 401, admin: 403, controlling: 200, planning: 403 }],
  ['/api/v1/kpis/costs?period=2025', { nobody: 401, 'unknown token': 401, admin: 403, controlling: 200, planning: 403 }],
  ['/api/v1/reports/annual/2025', { nobody: 401, 'unknown token': 401, admin: 403, controlling: 200, planning: 200 }],
  ['/api/v1/teams', { nobody: 401, 'unknown token': 401, admin: 200, controlling: 200, planning: 200 }],
  ['/api/v1/admin/imports', { nobody: 401, 'unknown token': 401, admin: 200, controlling: 403, planning: 403 }],
  ['/api/v1/admin/schedules', { nobody: 401, 'unknown token': 401, admin: 200, controlling: 403, planning: 403 }],
  ['/api/v1/admin/sources', { nobody: 401, 'unknown token': 401, admin: 200, controlling: 403, planning: 403 }],
  ['/api/v1/admin/jobs', { nobody: 401, 'unknown token': 401, admin: 200, controlling: 403, planning: 403 }],
  ['/api/v1/admin/inbox', { nobody: 401, 'unknown token': 401, admin: 200, controlling: 403, planning: 403 }],
  ['/api/v1/admin/catalogues', { nobody: 401, 'unknown token': 401, admin: 200, controlling: 403, planning: 403 }],
  ['/api/v1/admin/projections', { nobody: 401, 'unknown token': 401, admin: 200, controlling: 403, planning: 403 }],
  ['/health', { nobody: 200, 'unknown token': 200, admin: 200, controlling: 200, planning: 200 }],
];

describe('access to the API by role, on real PostgreSQL', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiOnEmptyDatabase({ TOKEN_CACHE_MS: '300' });
    // An office with no import yet still has its projections built, empty.
    const { catchUpAll } = await import('@jugendamt/projections');
    await catchUpAll(api.database.db, 'default');
  });
  afterAll(() => api?.close());

  const tokenOf = (caller: Caller) => (caller === 'nobody' ? undefined : caller === 'unknown token' ? 'jat_not-a-token' : api.tokens[caller]);

  it.each(MATRIX)('%s answers each caller as its roles allow', async (path, expected) => {
    const statuses = Object.fromEntries(await Promise.all(CALLERS.map(async (caller) => [caller, (await api.get(path, tokenOf(caller))).status])));
    expect(statuses).toEqual(expected);
  });

  it('refuses a revoked token once its remembered owner expires (TOKEN_CACHE_MS)', async () => {
    const { token, tokenId } = await issueToken(api.database.db, 'default', 'controlling', 'leaves the office');
    expect((await api.get('/api/v1/teams', token)).status).toBe(200);
    await revokeToken(api.database.db, 'default', tokenId);
    const started = Date.now();
    await until(
      'the refusal',
      async () => (await api.get('/api/v1/teams', token)).status,
      (status) => status === 401,
      5_000,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('says why, and asks for a bearer token on 401', async () => {
    const response = await api.get('/api/v1/kpis/aids?period=2025');
    expect(response.headers.get('www-authenticate') ?? '').toBe('');
    expect((await bodyOf(response)).message).toMatch(/bearer token is required/);
    expect((await bodyOf(await api.get('/api/v1/kpis/aids?period=2025', api.tokens.planning))).message).toBe('role planning may not use this endpoint; allowed: controlling');
  });

  it('answers a path with a trailing slash as the path without', async () => {
    const [plain, slashed] = await Promise.all(['/api/v1/teams', '/api/v1/teams/'].map(async (path) => (await api.get(path, api.tokens.controlling)).status));
    expect([plain, slashed]).toEqual([200, 200]);
  });

  it('sets security headers and keeps tokens out of the database', async () => {
    const response = await api.get('/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const stored = await api.database.db.selectFrom('api_tokens').select('token_hash').execute();
    const hashes = stored.map((s) => s.token_hash);
    for (const token of Object.values(api.tokens)) {
      expect(hashes).not.toContain(token);
      expect(hashes).toContain(createHash('sha256').update(token).digest('hex'));
    }
  });

  it('serves the OpenAPI document and Prometheus metrics without a token', async () => {
    const document = await bodyOf(await api.get('/docs-json'));
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/kpis/aids', '/api/v1/reports/annual/{year}', '/health']));
    expect(document.paths['/api/v1/kpis/aids'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'period', 'by', 'team', 'asOf']));
    const metrics = await (await api.get('/metrics')).text();
    expect(metrics).toMatch(/jugendamt_projection_lag_events\{tenant="default",projection="aid-history"\} 0/);
  });
});

describe('single sign-on tokens', () => {
  const SETTINGS = { issuer: TEST_ISSUER, audience: TEST_AUDIENCE, jwksUrl: 'unused', roleClaim: 'roles', tenantId: 'default' };

  it('accepts a JWT of the issuer and audience whose role claim names a role, and nothing else', async () => {
    const { keys, sign } = await jwtKeys();
    const verifier = new OidcVerifier(SETTINGS, keys);

    expect(await verifier.principalOf(await sign({ roles: ['staff', 'controlling'] }))).toEqual({ tenantId: 'default', role: 'controlling', subject: 'oidc:u-17' });
    expect(await verifier.principalOf(await sign({ roles: ['staff'] }))).toBe('no-role');
    expect(await verifier.principalOf(await sign({ roles: ['admin'] }, 'another-api'))).toBeUndefined();
  });

  it('with an office claim, takes the office from it: exactly one, and one this installation serves', async () => {
    const { keys, sign } = await jwtKeys();
    const verifier = new OidcVerifier({ ...SETTINGS, officeClaim: 'office' }, keys, async (tenantId) => ['default', 'ost'].includes(tenantId));

    expect(await verifier.principalOf(await sign({ roles: ['controlling'], office: 'ost' }))).toEqual({ tenantId: 'ost', role: 'controlling', subject: 'oidc:u-17' });
    expect(await verifier.principalOf(await sign({ roles: ['admin'], office: ['ost'] }))).toEqual({ tenantId: 'ost', role: 'admin', subject: 'oidc:u-17' });
    // Not the configured office by default: an account the provider gave no office gets none.
    expect(await verifier.principalOf(await sign({ roles: ['controlling'] }))).toBe('no-office');
    expect(await verifier.principalOf(await sign({ roles: ['controlling'], office: 'west' }))).toBe('no-office');
    expect(await verifier.principalOf(await sign({ roles: ['controlling'], office: ['default', 'ost'] }))).toBe('no-office');
    expect(await verifier.principalOf(await sign({ roles: ['controlling'], office: '' }))).toBe('no-office');
    expect(await verifier.principalOf(await sign({ roles: ['staff'], office: 'ost' }))).toBe('no-role');
  });

  describe('their time claims, at the API', () => {
    let api: ApiUnderTest;
    let issuer: JwtIssuer;
    const now = () => Math.floor(Date.now() / 1000);
    /** An admin token of the right issuer and audience with exactly these time claims. */
    const statusOf = async (times: { exp?: number; nbf?: number; iat?: number }) => (await api.get('/api/v1/admin/inbox', await issuer.sign({ roles: ['admin'], exp: undefined, ...times }))).status;

    beforeAll(async () => {
      issuer = await startJwtIssuer();
      api = await startApiOnEmptyDatabase(issuer.env);
    });
    afterAll(async () => {
      await api?.close();
      issuer?.close();
    });

    it('refuses an admin token without an expiry, however valid otherwise', async () => {
      expect(await statusOf({ exp: now() + 600 })).toBe(200);
      expect(await statusOf({})).toBe(401);
      expect(await statusOf({ iat: now(), nbf: now() })).toBe(401);
    });

    it('refuses a token not yet valid, issued in the future or expired beyond a minute, and forgives clocks a little apart', async () => {
      const exp = now() + 600;
      expect(await statusOf({ exp, nbf: now() + 120 })).toBe(401);
      expect(await statusOf({ exp, iat: now() + 120 })).toBe(401);
      expect(await statusOf({ exp: now() - 120 })).toBe(401);
      expect(await statusOf({ exp, nbf: now() + 20, iat: now() + 20 })).toBe(200);
      expect(await statusOf({ exp: now() - 20, iat: now() - 300 })).toBe(200);
    });
  });
});

describe('rate limiting', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiOnEmptyDatabase({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => api?.close());

  it('answers 429 past RATE_LIMIT_PER_MINUTE requests of one client, before any token is looked at, and never to probes', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get('/api/v1/teams', i % 2 ? 'jat_guessed' : api.tokens.controlling)).status);
    expect(statuses).toEqual([200, 401, 200, 429]);
    const refused = await api.get('/api/v1/teams', api.tokens.controlling);
    expect(refused.status).toBe(429);
    expect(await bodyOf(refused)).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'rate limit reached: wait a minute' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    for (const probe of ['/health', '/metrics']) expect((await api.get(probe)).status).toBe(200);
  });
});
