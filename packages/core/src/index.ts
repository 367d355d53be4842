export * from './access/roles.js';
export * from './profile/normalize.js';
export * from './profile/masking.js';
export * from './profile/completeness.js';
export * from './profile/duplicates.js';
export * from './profile/custom-fields.js';
export * from './value/index.js';
export * from './assignment/index.js';
