export * from './event-types.js';
export * from './compact-payload.js';
