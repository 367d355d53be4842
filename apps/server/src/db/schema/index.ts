export * from './platform.js';
export * from './customers.js';
export * from './assignment.js';
export * from './jobs.js';
export * from './engagement.js';
export * from './value.js';
