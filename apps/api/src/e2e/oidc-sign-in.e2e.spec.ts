import { startApiOnEmptyDatabase, type ApiUnderTest } from '../testing/api-under-test.js';
import { startOpenIdProvider, type TestOpenIdProvider } from '@jugendamt/test-oidc';

/** The console as registered at the provider; the browser-facing address may differ from the API's own (a reverse proxy). */
const CONSOLE_CLIENT = {
  clientId: 'jugendamt-console',
  clientSecret: 'a-client-secret-of-the-test-office',
  redirectUri: 'http://controlling.jugendamt.test/api/v1/session/oidc/callback',
};

/** A browser's visit at the provider: its own cookies, redirects followed by hand up to the one back to the console. */
class ProviderVisit {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly issuer: string) {}

  async go(url: string | URL, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(new URL(url, this.issuer), {
      redirect: 'manual',
      method: form ? 'POST' : 'GET',
      headers: { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      ...(form ? { body: new URLSearchParams(form) } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [, name, value] = /^([^=]+)=([^;]*)/.exec(cookie)!;
      if (value) this.cookies.set(name!, value!);
      else this.cookies.delete(name!);
    }
    return response;
  }

  /** Logs in with the development form and consents; the address the provider sends the browser back to. */
  async signIn(authorizationUrl: URL, login: string): Promise<URL> {
    let response = await this.go(authorizationUrl);
    for (let step = 0; step < 12; step++) {
      const location = response.headers.get('location');
      if (location?.startsWith(CONSOLE_CLIENT.redirectUri)) return new URL(location);
      if (location) {
        response = await this.go(location);
        continue;
      }
      const page = await response.text();
      const action = /<form[^>]* action="([^"]+)"/.exec(page)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      if (!action || !prompt) throw new Error(`the provider answered ${response.status} without a form:\n${page.slice(0, 500)}`);
      response = await this.go(action, prompt === 'login' ? { prompt, login, password: 'beliebig' } : { prompt });
    }
    throw new Error('the provider did not send the browser back');
  }

  /** Cancels at the login form; the address the provider sends the browser back to. */
  async cancel(authorizationUrl: URL): Promise<URL> {
    const interaction = (await this.go(authorizationUrl)).headers.get('location')!;
    let response = await this.go(`${interaction}/abort`);
    while (!response.headers.get('location')!.startsWith(CONSOLE_CLIENT.redirectUri)) response = await this.go(response.headers.get('location')!);
    return new URL(response.headers.get('location')!);
  }
}

/**
 * The console's single sign-on over HTTP against a real OpenID provider on loopback: the API
 * starts the authorization code flow with PKCE, keeps its secrets, exchanges the code and opens
 * the same session a token sign-in does; wrong or replayed callbacks and users without a role
 * end at the console's sign-in page with a reason.
 */
