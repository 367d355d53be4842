import type { zhSurveys } from './zh-CN-surveys';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English for the surveys pages; keys identical to zh-CN-surveys. */
export const enSurveys: Strings<typeof zhSurveys> = {};
