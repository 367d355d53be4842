import type { Config } from '../config.js';
import type { Db, DatabaseKind } from '../db/client.js';

/** What services need from the outside world; the clock is a dependency so tests can move it. */
export type Deps = {
  db: Db;
  dbKind: DatabaseKind;
  config: Config;
  now: () => Date;
};
