/**
 * Next-best action for a manager's book: who to contact now and why (PRODUCT.md C6).
 */
import type { Explanation, ScoreReason } from './explain.js';

export type NbaCustomer = {
  customerId: string;
  /** Predicted (discounted) value over the horizon, currency units. */
  clv: number;
  /** P(alive) now, 0–1. */
  pAlive: number;
  /** P(alive) at the previous scoring (e.g. 30 days ago), to detect a fall; null if unknown. */
  pAlivePrevious?: number | null;
  /** Reasons from churnIndicators when it alerted; empty or absent otherwise. */
  churnReasons?: readonly ScoreReason[];
  overdueVisits?: number;
  daysSinceLastContact?: number | null;
};

export type NbaConfig = {
  /** P(alive) counts as falling when it dropped by at least this since the previous scoring. */
  pAliveDropAtLeast: number;
  /** Retain (rather than check in) when P(alive) is below this. */
  retainBelowPAlive: number;
  /** Not contacted for more than this many days is a reason. */
  contactGapDays: number;
  /** Priority = value at risk × (1 + sum of the weights of the reasons that fired). */
  weights: { pAliveFalling: number; churnAlert: number; overdueVisits: number; notContacted: number };
  /** Customers whose value at risk is below this and have no other reason are left out. */
  minValueAtRisk: number;
  /** At most this many customers are returned. */
  limit: number;
};

export const DEFAULT_NBA_CONFIG: NbaConfig = {
  pAliveDropAtLeast: 0.1,
  retainBelowPAlive: 0.5,
  contactGapDays: 60,
  weights: { pAliveFalling: 0.5, churnAlert: 0.5, overdueVisits: 0.25, notContacted: 0.25 },
  minValueAtRisk: 0,
  limit: 20,
};

export type NbaAction = 'retain' | 'visit' | 'check_in';

export type NbaItem = {
  customerId: string;
  action: NbaAction;
  /** Ranking score, currency units: value at risk × (1 + weights of fired reasons). */
  priority: number;
  /** CLV × (1 − P(alive)), currency units. */
  valueAtRisk: number;
  reasons: ScoreReason[];
};

/** Scores one customer; see rankNextBestActions. */
export function scoreNextBestAction(c: NbaCustomer, cfg: NbaConfig = DEFAULT_NBA_CONFIG): NbaItem {
  const valueAtRisk = Math.max(0, c.clv) * (1 - c.pAlive);
  const reasons: ScoreReason[] = [
    { code: 'value_at_risk', value: valueAtRisk, threshold: cfg.minValueAtRisk },
  ];
  let boost = 0;
  const falling =
    c.pAlivePrevious !== null &&
    c.pAlivePrevious !== undefined &&
    c.pAlivePrevious - c.pAlive >= cfg.pAliveDropAtLeast;
  if (falling) {
    boost += cfg.weights.pAliveFalling;
    reasons.push({
      code: 'p_alive_falling',
      value: c.pAlive - c.pAlivePrevious!,
      threshold: -cfg.pAliveDropAtLeast,
    });
  }
  const churn = c.churnReasons ?? [];
  if (churn.length > 0) {
    boost += cfg.weights.churnAlert;
    reasons.push({ code: 'churn_alert', value: churn.length }, ...churn);
  }
  const overdue = c.overdueVisits ?? 0;
  if (overdue > 0) {
    boost += cfg.weights.overdueVisits;
    reasons.push({ code: 'overdue_visits', value: overdue, threshold: 1 });
  }
  const gap = c.daysSinceLastContact ?? null;
  if (gap !== null && gap > cfg.contactGapDays) {
    boost += cfg.weights.notContacted;
    reasons.push({ code: 'not_contacted_recently', value: gap, threshold: cfg.contactGapDays });
  }
  const action: NbaAction =
    falling || churn.length > 0 || c.pAlive < cfg.retainBelowPAlive
      ? 'retain'
      : overdue > 0
        ? 'visit'
        : 'check_in';
  return { customerId: c.customerId, action, priority: valueAtRisk * (1 + boost), valueAtRisk, reasons };
}

/**
 * Ranks a book: highest priority first (ties: higher CLV, then customerId), keeping customers with
 * value at risk ≥ minValueAtRisk or any other reason, at most `limit` of them.
 */
export function rankNextBestActions(
  customers: readonly NbaCustomer[],
  cfg: NbaConfig = DEFAULT_NBA_CONFIG,
): NbaItem[] {
  const clv = new Map(customers.map((c) => [c.customerId, c.clv]));
  return customers
    .map((c) => scoreNextBestAction(c, cfg))
    .filter((i) => i.valueAtRisk >= cfg.minValueAtRisk || i.reasons.length > 1)
    .sort(
      (p, q) =>
        q.priority - p.priority ||
        clv.get(q.customerId)! - clv.get(p.customerId)! ||
        (p.customerId < q.customerId ? -1 : p.customerId > q.customerId ? 1 : 0),
    )
    .slice(0, cfg.limit);
}

/** Why a customer is ranked where it is. */
export function explainNextBestAction(c: NbaCustomer, cfg: NbaConfig = DEFAULT_NBA_CONFIG): Explanation {
  const i = scoreNextBestAction(c, cfg);
  return {
    score: 'next_best_action',
    result: i.action,
    model: 'nba_value_at_risk_v1',
    inputs: {
      clv: c.clv,
      pAlive: c.pAlive,
      pAlivePrevious: c.pAlivePrevious ?? null,
      overdueVisits: c.overdueVisits ?? 0,
      daysSinceLastContact: c.daysSinceLastContact ?? null,
      priority: i.priority,
    },
    parameters: {
      pAliveDropAtLeast: cfg.pAliveDropAtLeast,
      retainBelowPAlive: cfg.retainBelowPAlive,
      contactGapDays: cfg.contactGapDays,
      ...Object.fromEntries(Object.entries(cfg.weights).map(([k, v]) => [`weight_${k}`, v])),
    },
    reasons: i.reasons,
  };
}
