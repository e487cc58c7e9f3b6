import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { csrfHeader, messageOf } from './session';

/**
 * The API client, typed from the API's own OpenAPI document (`openapi.json`, written by the API
 * and turned into `schema.d.ts` at build): a route or field the API no longer has fails the
 * console's build instead of a user's page.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

const writesCarryCsrfToken: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      for (const [name, value] of Object.entries(csrfHeader())) request.headers.set(name, value);
    }
    return request;
  },
  async onResponse({ response }) {
    if (!response.ok) throw new Error(await messageOf(response.clone()));
    return response;
  },
};
api.use(writesCarryCsrfToken);
