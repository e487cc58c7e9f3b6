export * from './paragraph.js';
export * from './setting.js';
export * from './rounding.js';
export * from './setting-shares.js';
export * from './staff-over-time.js';
export * from './fluctuation.js';
export * from './suppression.js';
