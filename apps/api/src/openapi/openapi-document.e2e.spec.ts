import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startApiOnEmptyDatabase, type ApiUnderTest } from '../testing/api-under-test.js';

const committed = fileURLToPath(new URL('../../../console/src/api/openapi.json', import.meta.url));

/** The console's client is typed from a committed copy of the API's document: it must be the one the API serves. */
describe('OpenAPI document of the web console (postgres)', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiOnEmptyDatabase();
  });
  afterAll(async () => api?.close());

  it('is the document the API serves at /docs-json (else: npm run console:api)', async () => {
    const served = await (await api.get('/docs-json')).json();
    expect(JSON.parse(readFileSync(committed, 'utf8'))).toEqual(served);
  });
});
