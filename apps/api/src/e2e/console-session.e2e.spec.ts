import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { revokeToken } from '../access/token-store.js';
import { startApiOnEmptyDatabase, type ApiUnderTest } from '../testing/api-under-test.js';

/** The session cookie a sign-in answer sets, as a browser would send it back. */
function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';')[0]!;
}

/**
 * The web console's session over HTTP: a token becomes an httpOnly, SameSite=Strict cookie;
 * a change made with the cookie needs the session's CSRF token; sign-out and a revoked token
 * end the session.
 */
describe('console sessions (postgres)', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiOnEmptyDatabase();
  });
  afterAll(async () => api?.close());

  async function signIn(token: string) {
    const response = await api.send('POST', '/api/v1/session', undefined, { token });
    return { response, cookie: cookieOf(response), body: (await response.json()) as { role: string; csrfToken: string } };
  }

  const withCookie = (path: string, cookie: string, init: RequestInit = {}) => fetch(`${api.url}${path}`, { ...init, headers: { cookie, ...(init.headers as Record<string, string> | undefined) } });

  it('exchanges a token for an httpOnly, SameSite=Strict session cookie that answers as the token would', async () => {
    const { response, cookie, body } = await signIn(api.tokens.controlling);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/^jc_session=[\w-]{43}; Path=\/; Expires=.+; HttpOnly; SameSite=Strict$/);
    expect(body).toMatchObject({ role: 'controlling', csrfToken: expect.stringMatching(/^[\w-]{43}$/) });
    expect((await withCookie('/api/v1/teams', cookie)).status).toBe(200);
    expect((await withCookie('/api/v1/session', cookie)).status).toBe(200);
    // The role's limits hold for the session as for the token.
    expect((await withCookie('/api/v1/admin/sources', cookie)).status).toBe(403);
  });

  it('refuses an unknown token, and a request with a made-up session', async () => {
    expect((await api.send('POST', '/api/v1/session', undefined, { token: 'jat_unknown' })).status).toBe(401);
    expect((await withCookie('/api/v1/teams', 'jc_session=made-up')).status).toBe(401);
  });

  it('accepts a change made with the session cookie only with its CSRF token', async () => {
    const { cookie, body } = await signIn(api.tokens.admin);
    const pause = (headers: Record<string, string>) => withCookie('/api/v1/admin/schedules/webfm_faelle/pause', cookie, { method: 'POST', headers });
    expect((await pause({})).status).toBe(403);
    expect((await pause({ 'x-csrf-token': 'x'.repeat(43) })).status).toBe(403);
    // Past the guard: the route itself answers (there is no schedule to pause).
    expect((await pause({ 'x-csrf-token': body.csrfToken })).status).toBe(404);
  });

  it('ends the session at sign-out (which needs the CSRF token too) and when its token is revoked', async () => {
    const { cookie, body } = await signIn(api.tokens.planning);
    expect((await withCookie('/api/v1/session', cookie, { method: 'DELETE' })).status).toBe(401);
    const out = await withCookie('/api/v1/session', cookie, { method: 'DELETE', headers: { 'x-csrf-token': body.csrfToken } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^jc_session=; .*Expires=Thu, 01 Jan 1970/);
    expect((await withCookie('/api/v1/session', cookie)).status).toBe(401);

    const second = await startApiOnEmptyDatabase({ TOKEN_CACHE_MS: '0' });
    try {
      const signedIn = await second.send('POST', '/api/v1/session', undefined, { token: second.tokens.planning });
      const session = cookieOf(signedIn);
      const tokenId = (await second.database.db.selectFrom('api_tokens').select('token_id').where('role', '=', 'planning').executeTakeFirstOrThrow()).token_id;
      await revokeToken(second.database.db, DEFAULT_TENANT_ID, tokenId);
      expect((await fetch(`${second.url}/api/v1/session`, { headers: { cookie: session } })).status).toBe(401);
    } finally {
      await second.close();
    }
  });
});
