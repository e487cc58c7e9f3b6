export * from './row-issue.js';
export * from './field-reader.js';
export * from './validate-row.js';
export * from './date-range.js';
