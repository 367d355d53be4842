import type { zhPerf } from './zh-CN-perf';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English for the perf pages; keys identical to zh-CN-perf. */
export const enPerf: Strings<typeof zhPerf> = {};
