export * from './fields.js';
export * from './suggest.js';
export * from './parse.js';
export * from './rows.js';
export * from './detect.js';
export * from './merge.js';
