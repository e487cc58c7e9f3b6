export * from './parse-result.js';
export * from './german-date.js';
export * from './german-number.js';
export * from './aktenzeichen.js';
export * from './code-lists.js';
export * from './export-file-name.js';
export * from './date-patterns.js';
