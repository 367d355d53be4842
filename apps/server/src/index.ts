export { buildApp } from './app.js';
export { loadConfig, type Config } from './config.js';
export { openDatabase, queryRows, type Db, type Database } from './db/client.js';
export * as schema from './db/schema/index.js';
export type { Deps } from './platform/deps.js';
export { runPoolReclaim } from './features/assignment/reclaim-job.js';
export { runValueRefresh } from './features/value/refresh-job.js';
