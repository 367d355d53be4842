import type { TFunction } from 'i18next';

const SEGMENTS = new Set([
  'champions',
  'loyal',
  'potential',
  'new',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
]);
const STAGES = new Set(['prospect', 'new', 'active', 'mature', 'at_risk', 'churned', 'won_back']);
/** Reason codes of next-best-action and the churn indicators (packages/core/src/value). */
export const REASON_CODES = new Set([
  'value_at_risk',
  'p_alive_falling',
  'churn_alert',
  'overdue_visits',
  'not_contacted_recently',
  'overdue_vs_usual_interval',
  'p_alive_low',
  'purchase_frequency_drop',
  'recent_complaints',
  'satisfaction_drop',
]);
/** Reason codes of the re-evaluation proposals (packages/core/src/assignment/reevaluation.ts). */
const PROPOSAL_REASONS = new Set(['high_potential', 'high_potential_no_capacity', 'low_value']);

export const segmentLabel = (t: TFunction, s: string) =>
  SEGMENTS.has(s) ? t(`customerValue.segments.${s}`) : s;
export const stageLabel = (t: TFunction, s: string | null) =>
  s === null ? t('valueInsights.none') : STAGES.has(s) ? t(`stage.${s}`) : s;
export const tierLabel = (t: TFunction, tier: string | null) => tier ?? t('valueInsights.ungraded');
export const reasonLabel = (t: TFunction, code: string) =>
  REASON_CODES.has(code) ? t(`valueInsights.reasons.${code}`) : code;
export const proposalReasonLabel = (t: TFunction, code: string) =>
  PROPOSAL_REASONS.has(code) ? t(`valueInsights.reevaluation.reasons.${code}`) : code;

/** Compact amounts for axis labels and bucket names: 1.2K, 35M. */
export const compact = (v: number, lang: string) =>
  new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(v);
export const percent = (v: number | null, lang: string) =>
  v === null ? '—' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(v);
