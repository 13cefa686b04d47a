export * from './appeal-flow.js';
export * from './cycle.js';
export * from './explain.js';
export * from './formula.js';
export * from './ledger.js';
