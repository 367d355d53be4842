export * from './scoring.js';
export * from './answers.js';
