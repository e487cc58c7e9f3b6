export * from './schema.js';
export * from './connect.js';
export * from './migrate.js';
export * from './tenant.js';
export * from './events-readable.js';
export { REDACTOR_ROLE } from './migrations/0016-redaction.js';
