/** The small statistics KPIs are made of. Every one answers null when there is nothing to measure. */

/** Median of the values (mean of the middle two for an even count); null for none. */
export function medianOf(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function meanOf(values: readonly number[]): number | null {
  if (!values.length) return null;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** part / whole, or null when the whole is 0 (a rate of nothing is unknown, not 0). */
export function rateOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Net promoter score of 0–10 answers: % promoters (9–10) − % detractors (0–6); null for none. */
export function npsOf(scores: readonly number[]): number | null {
  if (!scores.length) return null;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return ((promoters - detractors) / scores.length) * 100;
}

/** Rounds to `digits` decimals, keeping null. */
export function roundKpi(value: number | null, digits: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A count that is 0 means "no data in the period": null, not 0 (API.md). */
export const countOrNull = (n: number): number | null => (n > 0 ? n : null);
