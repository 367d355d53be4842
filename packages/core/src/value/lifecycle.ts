/**
 * Lifecycle stage by rule from the purchase history, with the date each stage began
 * (docs/decisions/0011). Pure: the scoring date is an argument.
 */
import type { Explanation } from './explain.js';
import { dayNumber, isoDate } from './time.js';

export type LifecycleStage = 'prospect' | 'new' | 'active' | 'mature' | 'at_risk' | 'churned' | 'won_back';

export type LifecycleRules = {
  /** A customer is `new` for this many days after the first purchase. */
  newForDays: number;
  /** `won_back` lasts this many days after the purchase that won the customer back. */
  wonBackForDays: number;
  /** `mature` needs at least this many purchase days... */
  matureMinPurchases: number;
  /** ...and at least this many days since the first purchase. */
  matureMinTenureDays: number;
  /** `at_risk` when days since the last purchase > atRiskFactor × usual interval. */
  atRiskFactor: number;
  /** `churned` when days since the last purchase > max(churnFactor × usual interval, churnMinDays). */
  churnFactor: number;
  churnMinDays: number;
  /** Usual interval assumed while a customer has fewer than two purchase days. */
  defaultIntervalDays: number;
};

export const DEFAULT_LIFECYCLE_RULES: LifecycleRules = {
  newForDays: 90,
  wonBackForDays: 90,
  matureMinPurchases: 5,
  matureMinTenureDays: 365,
  atRiskFactor: 1.5,
  churnFactor: 3,
  churnMinDays: 180,
  defaultIntervalDays: 90,
};

export type StagePeriod = { stage: LifecycleStage; since: string | null };

export type LifecycleResult = {
  stage: LifecycleStage;
  /** Date the current stage began (null for a prospect without a creation date). */
  since: string | null;
  /** Every stage the customer went through, oldest first. */
  history: StagePeriod[];
  /** Median days between distinct purchase days (as of the last purchase), or null. */
  usualIntervalDays: number | null;
  daysSinceLastPurchase: number | null;
  purchaseDays: number;
};

/** Median of the gaps in days between consecutive distinct purchase days; null with < 2 days. */
export function usualIntervalDays(purchaseDays: readonly number[]): number | null {
  if (purchaseDays.length < 2) return null;
  const gaps = purchaseDays.slice(1).map((d, i) => d - purchaseDays[i]!);
  gaps.sort((p, q) => p - q);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
}

/**
 * Walks the purchase history day by day of events and returns the stage as of `asOf` with its
 * history. Purchases after `asOf` are ignored; same-day purchases count once. Transitions:
 * first purchase → new; new (after newForDays) → active; active → mature once both mature
 * criteria hold; at_risk / churned by the quiet-period thresholds measured from the last purchase
 * with the usual interval known at that purchase; a purchase while at_risk → active (or mature);
 * a purchase while churned → won_back, which becomes active (or mature) after wonBackForDays.
 */
export function lifecycleStage(
  purchaseDates: readonly string[],
  asOf: string,
  rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES,
  createdAt?: string | null,
): LifecycleResult {
  const end = dayNumber(asOf);
  const days = [...new Set(purchaseDates.map(dayNumber))].filter((d) => d <= end).sort((p, q) => p - q);
  const history: StagePeriod[] = [{ stage: 'prospect', since: createdAt ? createdAt.slice(0, 10) : null }];
  const facts = lifecycleOfDays(days, 0, days.length, end, rules, (stage, day) =>
    history.push({ stage, since: isoDate(day) }),
  );
  if (days.length === 0) return result(history, null, null, 0);
  return result(history, facts.usualIntervalDays, facts.daysSinceLastPurchase, facts.purchaseDays);
}

/** The outcome of the lifecycle walk on day numbers (see lifecycleOfDays). */
export type LifecycleDays = {
  stage: LifecycleStage;
  /** Day number (days since 1970-01-01) the stage began; null for a prospect. */
  sinceDay: number | null;
  usualIntervalDays: number | null;
  daysSinceLastPurchase: number | null;
  purchaseDays: number;
};

