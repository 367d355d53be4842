/**
 * Percentile with linear interpolation between closest ranks (PostgreSQL's percentile_cont);
 * null for no values. `p` in [0, 1].
 */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(Math.max(p, 0), 1) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Median, 90th percentile and count of a list of durations. */
export function durationSummary(values: readonly number[]) {
  return { median: percentileCont(values, 0.5), p90: percentileCont(values, 0.9), count: values.length };
}
