export * from './profile.js';
export * from './default-profile.js';
