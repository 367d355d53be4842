export * from './types.js';
export * from './fit.js';
export * from './rules.js';
export * from './pool.js';
export * from './reclaim.js';
export * from './rebalance.js';
export * from './handover.js';
export * from './reevaluation.js';
