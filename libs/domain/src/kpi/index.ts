export * from './paragraph.js';
export * from './setting.js';
export * from './rounding.js';
export * from './setting-shares.js';
