export * from './event.js';
export * from './errors.js';
export * from './event-id.js';
export * from './upcasting.js';
export * from './append.js';
export * from './read.js';
export * from './event-store.js';
