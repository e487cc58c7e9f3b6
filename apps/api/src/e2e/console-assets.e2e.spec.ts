import { startApiOnEmptyDatabase, type ApiUnderTest } from '../testing/api-under-test.js';

/** The web console's page as the API serves it (built by `npm test`'s build step): same origin only, no inline script, bookmarks work. */
describe('web console assets (postgres)', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiOnEmptyDatabase();
  });
  afterAll(async () => api?.close());

  it('serves the console at / and at its own paths under a policy that loads nothing from elsewhere', async () => {
    for (const path of ['/', '/controlling/rueckfuehrungsquote', '/gesamtbericht', '/verwaltung/quellen']) {
      const response = await api.get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const policy = Object.fromEntries(
        response.headers
          .get('content-security-policy')!
          .split(';')
          .map((directive) => directive.trim().split(/\s+/))
          .map(([name, ...sources]) => [name, sources]),
      );
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['default-src']).toEqual(["'self'"]);
      expect(policy['font-src']).toEqual(["'self'", 'data:']);
      expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(policy['upgrade-insecure-requests']).toBeUndefined();
    }
    const page = await (await api.get('/')).text();
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/.exec(page)?.[1];
    expect(script).toBeDefined();
    const asset = await api.get(script!);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers an unknown API path with JSON, not the console page', async () => {
    const response = await api.get('/api/v1/unknown');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