/** The state of one lifecycle walk (module functions instead of closures: no allocation per step). */
type Walk = {
  days: ArrayLike<number>;
  lo: number;
  first: number;
  rules: LifecycleRules;
  onStage: ((stage: LifecycleStage, day: number) => void) | undefined;
  stage: LifecycleStage;
  sinceDay: number | null;
  wonBackAt: number;
  /** Up to five event days of a quiet period, sorted. */
  events: number[];
  /** The gaps between days[lo] … days[gapsThrough], ascending (kept sorted as the walk goes). */
  gaps: number[];
  gapsThrough: number;
};

/** Median gap between days[lo] … days[i] (the usual interval known at purchase i); null for one day. */
function medianGapThrough(w: Walk, i: number): number | null {
  const { days, gaps } = w;
  while (w.gapsThrough < i) {
    w.gapsThrough++;
    const g = days[w.gapsThrough]! - days[w.gapsThrough - 1]!;
    let j = gaps.length;
    gaps.push(g);
    for (; j > 0 && gaps[j - 1]! > g; j--) gaps[j] = gaps[j - 1]!;
    gaps[j] = g;
  }
  const n = i - w.lo;
  if (n < 1) return null;
  const mid = n >> 1;
  return n % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
}

function enter(w: Walk, s: LifecycleStage, day: number): void {
  if (w.stage === s) return;
  w.stage = s;
  w.sinceDay = day;
  w.onStage?.(s, day);
}

function settled(w: Walk, count: number, day: number): LifecycleStage {
  return count >= w.rules.matureMinPurchases && day - w.first >= w.rules.matureMinTenureDays
    ? 'mature'
    : 'active';
}

/** Adds `d` to the sorted events of a quiet period after `last`, when it falls in (last, until]. */
function addEvent(w: Walk, n: number, d: number, last: number, until: number): number {
  if (!(d > last && d <= until)) return n;
  let j = n;
  while (j > 0 && w.events[j - 1]! > d) {
    w.events[j] = w.events[j - 1]!;
    j--;
  }
  w.events[j] = d;
  return n + 1;
}

/** Quiet period after the purchase at index i (count = i − lo + 1 purchase days), up to `until` inclusive. */
function quiet(w: Walk, i: number, until: number): void {
  const { days, lo, first, rules } = w;
  const last = days[i]!;
  const count = i - lo + 1;
  const interval = medianGapThrough(w, i) ?? rules.defaultIntervalDays;
  const atRiskAt = last + Math.floor(rules.atRiskFactor * interval) + 1;
  const churnAt = last + Math.floor(Math.max(rules.churnFactor * interval, rules.churnMinDays)) + 1;
  let n = addEvent(w, 0, first + rules.newForDays, last, until);
  n = addEvent(w, n, w.wonBackAt + rules.wonBackForDays, last, until);
  n = addEvent(w, n, first + rules.matureMinTenureDays, last, until);
  n = addEvent(w, n, atRiskAt, last, until);
  n = addEvent(w, n, churnAt, last, until);
  for (let e = 0; e < n; e++) {
    const day = w.events[e]!;
    const s = w.stage;
    if (day >= churnAt) enter(w, 'churned', day);
    else if (day >= atRiskAt) {
      if (s !== 'churned') enter(w, 'at_risk', day);
    } else if (s === 'new' && day >= first + rules.newForDays) enter(w, settled(w, count, day), day);
    else if (s === 'won_back' && day >= w.wonBackAt + rules.wonBackForDays)
      enter(w, settled(w, count, day), day);
    else if (s === 'active') enter(w, settled(w, count, day), day);
  }
}

/**
 * The lifecycle walk of `lifecycleStage` on day numbers, without building strings or the history:
 * `days[lo]` … `days[hi − 1]` are the customer's distinct purchase days (days since 1970-01-01),
 * ascending and all ≤ `end` (the scoring day). `onStage`, when given, hears every stage entered
 * after `prospect` with the day it began, in order. Same rules and results as `lifecycleStage`
 * (which calls it); the value-refresh job calls it directly for a million customers.
 */
