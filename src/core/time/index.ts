export * from './clock.js';
export * from './date.js';
export * from './instant.js';
export * from './zone.js';
