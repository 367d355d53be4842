import type { zhVisits } from './zh-CN-visits';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English for the visits pages; keys identical to zh-CN-visits. */
export const enVisits: Strings<typeof zhVisits> = {};
