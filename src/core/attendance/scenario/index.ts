export * from './json-schema.js';
export * from './load.js';
export * from './schema.js';
export * from './simulate.js';
