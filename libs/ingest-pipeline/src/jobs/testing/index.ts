export * from './clean-run.js';
export * from './drop-file.js';
export * from './job-test-env.js';
export * from './tcp-cut.js';
export { until } from '../../testing/until.js';
export { freePort } from '../../testing/free-port.js';
