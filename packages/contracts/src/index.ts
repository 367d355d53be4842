export * from './common.js';
export * from './auth.js';
export * from './customers.js';
export * from './settings.js';
export * from './assignment.js';
export * from './engagement.js';
export * from './value.js';
