export * from './exports/index.js';
export * from './records/index.js';
export * from './events/index.js';
export * from './change-detection/index.js';
export * from './pseudonym.js';
export * from './parsing/index.js';
export * from './validation/index.js';
export * from './kpi/index.js';
