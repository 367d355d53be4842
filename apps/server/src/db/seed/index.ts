export * from './builders.js';
export * from './random.js';
export * from './demo.js';
export * as vocab from './vocab.js';
