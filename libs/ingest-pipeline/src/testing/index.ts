export * from './export-files.js';
export * from './ingest-test-kit.js';
export * from './until.js';
export * from './free-port.js';
export * from './personal-values.js';
export * from './rows-in-order.js';
export * from './quality-office.js';
export * from '../jobs/testing/index.js';
