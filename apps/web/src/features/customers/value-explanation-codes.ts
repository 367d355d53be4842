/** Codes of the value explanations (packages/core/src/value) the web app translates. */

/**
 * How a value is shown: `days`/`count` are numbers of days or things, `periods` are in the CLV
 * model's time unit, `score` is an RFM score out of 5, `factor` a multiplier, `percent` a 0–1
 * share, `date` a calendar date or an instant, `code` a value from VALUE_CODES, `text` free text.
 */
export type Kind =
  | 'days'
  | 'count'
  | 'money'
  | 'percent'
  | 'number'
  | 'score'
  | 'factor'
  | 'periods'
  | 'date'
  | 'code'
  | 'text'
  | 'cutoff';

/**
 * Every input and parameter key the value refresh emits (packages/core/src/value/*.ts explain
 * functions and apps/server/src/features/value/refresh-job.ts). `score.key` entries take
 * precedence where one key means different things in different scores; their labels live under
 * `customerValue.explain.keys.<score>_<key>`, the others under `customerValue.explain.keys.<key>`.
 */
export const KEY_KINDS: Record<string, Kind> = {
  // RFM
  daysSinceLastPurchase: 'days',
  frequency: 'count',
  monetary: 'money',
  population: 'count',
  'rfm.r': 'score',
  'rfm.f': 'score',
  'rfm.m': 'score',
  'rfm.fm': 'score',
  // Tier
  value: 'money',
  percentile: 'percent',
  overrideReason: 'text',
  kind: 'code',
  basis: 'code',
  A: 'cutoff',
  B: 'cutoff',
  C: 'cutoff',
  // Lifecycle
  purchaseDays: 'count',
  usualIntervalDays: 'days',
  newForDays: 'days',
  wonBackForDays: 'days',
  matureMinPurchases: 'count',
  matureMinTenureDays: 'days',
  atRiskFactor: 'factor',
  churnFactor: 'factor',
  churnMinDays: 'days',
  defaultIntervalDays: 'days',
  atRiskAfterDays: 'days',
  churnedAfterDays: 'days',
  // CLV (BG/NBD + Gamma-Gamma)
  'clv.x': 'count',
  'clv.tx': 'periods',
  'clv.T': 'periods',
  'clv.monetary': 'money',
  'clv.r': 'number',
  'clv.alpha': 'number',
  'clv.a': 'number',
  'clv.b': 'number',
  'clv.p': 'number',
  'clv.q': 'number',
  'clv.gamma': 'number',
  'clv.unit': 'code',
  'clv.horizon': 'periods',
  'clv.annualDiscountRate': 'percent',
  'clv.discountRatePerUnit': 'percent',
  // Churn
  pAlive: 'percent',
  recentPurchases: 'count',
  earlierPurchases: 'count',
  recentComplaints: 'count',
  satisfactionTrend: 'number',
  overdueVisits: 'count',
  overdueFactor: 'factor',
  overdueMinDays: 'days',
  pAliveBelow: 'percent',
  frequencyRatioBelow: 'percent',
  minEarlierPurchases: 'count',
  complaintsAtLeast: 'count',
  satisfactionDropAtLeast: 'number',
  overdueVisitsAtLeast: 'count',
  minReasons: 'count',
  // Next-best action
  clv: 'money',
  pAlivePrevious: 'percent',
  daysSinceLastContact: 'days',
  priority: 'number',
  pAliveDropAtLeast: 'percent',
  retainBelowPAlive: 'percent',
  contactGapDays: 'days',
  weight_pAliveFalling: 'number',
  weight_churnAlert: 'number',
  weight_overdueVisits: 'number',
  weight_notContacted: 'number',
};

/** Scores, models and string values with a translation. */
export const SCORES = new Set(['rfm', 'tier', 'lifecycle', 'clv', 'churn', 'next_best_action']);
export const MODELS = new Set([
  'rfm_quintiles_v1',
  'tier_percentile_v1',
  'tier_threshold_v1',
  'lifecycle_rules_v1',
  'bgnbd_gamma_gamma_v1',
  'churn_indicators_v1',
  'nba_value_at_risk_v1',
]);
export const VALUE_CODES = new Set([
  'percentile',
  'threshold',
  'historic',
  'predicted',
  'day',
  'week',
  'month',
  'alert',
  'no_alert',
  'retain',
  'visit',
  'check_in',
]);
export const UNITS = new Set(['day', 'week', 'month']);
export const SEGMENTS = new Set([
  'champions',
  'loyal',
  'potential',
  'new',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
]);
export const STAGE_CODES = new Set(['prospect', 'new', 'active', 'mature', 'at_risk', 'churned', 'won_back']);
export const TIERS = new Set(['A', 'B', 'C', 'D']);

/** Reason codes and how their value and threshold are shown; the churn codes reuse churnReasons. */
export const REASON_KINDS: Record<string, [Kind, Kind]> = {
  recency_score: ['score', 'days'],
  frequency_score: ['score', 'count'],
  monetary_score: ['score', 'money'],
  tier_no_value: ['text', 'text'],
  no_purchase_beyond_churn_threshold: ['days', 'days'],
  no_purchase_beyond_usual_interval: ['days', 'days'],
  purchases_for_mature: ['count', 'count'],
  p_alive: ['percent', 'percent'],
  expected_purchases: ['number', 'number'],
  expected_spend: ['money', 'money'],
  discounted_clv: ['money', 'money'],
  value_at_risk: ['money', 'money'],
  p_alive_falling: ['percent', 'percent'],
  churn_alert: ['count', 'count'],
  not_contacted_recently: ['days', 'days'],
};
export const CHURN_REASON_KINDS: Record<string, [Kind, Kind]> = {
  overdue_vs_usual_interval: ['days', 'days'],
  p_alive_low: ['percent', 'percent'],
  purchase_frequency_drop: ['percent', 'percent'],
  recent_complaints: ['count', 'count'],
  satisfaction_drop: ['number', 'number'],
  overdue_visits: ['count', 'count'],
};

/** The translated label of an input or parameter key, or null when the key is unknown. */
export const keyInfo = (score: string, key: string): { kind: Kind; i18nKey: string } | null => {
  const scoped = KEY_KINDS[`${score}.${key}`];
  if (scoped) return { kind: scoped, i18nKey: `customerValue.explain.keys.${score}_${key}` };
  const plain = Object.hasOwn(KEY_KINDS, key) ? KEY_KINDS[key] : undefined;
  return plain ? { kind: plain, i18nKey: `customerValue.explain.keys.${key}` } : null;
};