export function lifecycleOfDays(
  days: ArrayLike<number>,
  lo: number,
  hi: number,
  end: number,
  rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES,
  onStage?: (stage: LifecycleStage, day: number) => void,
): LifecycleDays {
  if (hi <= lo)
    return {
      stage: 'prospect',
      sinceDay: null,
      usualIntervalDays: null,
      daysSinceLastPurchase: null,
      purchaseDays: 0,
    };
  const first = days[lo]!;
  const w: Walk = {
    days,
    lo,
    first,
    rules,
    onStage,
    stage: 'prospect',
    sinceDay: null,
    wonBackAt: -Infinity,
    events: [0, 0, 0, 0, 0],
    gaps: [],
    gapsThrough: lo,
  };
  for (let i = lo; i < hi; i++) {
    const day = days[i]!;
    if (i > lo) quiet(w, i - 1, day - 1);
    const s = w.stage;
    const count = i - lo + 1;
    if (i === lo) enter(w, rules.newForDays > 0 ? 'new' : settled(w, count, day), day);
    else if (s === 'churned') {
      w.wonBackAt = day;
      enter(w, 'won_back', day);
    } else if (
      s === 'at_risk' ||
      s === 'active' ||
      (s === 'new' && day >= first + rules.newForDays) ||
      (s === 'won_back' && day >= w.wonBackAt + rules.wonBackForDays)
    )
      enter(w, settled(w, count, day), day);
  }
  quiet(w, hi - 1, end);
  return {
    stage: w.stage,
    sinceDay: w.sinceDay,
    usualIntervalDays: medianGapThrough(w, hi - 1),
    daysSinceLastPurchase: end - days[hi - 1]!,
    purchaseDays: hi - lo,
  };
}

/**
 * The days a customer entered the live stages and `churned`, alternately: [first purchase day,
 * churned, won back, churned, …] (day numbers). `days` are its distinct purchase days, ascending
 * — all of them: the walk is causal, so the boundaries up to any day d are those of the walk to d,
 * and one timeline answers every period (the KPIs' retention and churn, decision 0063). Live on
 * day d (new, active, mature, at risk or won back) ⇔ an odd number of boundaries are ≤ d.
 */
export function liveBoundaries(
  days: ArrayLike<number>,
  rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES,
): number[] {
  const out: number[] = [];
  lifecycleOfDays(days, 0, days.length, Number.MAX_SAFE_INTEGER, rules, (stage, day) => {
    const live = out.length % 2 === 1;
    if (stage === 'churned' ? live : !live) out.push(day);
  });
  return out;
}

function result(
  history: StagePeriod[],
  interval: number | null,
  daysSince: number | null,
  purchaseDays: number,
): LifecycleResult {
  if (history.length > 1 && history[0]!.since === null) history = history.slice(1);
  const now = history[history.length - 1]!;
  return {
    stage: now.stage,
    since: now.since,
    history,
    usualIntervalDays: interval,
    daysSinceLastPurchase: daysSince,
    purchaseDays,
  };
}

/** Why a customer is in its stage: the facts and the rule thresholds in force. */
export function explainLifecycle(
  r: LifecycleResult,
  rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES,
): Explanation {
  const interval = r.usualIntervalDays ?? rules.defaultIntervalDays;
  const atRisk = rules.atRiskFactor * interval;
  const churn = Math.max(rules.churnFactor * interval, rules.churnMinDays);
  const reasons = [{ code: `stage_${r.stage}`, value: r.since }] as Explanation['reasons'];
  if (r.daysSinceLastPurchase !== null) {
    if (r.stage === 'churned')
      reasons.push({
        code: 'no_purchase_beyond_churn_threshold',
        value: r.daysSinceLastPurchase,
        threshold: churn,
      });
    else if (r.stage === 'at_risk')
      reasons.push({
        code: 'no_purchase_beyond_usual_interval',
        value: r.daysSinceLastPurchase,
        threshold: atRisk,
      });
    else if (r.stage === 'mature')
      reasons.push({
        code: 'purchases_for_mature',
        value: r.purchaseDays,
        threshold: rules.matureMinPurchases,
      });
  }
  return {
    score: 'lifecycle',
    result: r.stage,
    model: 'lifecycle_rules_v1',
    inputs: {
      purchaseDays: r.purchaseDays,
      daysSinceLastPurchase: r.daysSinceLastPurchase,
      usualIntervalDays: r.usualIntervalDays,
    },
    parameters: { ...rules, atRiskAfterDays: atRisk, churnedAfterDays: churn },
    reasons,
  };
}
