export { createApi } from './create-api.js';
export { issueToken } from './access/token-store.js';
