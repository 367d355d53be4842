/**
 * Satisfaction survey scoring (PRODUCT.md C5): CSAT is a 1–5 rating averaged over the answers;
 * NPS asks 0–10 "how likely to recommend" and is the percentage of promoters (9–10) minus the
 * percentage of detractors (0–6), from −100 to 100. A low score (CSAT ≤ 2, NPS ≤ 6) asks for a
 * follow-up by the customer's manager.
 */
export const SURVEY_KINDS = ['csat', 'nps'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const SCORE_RANGE: Record<SurveyKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
};

/** The highest score that still counts as low and creates a follow-up task. */
export const LOW_SCORE_MAX: Record<SurveyKind, number> = { csat: 2, nps: 6 };

export const isValidScore = (kind: SurveyKind, score: number): boolean =>
  Number.isInteger(score) && score >= SCORE_RANGE[kind].min && score <= SCORE_RANGE[kind].max;

export const isLowScore = (kind: SurveyKind, score: number): boolean => score <= LOW_SCORE_MAX[kind];

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

export function npsCategory(score: number): NpsCategory {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** Mean of CSAT scores, or null without answers. */
export function csatAverage(scores: readonly number[]): number | null {
  if (!scores.length) return null;
  return scores.reduce((s, x) => s + x, 0) / scores.length;
}

/** Mean CSAT from a sum and a count of answers (as a database aggregates them), or null. */
export const csatFromTotals = (t: { sum: number; responses: number }): number | null =>
  t.responses > 0 ? t.sum / t.responses : null;

/** NPS from counts: %promoters − %detractors over all answers, or null without answers. */
export function npsFromCounts(c: {
  promoters: number;
  detractors: number;
  responses: number;
}): number | null {
  if (c.responses <= 0) return null;
  return ((c.promoters - c.detractors) / c.responses) * 100;
}

/** NPS of a list of 0–10 scores, or null without answers. */
export function netPromoterScore(scores: readonly number[]): number | null {
  let promoters = 0;
  let detractors = 0;
  for (const s of scores) {
    const c = npsCategory(s);
    if (c === 'promoter') promoters++;
    else if (c === 'detractor') detractors++;
  }
  return npsFromCounts({ promoters, detractors, responses: scores.length });
}

/** Share of sends answered, 0..1, or null when nothing was sent. */
export const responseRate = (responses: number, sent: number): number | null =>
  sent > 0 ? responses / sent : null;

/** When a link sent at `sentAt` stops accepting answers. */
export const surveyExpiresAt = (sentAt: Date, validDays: number): Date =>
  new Date(sentAt.getTime() + validDays * 86_400_000);

/** pending: can be answered; answered: done; expired: no longer accepted. */
export type SurveySendStatus = 'pending' | 'answered' | 'expired';

export function sendStatus(s: { answeredAt: Date | null; expiresAt: Date }, now: Date): SurveySendStatus {
  if (s.answeredAt) return 'answered';
  return s.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

/** Rounds for display (averages to 2 decimals, NPS to 1) without turning null into 0. */
export const roundTo = (value: number | null, decimals: number): number | null =>
  value === null ? null : Math.round(value * 10 ** decimals) / 10 ** decimals;
