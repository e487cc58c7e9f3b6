export * from './events-readable.js';
export * from './stored-events.js';
