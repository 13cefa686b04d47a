export * from './calendar.js';
export * from './china.js';
export * from './csv.js';
export * from './ical.js';
export * from './types.js';
