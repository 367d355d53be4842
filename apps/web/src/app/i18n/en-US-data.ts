import type { zhData } from './zh-CN-data';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English for the data pages; keys identical to zh-CN-data. */
export const enData: Strings<typeof zhData> = {};
