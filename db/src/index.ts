export * from './schema.js';
export * from './connect.js';
export * from './migrate.js';
export * from './tenant.js';
export { REDACTOR_ROLE } from './migrations/0016-redaction.js';
export * from './office-isolation/office-scope.js';
export * from './office-isolation/office-settings.js';
export * from './office-isolation/across-offices.js';
