export * from './scopes.js';
export * from './delivery.js';