describe('single sign-on in the console (postgres)', () => {
  let provider: TestOpenIdProvider;
  let api: ApiUnderTest;

  beforeAll(async () => {
    provider = await startOpenIdProvider(CONSOLE_CLIENT);
    api = await startApiOnEmptyDatabase({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CONSOLE_CLIENT.clientId,
      OIDC_CLIENT_SECRET: CONSOLE_CLIENT.clientSecret,
      OIDC_REDIRECT_URI: CONSOLE_CLIENT.redirectUri,
    });
  });
  afterAll(async () => {
    await api?.close();
    await provider?.close();
  });

  async function startSignIn(on = api): Promise<{ authorizationUrl: URL; setCookie: string; cookie: string }> {
    const response = await fetch(`${on.url}/api/v1/session/oidc`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const setCookie = response.headers.getSetCookie().join('\n');
    return { authorizationUrl: new URL(response.headers.get('location')!), setCookie, cookie: setCookie.split(';')[0]! };
  }

  /** The browser arriving back at the console's callback (the redirect URI's path on the API). */
  const callback = (returned: URL, cookie?: string, on = api) => fetch(`${on.url}${returned.pathname}${returned.search}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

  const sessionCookieOf = (response: Response) => response.headers.getSetCookie().find((cookie) => cookie.startsWith('jc_session='));

  async function signInAs(login: string, on = api): Promise<Response> {
    const { authorizationUrl, cookie } = await startSignIn(on);
    return callback(await new ProviderVisit(provider.issuer).signIn(authorizationUrl, login), cookie, on);
  }

  it('tells the console that it offers single sign-on; an API without OIDC_CLIENT_ID does not', async () => {
    expect(await (await fetch(`${api.url}/api/v1/session/methods`)).json()).toEqual({ singleSignOn: true });
    const without = await startApiOnEmptyDatabase({ OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: 'controlling-api' });
    try {
      expect(await (await fetch(`${without.url}/api/v1/session/methods`)).json()).toEqual({ singleSignOn: false });
      expect((await fetch(`${without.url}/api/v1/session/oidc`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await without.close();
    }
  });

  it("sends the browser to the provider's discovered login with an S256 code challenge, state and nonce, the state kept in a Lax cookie for the callback only", async () => {
    const { authorizationUrl, setCookie } = await startSignIn();
    expect(authorizationUrl.origin + authorizationUrl.pathname).toBe(`${provider.issuer}/auth`);
    const params = Object.fromEntries(authorizationUrl.searchParams);
    expect(params).toEqual({
      response_type: 'code',
      client_id: CONSOLE_CLIENT.clientId,
      redirect_uri: CONSOLE_CLIENT.redirectUri,
      scope: 'openid',
      state: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    // The browser holds the state only: verifier and nonce stay with the API.
    expect(setCookie).toBe(`jc_sso_state=${params['state']}; Max-Age=600; Path=/api/v1/session/oidc/callback; HttpOnly; SameSite=Lax`);
    const again = Object.fromEntries((await startSignIn()).authorizationUrl.searchParams);
    expect(again['state']).not.toBe(params['state']);
    expect(again['code_challenge']).not.toBe(params['code_challenge']);
  });

  it('signs a user in through login and consent with the session a token sign-in gets, the role taken from the ID token', async () => {
    const response = await signInAs('anna.controlling');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    const setCookies = response.headers.getSetCookie();
    expect(sessionCookieOf(response)).toMatch(/^jc_session=[\w-]{43}; Path=\/; Expires=.+; HttpOnly; SameSite=Strict$/);
    expect(setCookies).toContainEqual(expect.stringMatching(/^jc_sso_state=; .*Path=\/api\/v1\/session\/oidc\/callback/));
    const cookie = sessionCookieOf(response)!.split(';')[0]!;
    const session = await fetch(`${api.url}/api/v1/session`, { headers: { cookie } });
    expect(await session.json()).toEqual({ role: 'controlling', csrfToken: expect.stringMatching(/^[\w-]{43}$/), expiresAt: expect.any(String) });
    expect((await fetch(`${api.url}/api/v1/teams`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${api.url}/api/v1/admin/sources`, { headers: { cookie } })).status).toBe(403);
    // The session names the provider's subject, never a name or e-mail address.
    const subjects = await api.database.db.selectFrom('console_sessions').select(['subject', 'role']).execute();
    expect(subjects).toContainEqual({ subject: 'oidc:anna.controlling', role: 'controlling' });

    // The same rules as for bearer JWTs: the first of the listed roles this service knows.
    const admin = await signInAs('bernd.fachadmin');
    const adminCookie = sessionCookieOf(admin)!.split(';')[0]!;
    expect(await (await fetch(`${api.url}/api/v1/session`, { headers: { cookie: adminCookie } })).json()).toMatchObject({ role: 'admin' });
  });

  it('refuses a callback with another state or without the state cookie, before asking the provider', async () => {
    const { authorizationUrl, cookie } = await startSignIn();
    const returned = await new ProviderVisit(provider.issuer).signIn(authorizationUrl, 'anna.controlling');
    const exchanges = provider.tokenRequests;
    const forged = new URL(returned);
    forged.searchParams.set('state', 'x'.repeat(43));
    for (const response of [await callback(forged, cookie), await callback(returned)]) {
      expect(response.headers.get('location')).toBe('/?anmeldung=state');
      expect(sessionCookieOf(response)).toBeUndefined();
    }
    expect(provider.tokenRequests).toBe(exchanges);
    // The browser that started the sign-in still completes it.
    expect((await callback(returned, cookie)).headers.get('location')).toBe('/');
  });

  it('uses a code verifier once: a replayed callback is refused without another exchange', async () => {
    const { authorizationUrl, cookie } = await startSignIn();
    const returned = await new ProviderVisit(provider.issuer).signIn(authorizationUrl, 'anna.controlling');
    expect((await callback(returned, cookie)).headers.get('location')).toBe('/');
    const exchanges = provider.tokenRequests;
    const replayed = await callback(returned, cookie);
    expect(replayed.headers.get('location')).toBe('/?anmeldung=state');
    expect(sessionCookieOf(replayed)).toBeUndefined();
    expect(provider.tokenRequests).toBe(exchanges);
  });

  it("binds a code to its sign-in's verifier: brought back under another sign-in's state, the provider refuses it", async () => {
    const first = await startSignIn();
    const second = await startSignIn();
    const returned = await new ProviderVisit(provider.issuer).signIn(first.authorizationUrl, 'anna.controlling');
    const swapped = new URL(returned);
    swapped.searchParams.set('state', second.authorizationUrl.searchParams.get('state')!);
    const exchanges = provider.tokenRequests;
    const response = await callback(swapped, second.cookie);
    expect(response.headers.get('location')).toBe('/?anmeldung=failed');
    expect(sessionCookieOf(response)).toBeUndefined();
    expect(provider.tokenRequests).toBe(exchanges + 1);
  });

  it('refuses a user whose ID token names no role of this service, and one who cancels at the provider', async () => {
    const sessionsBefore = (await api.database.db.selectFrom('console_sessions').select('subject').execute()).length;
    const roleless = await signInAs('gast.praktikum');
    expect(roleless.headers.get('location')).toBe('/?anmeldung=no-role');
    expect(sessionCookieOf(roleless)).toBeUndefined();

    const { authorizationUrl, cookie } = await startSignIn();
    const cancelled = await callback(await new ProviderVisit(provider.issuer).cancel(authorizationUrl), cookie);
    expect(cancelled.headers.get('location')).toBe('/?anmeldung=denied');
    expect(sessionCookieOf(cancelled)).toBeUndefined();
    expect((await api.database.db.selectFrom('console_sessions').select('subject').execute()).length).toBe(sessionsBefore);
  });

  it('with OIDC_OFFICE_CLAIM, opens the session on the office the ID token names, and refuses an office not served here', async () => {
    const offices = await startApiOnEmptyDatabase({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CONSOLE_CLIENT.clientId,
      OIDC_CLIENT_SECRET: CONSOLE_CLIENT.clientSecret,
      OIDC_REDIRECT_URI: CONSOLE_CLIENT.redirectUri,
      OIDC_OFFICE_CLAIM: 'office',
    });
    try {
      const anna = await signInAs('anna.controlling', offices);
      expect(anna.headers.get('location')).toBe('/');
      expect(await offices.database.db.selectFrom('console_sessions').select(['subject', 'tenant_id']).execute()).toEqual([{ subject: 'oidc:anna.controlling', tenant_id: 'default' }]);
      // wanda.west's directory puts her in office `west`, which this installation does not serve.
      const wanda = await signInAs('wanda.west', offices);
      expect(wanda.headers.get('location')).toBe('/?anmeldung=no-office');
      expect(sessionCookieOf(wanda)).toBeUndefined();
    } finally {
      await offices.close();
    }
  });
});
