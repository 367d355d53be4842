/**
 * Goal arithmetic: the straight-line expectation over a period, progress against it and the
 * off-track rule (10% or more behind the expectation), and splitting a team target over members.
 */
import type { KpiDirection } from './kpis.js';

/** A goal is off track when it is this far (or further) behind the straight-line expectation. */
export const OFF_TRACK_BEHIND = 0.1;
const EPS = 1e-9;

/**
 * Share of the period elapsed at `asOf` (0 before it starts, 1 after it ends); the period runs
 * from `startMs` (inclusive) to `endMs` (exclusive), both instants.
 */
export function elapsedFraction(startMs: number, endMs: number, asOfMs: number): number {
  if (endMs <= startMs) return 1;
  return Math.min(1, Math.max(0, (asOfMs - startMs) / (endMs - startMs)));
}

export type GoalProgressInput = {
  target: number;
  /** The KPI over the period so far; null when it had no data. */
  actual: number | null;
  /** elapsedFraction of the period. */
  fraction: number;
  direction: KpiDirection;
  /** Additive KPIs (sums, counts) accumulate: the expectation grows with time; others must hold the target throughout. */
  additive: boolean;
};

export type GoalProgress = {
  actual: number | null;
  expected: number;
  /** actual / expected; null when nothing is expected yet or nothing is known. */
  ratio: number | null;
  offTrack: boolean;
};

/**
 * Progress against the straight line. A sum with no data so far counts as 0; a rate or average
 * with no data is unknown and never off track. Higher-is-better: off track when actual is at
 * least 10% below expected; lower-is-better: when actual is at least 10% above expected (any
 * amount above an expectation of 0).
 */
export function goalProgress(input: GoalProgressInput): GoalProgress {
  const expected = input.additive ? input.target * input.fraction : input.target;
  const actual = input.actual ?? (input.additive ? 0 : null);
  if (actual === null) return { actual, expected, ratio: null, offTrack: false };
  const ratio = expected !== 0 ? actual / expected : null;
  let offTrack: boolean;
  if (input.direction === 'higher')
    offTrack = expected > 0 && (expected - actual) / expected >= OFF_TRACK_BEHIND - EPS;
  else
    offTrack =
      expected > 0 ? (actual - expected) / expected >= OFF_TRACK_BEHIND - EPS : actual > expected + EPS;
  return { actual, expected, ratio, offTrack };
}

/** Equal shares for each member (they sum to 1). */
export function equalShares(memberIds: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of memberIds) out[id] = 1 / memberIds.length;
  return out;
}

/** Shares must be positive and add up to 1 (within 0.001). Returns the problem, or null. */
export function checkShares(shares: Record<string, number>): string | null {
  const values = Object.values(shares);
  if (!values.length) return 'at least one member';
  if (values.some((v) => !(v > 0))) return 'every share must be above 0';
  const sum = values.reduce((s, v) => s + v, 0);
  if (Math.abs(sum - 1) > 0.001)
    return `shares must add up to 1 (they add up to ${Math.round(sum * 1000) / 1000})`;
  return null;
}

/**
 * Member targets from a team target: an additive KPI is split by share (rounded to 4 decimals);
 * a rate or average is not divisible, so every member gets the team's target.
 */
export function splitTarget(
  target: number,
  shares: Record<string, number>,
  additive: boolean,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, share] of Object.entries(shares))
    out[id] = additive ? Math.round(target * share * 10_000) / 10_000 : target;
  return out;
}
