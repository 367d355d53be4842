export * from './business-time.js';
export * from './sla.js';
export * from './complaint-status.js';
export * from './stats.js';
