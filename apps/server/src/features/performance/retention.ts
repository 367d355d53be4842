/**
 * Retention and churn of one customer over a period, from its purchase days (docs/kpis.md):
 * whether it was live the day before the period, entered `churned` during it, and is not churned
 * at its last day — with one lifecycle walk instead of two (decision 0061).
 */
import { DEFAULT_LIFECYCLE_RULES, lifecycleOfDays } from '@steward/core';

const LIVE = new Set(['new', 'active', 'mature', 'at_risk', 'won_back']);

/** Day numbers, one per order, in any order → each day once, ascending. */
export const distinctSorted = (days: readonly number[]) => {
  const sorted = days.slice().sort((p, q) => p - q);
  return sorted.filter((d, i) => i === 0 || d !== sorted[i - 1]);
};

/**
 * `days`: the customer's distinct purchase days, ascending (day numbers, days since 1970-01-01);
 * `dayBefore`: the day before the period; `lastDay`: its last day (or today). Null when the
 * customer was not live the day before (not in the base). The lifecycle walk is causal — a stage
 * on a day depends on the purchases up to that day only — so the stage the day before is the
 * last one entered by then in the walk to the last day.
 */
export function retentionOf(
  days: readonly number[],
  dayBefore: number,
  lastDay: number,
): { churned: boolean; retained: boolean } | null {
  let upTo = 0;
  while (upTo < days.length && days[upTo]! <= lastDay) upTo++;
  const seen = { before: 'prospect' as string, churned: false };
  const after = lifecycleOfDays(days, 0, upTo, lastDay, DEFAULT_LIFECYCLE_RULES, (stage, day) => {
    if (day <= dayBefore) seen.before = stage;
    else if (stage === 'churned') seen.churned = true;
  });
  if (!LIVE.has(seen.before)) return null;
  return { churned: seen.churned, retained: after.stage !== 'churned' };
}

/** How many of the ascending `boundaries` are ≤ day. */
function countUpTo(boundaries: readonly number[], day: number) {
  let n = 0;
  while (n < boundaries.length && boundaries[n]! <= day) n++;
  return n;
}

/**
 * retentionOf from the customer's stored live boundaries (`liveBoundaries` of all its purchase
 * days, decision 0063) instead of its purchase days: live the day before ⇔ an odd count up to it;
 * churned during the period ⇔ a `churned` boundary (odd position) in (dayBefore, lastDay];
 * retained ⇔ live on the last day. The book query counts the same in SQL (`bookFacts`, kpi-repo:
 * `width_bucket` is countUpTo); this is its specification, checked against the walk in
 * retention.unit.test.ts and, through the KPIs, in lifecycle-boundaries.test.ts.
 */
export function retentionFromBoundaries(
  boundaries: readonly number[],
  dayBefore: number,
  lastDay: number,
): { churned: boolean; retained: boolean } | null {
  const before = countUpTo(boundaries, dayBefore);
  if (before % 2 === 0) return null;
  const last = countUpTo(boundaries, lastDay);
  return { churned: last - before >= 1, retained: last % 2 === 1 };
}
