import type { zhService } from './zh-CN-service';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English for the service pages; keys identical to zh-CN-service. */
export const enService: Strings<typeof zhService> = {};
