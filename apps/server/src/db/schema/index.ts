export * from './platform.js';
export * from './customers.js';
