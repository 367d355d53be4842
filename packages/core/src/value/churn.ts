/**
 * Churn indicators with configurable thresholds (PRODUCT.md C6). Pure: the caller gathers the
 * customer's facts; the result says whether to alert and why, as codes and numbers for the UI.
 */
import type { Explanation, ScoreReason } from './explain.js';

export type ChurnFacts = {
  /** Days since the last purchase, or null when the customer never bought. */
  daysSinceLastPurchase: number | null;
  /** The customer's own usual interval between purchases in days (e.g. median gap), or null. */
  usualIntervalDays: number | null;
  /** BG/NBD probability the customer is still active, 0–1, or null when not modelled. */
  pAlive: number | null;
  /** Purchases in the recent window, and in an earlier window of the same length. */
  recentPurchases: number | null;
  earlierPurchases: number | null;
  /** Complaints opened in the recent window. */
  recentComplaints: number;
  /** Change in satisfaction score (recent mean − earlier mean, on the survey's scale), or null. */
  satisfactionTrend: number | null;
  /** Planned visits past their due date and not done. */
  overdueVisits: number;
};

export type ChurnThresholds = {
  /** Alert when days since last purchase > overdueFactor × usual interval... */
  overdueFactor: number;
  /** ...and more than this many days (avoids alerts on very frequent buyers). */
  overdueMinDays: number;
  /** Alert when P(alive) < this. */
  pAliveBelow: number;
  /** Alert when recent / earlier purchases < this, given at least minEarlierPurchases earlier. */
  frequencyRatioBelow: number;
  minEarlierPurchases: number;
  /** Alert when recent complaints ≥ this. */
  complaintsAtLeast: number;
  /** Alert when satisfaction trend ≤ −this (a drop of at least this many points). */
  satisfactionDropAtLeast: number;
  /** Alert when overdue visits ≥ this. */
  overdueVisitsAtLeast: number;
  /** An alert needs at least this many indicators firing. */
  minReasons: number;
};

export const DEFAULT_CHURN_THRESHOLDS: ChurnThresholds = {
  overdueFactor: 1.5,
  overdueMinDays: 14,
  pAliveBelow: 0.5,
  frequencyRatioBelow: 0.5,
  minEarlierPurchases: 2,
  complaintsAtLeast: 2,
  satisfactionDropAtLeast: 1,
  overdueVisitsAtLeast: 1,
  minReasons: 1,
};

export type ChurnAssessment = { alert: boolean; reasons: ScoreReason[] };

/**
 * Evaluates each indicator; `reasons` lists those that fired, each with its code, the customer's
 * value and the threshold it crossed (days, probability, ratio, count or score points):
 * overdue_vs_usual_interval (days vs overdueFactor × interval), p_alive_low, purchase_frequency_drop
 * (recent/earlier ratio), recent_complaints, satisfaction_drop (trend, threshold negative),
 * overdue_visits. Missing facts (null) never fire.
 */
export function churnIndicators(
  f: ChurnFacts,
  t: ChurnThresholds = DEFAULT_CHURN_THRESHOLDS,
): ChurnAssessment {
  const reasons: ScoreReason[] = [];
  if (f.daysSinceLastPurchase !== null && f.usualIntervalDays !== null) {
    const threshold = Math.max(t.overdueFactor * f.usualIntervalDays, t.overdueMinDays);
    if (f.daysSinceLastPurchase > threshold)
      reasons.push({ code: 'overdue_vs_usual_interval', value: f.daysSinceLastPurchase, threshold });
  }
  if (f.pAlive !== null && f.pAlive < t.pAliveBelow)
    reasons.push({ code: 'p_alive_low', value: f.pAlive, threshold: t.pAliveBelow });
  if (
    f.recentPurchases !== null &&
    f.earlierPurchases !== null &&
    f.earlierPurchases >= t.minEarlierPurchases
  ) {
    const ratio = f.recentPurchases / f.earlierPurchases;
    if (ratio < t.frequencyRatioBelow)
      reasons.push({ code: 'purchase_frequency_drop', value: ratio, threshold: t.frequencyRatioBelow });
  }
  if (f.recentComplaints >= t.complaintsAtLeast)
    reasons.push({ code: 'recent_complaints', value: f.recentComplaints, threshold: t.complaintsAtLeast });
  if (f.satisfactionTrend !== null && f.satisfactionTrend <= -t.satisfactionDropAtLeast)
    reasons.push({
      code: 'satisfaction_drop',
      value: f.satisfactionTrend,
      threshold: -t.satisfactionDropAtLeast,
    });
  if (f.overdueVisits >= t.overdueVisitsAtLeast)
    reasons.push({ code: 'overdue_visits', value: f.overdueVisits, threshold: t.overdueVisitsAtLeast });
  return { alert: reasons.length >= t.minReasons && reasons.length > 0, reasons };
}

/** The churn assessment as an Explanation (all facts and thresholds, the indicators that fired). */
export function explainChurn(f: ChurnFacts, t: ChurnThresholds = DEFAULT_CHURN_THRESHOLDS): Explanation {
  const a = churnIndicators(f, t);
  return {
    score: 'churn',
    result: a.alert ? 'alert' : 'no_alert',
    model: 'churn_indicators_v1',
    inputs: { ...f },
    parameters: { ...t },
    reasons: a.reasons,
  };
}
