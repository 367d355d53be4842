export * from './kpis.js';
export * from './stats.js';
export * from './goals.js';
export * from './scorecard.js';
export * from './period.js';
export * from './commission.js';
export * from './promotion.js';
