export * from './record-change.js';
export * from './classify.js';
export * from './snapshot-diff.js';
export * from './overlap-dedupe.js';
